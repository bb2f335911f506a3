/**
 * Filling the profile of a newly seen remote account: its pinned posts (featured collection),
 * its latest public posts (outbox) and its collection totals, as Mastodon does on discovery.
 */
import type { AppContext } from "../../../context";
import type { AccountRow } from "../../../db/rows";
import { PUBLIC, UNLISTED } from "../../../model/visibility";
import { fetchActivityJson } from "../fetch";
import { resolveStatusByUri, upsertRemoteStatus } from "./status";
import { asArray, idOf, isHttpUrl, sameOrigin } from "./util";

/** Posts taken from the outbox of a new account. */
export const BACKFILL_POSTS = 20;
const MAX_PINS = 10;
const MAX_PAGES = 3;

async function fetchSafe(ctx: AppContext, url: string): Promise<Record<string, any> | null> {
  try { return await fetchActivityJson(ctx, url); } catch (e) {
    ctx.log.info(`backfill ${url}: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

/** Items of a collection: inline ones, else those of its first page(s), up to `limit`. */
async function collectionItems(ctx: AppContext, url: string, origin: string, limit: number): Promise<unknown[]> {
  const coll = await fetchSafe(ctx, url);
  if (!coll) return [];
  const items: unknown[] = [...asArray(coll.orderedItems ?? coll.items)];
  let next: unknown = coll.first;
  for (let i = 0; i < MAX_PAGES && items.length < limit && next; i++) {
    const page = typeof next === "object" ? (next as Record<string, any>) : typeof next === "string" && isHttpUrl(next) && sameOrigin(next, origin) ? await fetchSafe(ctx, next) : null;
    if (!page) break;
    items.push(...asArray(page.orderedItems ?? page.items));
    next = page.next;
  }
  return items.slice(0, limit);
}

async function total(ctx: AppContext, url: string | null): Promise<number | null> {
  if (!url) return null;
  const c = await fetchSafe(ctx, url);
  const n = Number(c?.totalItems);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

/** Stores one outbox/featured item when it is the account's own post; returns its status id. */
async function storeItem(ctx: AppContext, a: AccountRow, item: unknown, publicOnly: boolean): Promise<number | null> {
  let obj: unknown = item;
  if (obj && typeof obj === "object" && (obj as any).type === "Create") {
    if (idOf((obj as any).actor) !== a.uri) return null;
    obj = (obj as any).object;
  } else if (obj && typeof obj === "object" && (obj as any).type === "Announce") return null;
  if (typeof obj === "string") {
    if (!sameOrigin(obj, a.uri)) return null;
    return (await resolveStatusByUri(ctx, obj))?.id ?? null;
  }
  if (!obj || typeof obj !== "object") return null;
  const o = obj as Record<string, any>;
  const id = idOf(o);
  if (!id || !sameOrigin(id, a.uri)) return null;
  const row = await upsertRemoteStatus(ctx, o, a.id, { backfill: true });
  if (!row) return null;
  if (publicOnly && row.visibility !== PUBLIC && row.visibility !== UNLISTED) return null;
  return row.id;
}

/** Fetches pinned posts, the latest public posts and collection totals of remote account `accountId`. */
export async function backfillAccount(ctx: AppContext, accountId: number): Promise<void> {
  const a = ctx.db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(accountId);
  if (!a || a.domain === null || a.suspended_at !== null) return;
  if (a.featured_url && sameOrigin(a.featured_url, a.uri)) {
    const pins: number[] = [];
    for (const item of await collectionItems(ctx, a.featured_url, a.uri, MAX_PINS)) {
      const id = await storeItem(ctx, a, item, true);
      if (id !== null) pins.push(id);
    }
    ctx.db.transaction(() => {
      ctx.db.query("DELETE FROM status_pins WHERE account_id = ?").run(a.id);
      const q = ctx.db.query("INSERT OR IGNORE INTO status_pins (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)");
      for (const id of pins) q.run(ctx.ids.next(), a.id, id, ctx.now());
    }).immediate();
  }
  if (a.outbox_url && sameOrigin(a.outbox_url, a.uri)) {
    for (const item of await collectionItems(ctx, a.outbox_url, a.uri, BACKFILL_POSTS * 2)) {
      await storeItem(ctx, a, item, true);
    }
  }
  const [statuses, followers, following] = await Promise.all([
    total(ctx, a.outbox_url), total(ctx, a.followers_url), total(ctx, a.following_url),
  ]);
  ctx.db.query(
    `UPDATE accounts SET statuses_count = max(statuses_count, ifnull(?, 0)), followers_count = ifnull(?, followers_count),
       following_count = ifnull(?, following_count) WHERE id = ?`,
  ).run(statuses, followers, following, a.id);
}
