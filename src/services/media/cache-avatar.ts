/**
 * The local cache of remote avatars and headers (the `media.cache_avatar` job): downloaded,
 * cropped to Mastodon's sizes like local uploads and stored under accounts/avatars|headers/.
 * Cached profile images are kept by the media cache cleanup (as `tootctl media remove`
 * without --prune-profiles).
 */
import type { AppContext } from "../../context";
import { clearCachedProfileImage, getProfileImageColumns, setCachedProfileImage } from "../../db/queries/accounts-remote";
import type { AccountRow } from "../../db/rows";
import { ApiError } from "../../model/errors";
import { PROFILE_IMAGE_MAX_BYTES, processProfileImage, type ProfileImageKind } from "../../media/avatar";
import { deleteKeys } from "../../media/files";
import { fetchRemoteImage, RemoteMediaError } from "../../media/remote-fetch";
import { remoteMediaAllowed } from "./cache-remote";

/** Payload of `media.cache_avatar`: the account, and stale cached files to delete. */
export interface CacheAvatarPayload {
  accountId: number;
  remove?: string[];
}

const KINDS: ProfileImageKind[] = ["avatar", "header"];
type ImageCols = Pick<AccountRow, "avatar_remote_url" | "avatar_path" | "header_remote_url" | "header_path">;

const urlOf = (a: ImageCols | null, k: ProfileImageKind) => (k === "avatar" ? a?.avatar_remote_url : a?.header_remote_url) ?? null;
const pathOf = (a: ImageCols | null, k: ProfileImageKind) => (k === "avatar" ? a?.avatar_path : a?.header_path) ?? null;
const keyPrefix = (accountId: number, k: ProfileImageKind) => `accounts/${k}s/${accountId}/`;

/**
 * After a remote actor was stored (`before` = the row before, null for a new account): a
 * changed or removed image URL drops the old cached file at once (the remote URL is served
 * until the new copy is cached) and enqueues `media.cache_avatar`. Call inside the transaction.
 */
export function scheduleRemoteProfileImages(ctx: AppContext, before: ImageCols | null, after: AccountRow): void {
  const remove: string[] = [];
  let fetch = false;
  for (const k of KINDS) {
    const url = urlOf(after, k);
    const oldPath = pathOf(before, k);
    const changed = url !== urlOf(before, k);
    if (oldPath && changed) {
      remove.push(oldPath);
      clearCachedProfileImage(ctx.db, after.id, k);
    }
    if (url && (changed || !oldPath)) fetch = true;
  }
  if (remove.length || (fetch && after.suspended_at === null)) ctx.jobs.enqueue("media.cache_avatar", { accountId: after.id, remove });
}

async function cacheOne(ctx: AppContext, accountId: number, k: ProfileImageKind, url: string): Promise<void> {
  const { bytes } = await fetchRemoteImage(ctx, url, PROFILE_IMAGE_MAX_BYTES);
  let img: Awaited<ReturnType<typeof processProfileImage>>;
  try {
    img = await processProfileImage(new Blob([bytes as Uint8Array<ArrayBuffer>]), k);
  } catch (e) {
    if (e instanceof ApiError) throw new RemoteMediaError(`${url}: ${e.message}`, true);
    throw e;
  }
  const rand = Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString("hex");
  const key = `${keyPrefix(accountId, k)}${rand}.${img.ext}`;
  await ctx.storage.put(key, img.data, img.contentType);
  // Guarded: the URL may have changed (or another run cached it) while we were downloading.
  if (!setCachedProfileImage(ctx.db, accountId, k, key, url)) await deleteKeys(ctx, [key]);
}

/**
 * Deletes the stale files named in the payload (only this account's profile image keys),
 * then caches each remote image not cached yet. Throws RemoteMediaError (a transient one in
 * preference) when a download failed, after trying both.
 */
export async function cacheRemoteAvatar(ctx: AppContext, p: CacheAvatarPayload): Promise<void> {
  const id = p.accountId;
  const stale = (Array.isArray(p.remove) ? p.remove : []).filter(
    (key) => typeof key === "string" && KINDS.some((k) => key.startsWith(keyPrefix(id, k)) && !key.includes("..")),
  );
  await deleteKeys(ctx, stale);
  const a = getProfileImageColumns(ctx.db, id);
  if (!a || !remoteMediaAllowed(ctx, id)) return;
  let failure: unknown = null;
  for (const k of KINDS) {
    const url = urlOf(a, k);
    if (!url || pathOf(a, k)) continue;
    try {
      await cacheOne(ctx, id, k, url);
    } catch (e) {
      if (!failure || (failure instanceof RemoteMediaError && failure.permanent)) failure = e;
    }
  }
  if (failure) throw failure;
}
