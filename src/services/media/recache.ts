/**
 * Remote media whose cached files the retention removed, fetched again when viewed (Mastodon's
 * media proxy): the API answers `/media_proxy/<id>/<style>` for them, and the first GET there
 * downloads the remote file through the guarded fetcher, stores it as the cache job would, and
 * points the client at the stored copy. One download per attachment at a time; after a failure
 * the remote URL is handed out for a while instead of trying again on every view.
 */
import type { AppContext } from "../../context";
import { getMedia } from "../../db/queries/media-attachments";
import type { MediaRow } from "../../db/rows";
import { cacheRemoteMedia, remoteMediaAllowed } from "./cache-remote";

/** The two stored renditions a client may ask for. */
export type MediaStyle = "original" | "small";

/** How long a failed re-fetch is not tried again (views meanwhile get the remote URL). */
export const RECACHE_RETRY_MS = 10 * 60_000;

// Per-server state, keyed by the context so two servers in one process (tests) stay apart.
const inflight = new WeakMap<AppContext, Map<number, Promise<void>>>();
const failedAt = new WeakMap<AppContext, Map<number, number>>();

/** At most this many failed re-fetches are remembered (one per media id, for a dead server's every image). */
export const MAX_REMEMBERED_FAILURES = 10_000;

/**
 * Notes that re-fetching media `id` failed at `now`, keeping `failures` to `max` entries: first
 * those older than RECACHE_RETRY_MS go (they no longer hold a retry back), then the oldest.
 */
export function noteFailure(failures: Map<number, number>, id: number, now: number, max = MAX_REMEMBERED_FAILURES): void {
  failures.delete(id);
  if (failures.size >= max) {
    for (const [k, at] of failures) if (now - at >= RECACHE_RETRY_MS) failures.delete(k);
    while (failures.size >= max) failures.delete(failures.keys().next().value!);
  }
  failures.set(id, now);
}

function stateOf<T>(map: WeakMap<AppContext, Map<number, T>>, ctx: AppContext): Map<number, T> {
  let m = map.get(ctx);
  if (!m) map.set(ctx, (m = new Map()));
  return m;
}

function storedKey(row: MediaRow, style: MediaStyle): string | null {
  return style === "small" ? (row.thumbnail_key ?? row.file_key) : (row.file_key ?? row.thumbnail_key);
}

async function refetch(ctx: AppContext, id: number): Promise<void> {
  const running = stateOf(inflight, ctx);
  let p = running.get(id);
  if (!p) {
    p = cacheRemoteMedia(ctx, { id }).finally(() => running.delete(id));
    running.set(id, p);
  }
  await p;
}

/**
 * Where a view of attachment `id` in `style` should go: the stored copy (fetched again first when
 * the retention had removed it), else the remote URL; null when there is no such remote attachment.
 */
export async function viewRemoteMedia(ctx: AppContext, id: number, style: MediaStyle): Promise<string | null> {
  const row = getMedia(ctx.db, id);
  if (!row || !row.remote_url || row.status_id === null) return null;
  const cached = storedKey(row, style);
  if (cached) return ctx.storage.url(cached);
  const failures = stateOf(failedAt, ctx);
  const failed = failures.get(id);
  if (
    row.cache_removed_at != null &&
    (failed === undefined || ctx.now() - failed >= RECACHE_RETRY_MS) &&
    remoteMediaAllowed(ctx, row.account_id)
  ) {
    try {
      await refetch(ctx, id);
      failures.delete(id);
    } catch (e) {
      noteFailure(failures, id, ctx.now());
      ctx.log.info(`media ${id}: could not fetch the removed cache again: ${e instanceof Error ? e.message : String(e)}`);
    }
    const again = getMedia(ctx.db, id);
    const key = again && storedKey(again, style);
    if (key) return ctx.storage.url(key);
  }
  return row.remote_url;
}
