/**
 * Filling the profile of a newly seen remote account: its pinned posts (featured collection),
 * its latest public posts (outbox) and its collection totals, as Mastodon does on discovery.
 */
import type { AppContext } from "../../context";
import { getAccount } from "../../db/queries/accounts";
import { setRemoteAccountTotals } from "../../db/queries/accounts-remote";
import { deleteAccountPins, insertStatusPinIfMissing } from "../../db/queries/status-pins";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { PUBLIC, UNLISTED } from "../../model/visibility";
import { collectionItems, collectionTotal as total } from "../../activitypub/outbound/deref/collections";
import { idOf, sameOrigin } from "../../serializers/activitypub/json-ld";
import { resolveStatusByUri, upsertRemoteStatus } from "./resolve-status";

/** Posts taken from the outbox of a new account. */
export const BACKFILL_POSTS = 20;
const MAX_PINS = 10;

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
  const a = getAccount(ctx.db, accountId);
  if (!a || a.domain === null || a.suspended_at !== null) return;
  if (a.featured_url && sameOrigin(a.featured_url, a.uri)) {
    const pins: number[] = [];
    for (const item of await collectionItems(ctx, a.featured_url, a.uri, MAX_PINS)) {
      const id = await storeItem(ctx, a, item, true);
      if (id !== null) pins.push(id);
    }
    transaction(ctx.db, () => {
      deleteAccountPins(ctx.db, a.id);
      for (const id of pins)
        insertStatusPinIfMissing(ctx.db, { id: ctx.ids.next(), account_id: a.id, status_id: id, created_at: ctx.now() });
    });
  }
  if (a.outbox_url && sameOrigin(a.outbox_url, a.uri)) {
    for (const item of await collectionItems(ctx, a.outbox_url, a.uri, BACKFILL_POSTS * 2)) {
      await storeItem(ctx, a, item, true);
    }
  }
  const [statuses, followers, following] = await Promise.all([
    total(ctx, a.outbox_url),
    total(ctx, a.followers_url),
    total(ctx, a.following_url),
  ]);
  setRemoteAccountTotals(ctx.db, a.id, statuses, followers, following);
}
