/**
 * Stored files no row refers to (`tootctl media remove-orphans`): attachment files whose row is
 * gone or points at another key, and avatars or headers an account no longer uses. Files written
 * in the last hour are left alone: a cache or upload job writes its files before its row.
 */
import type { AppContext } from "../../context";
import { listProfileImageKeys } from "../../db/queries/accounts-remote";
import { listMediaFileKeys } from "../../db/queries/media-attachments";
import type { StoredObject } from "../../media/storage";
import { deleteKeys } from "../../media/files";

/** Files younger than this are never orphans (their row may be about to be written). */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const BATCH = 500;

const MEDIA = /^media_attachments\/files\/(\d+)\//;
const PROFILE = /^accounts\/(avatars|headers)\/(\d+)\//;

/** The id in a media or profile image key, else null. */
function idIn(key: string, re: RegExp, group: number): number | null {
  const m = re.exec(key);
  return m ? Number(m[group]) : null;
}

/** Of `objs` (all under one prefix), the keys no row uses. */
function orphansAmong(ctx: AppContext, objs: StoredObject[], kind: "media" | "profile"): string[] {
  if (kind === "media") {
    const ids = objs.map((o) => idIn(o.key, MEDIA, 1)).filter((n): n is number => n !== null);
    const used = new Set(listMediaFileKeys(ctx.db, ids).flatMap((r) => [r.file_key, r.thumbnail_key]));
    return objs.filter((o) => !used.has(o.key)).map((o) => o.key);
  }
  const ids = objs.map((o) => idIn(o.key, PROFILE, 2)).filter((n): n is number => n !== null);
  const used = new Set(listProfileImageKeys(ctx.db, ids).flatMap((r) => [r.avatar_path, r.header_path]));
  return objs.filter((o) => !used.has(o.key)).map((o) => o.key);
}

/** Deletes orphaned media files and profile images; returns the keys it deleted and their bytes. */
export async function removeOrphanedFiles(ctx: AppContext): Promise<{ keys: string[]; bytes: number }> {
  const cutoff = ctx.now() - ORPHAN_GRACE_MS;
  const removed: string[] = [];
  let bytes = 0;
  for (const [prefix, kind] of [
    ["media_attachments/files/", "media"],
    ["accounts/", "profile"],
  ] as const) {
    let batch: StoredObject[] = [];
    const flush = async () => {
      const orphans = new Set(orphansAmong(ctx, batch, kind));
      const gone = batch.filter((o) => orphans.has(o.key));
      await deleteKeys(
        ctx,
        gone.map((o) => o.key),
      );
      for (const o of gone) {
        removed.push(o.key);
        bytes += o.size;
      }
      batch = [];
    };
    for await (const o of ctx.storage.list(prefix)) {
      if (o.modifiedAt > cutoff) continue;
      if (kind === "profile" && !PROFILE.test(o.key)) continue;
      if (kind === "media" && !MEDIA.test(o.key)) continue;
      batch.push(o);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
  }
  return { keys: removed, bytes };
}
