/** The instance thumbnail (Mastodon's SiteUpload "thumbnail"): upload, replace or remove; audit-logged. */
import type { AppContext } from "../../context";
import { deleteSetting, getSetting, upsertSetting } from "../../db/queries/settings";
import { transaction } from "../../db/transaction";
import { processThumbnail } from "../../media/thumbnail";
import { logAdminAction, type Actor } from "../admin/action-log";

/** What the `thumbnail` setting holds: storage keys of both versions and the blurhash. */
export interface StoredThumbnail {
  "@1x": string;
  "@2x": string;
  blurhash: string;
}

/** The stored thumbnail, or null (the default image is shown). */
export function storedThumbnail(ctx: AppContext): StoredThumbnail | null {
  const raw = getSetting(ctx.db, "thumbnail");
  try {
    return raw ? (JSON.parse(raw) as StoredThumbnail) : null;
  } catch {
    return null;
  }
}

/**
 * Processes and stores a new thumbnail (null: remove it), then records it in one transaction;
 * 422 for a bad image with nothing written. The replaced files are deleted after the commit.
 */
export async function setInstanceThumbnail(ctx: AppContext, actor: Actor, file: Blob | null): Promise<StoredThumbnail | null> {
  const old = storedThumbnail(ctx);
  let next: StoredThumbnail | null = null;
  if (file) {
    const p = await processThumbnail(file);
    const rand = Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString("hex");
    const keys = { "@1x": `site_uploads/thumbnail/${rand}@1x.png`, "@2x": `site_uploads/thumbnail/${rand}@2x.png` };
    try {
      for (const v of ["@1x", "@2x"] as const) await ctx.storage.put(keys[v], p.versions[v], "image/png");
      next = { ...keys, blurhash: p.blurhash };
    } catch (e) {
      for (const k of Object.values(keys)) await ctx.storage.delete(k).catch(() => {});
      throw e;
    }
  }
  // Removing a thumbnail that is not there changes nothing: no write, no audit entry.
  if (!next && !old) return null;
  transaction(ctx.db, () => {
    if (next) upsertSetting(ctx.db, "thumbnail", JSON.stringify(next));
    else deleteSetting(ctx.db, "thumbnail");
    logAdminAction(ctx, actor, next ? "update" : "destroy", "SiteUpload", "thumbnail", "thumbnail");
  });
  if (old) for (const k of [old["@1x"], old["@2x"]]) await ctx.storage.delete(k).catch((e) => ctx.log.warn(`could not delete ${k}: ${e}`));
  return next;
}
