/** Reading remote collections (outbox, featured, followers…): their items and totals, without database writes. */
import type { AppContext } from "../../../context";
import { asArray, isHttpUrl, sameOrigin } from "../../../serializers/activitypub/json-ld";
import { fetchActivityJson } from "../fetch";

const MAX_PAGES = 3;

/** The document at `url`, or null (logged) when the fetch fails. */
export async function fetchSafe(ctx: AppContext, url: string): Promise<Record<string, any> | null> {
  try {
    return await fetchActivityJson(ctx, url);
  } catch (e) {
    ctx.log.info(`backfill ${url}: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

/** Items of a collection: inline ones, else those of its first page(s) on `origin`, up to `limit`. */
export async function collectionItems(ctx: AppContext, url: string, origin: string, limit: number): Promise<unknown[]> {
  const coll = await fetchSafe(ctx, url);
  if (!coll) return [];
  const items: unknown[] = [...asArray(coll.orderedItems ?? coll.items)];
  let next: unknown = coll.first;
  for (let i = 0; i < MAX_PAGES && items.length < limit && next; i++) {
    const page =
      typeof next === "object"
        ? (next as Record<string, any>)
        : typeof next === "string" && isHttpUrl(next) && sameOrigin(next, origin)
          ? await fetchSafe(ctx, next)
          : null;
    if (!page) break;
    items.push(...asArray(page.orderedItems ?? page.items));
    next = page.next;
  }
  return items.slice(0, limit);
}

/** A collection's totalItems (a non-negative integer), or null when absent or unreadable. */
export async function collectionTotal(ctx: AppContext, url: string | null): Promise<number | null> {
  if (!url) return null;
  const c = await fetchSafe(ctx, url);
  const n = Number(c?.totalItems);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}
