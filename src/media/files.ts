/** Storage keys for media files and the private local spool for uploads awaiting processing. */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { AppContext } from "../context";

/** A fresh key per write, so replaced files never hit a stale immutable cache. */
export function mediaKey(id: number, style: "original" | "small", ext: string): string {
  const rand = Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString("hex");
  return `media_attachments/files/${id}/${style}/${rand}.${ext}`;
}

/** Where an upload waits for its media.process job; outside the public media dir (it still has EXIF). */
export function pendingPath(ctx: AppContext, id: number): string {
  return join(ctx.config.dataDir, "media-pending", String(id));
}

/** Spools an upload for the processing job. */
export async function writePending(ctx: AppContext, id: number, bytes: Uint8Array): Promise<void> {
  await mkdir(join(ctx.config.dataDir, "media-pending"), { recursive: true });
  await Bun.write(pendingPath(ctx, id), bytes);
}

/** The spooled upload, or null when it is gone. */
export async function readPending(ctx: AppContext, id: number): Promise<Uint8Array | null> {
  const f = Bun.file(pendingPath(ctx, id));
  return (await f.exists()) ? new Uint8Array(await f.arrayBuffer()) : null;
}

/** Removes a spooled upload (no error when absent). */
export async function removePending(ctx: AppContext, id: number): Promise<void> {
  await rm(pendingPath(ctx, id), { force: true });
}

/** Deletes stored keys, logging instead of throwing: used for cleanup after a failed write. */
export async function deleteKeys(ctx: AppContext, keys: (string | null | undefined)[]): Promise<void> {
  for (const k of keys) {
    if (!k) continue;
    try {
      await ctx.storage.delete(k);
    } catch (e) {
      ctx.log.warn(`media: could not delete ${k}: ${(e as Error).message}`);
    }
  }
}
