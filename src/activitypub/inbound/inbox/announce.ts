/**
 * Announce (a boost) of a local status or of a remote one we know or can fetch. Stored as a
 * reblog status row (uri = the Announce's id), fanned out to the actor's local followers,
 * with a `reblog` notification for a local author. Only public/unlisted statuses (or the
 * actor's own) may be boosted; a local status the actor may not see is ignored.
 */
import type { AppContext } from "../../../context";
import { incrementAccountStatuses } from "../../../db/queries/accounts";
import { getReblogIdOf, incrementStatusCounter, insertRemoteReblog } from "../../../db/queries/statuses";
import type { StatusRow } from "../../../db/rows";
import { canViewStatus } from "../../../db/queries/visibility";
import { UNLISTED } from "../../../model/visibility";
import { fanOutStatus } from "../../../services/feeds";
import { notify } from "../../../services/notifications/notify";
import { statusRow } from "../../../services/statuses/common";
import { resolveStatusByUri } from "../../../services/federation/resolve-status";
import { hasLocalFollowers } from "./create";
import { idOf, inTransaction, isTombstoned, statusByUri, visibilityFromAudience, type Activity, type InboxContext } from "./util";

function publishedAt(a: Activity, now: number): number {
  const t = typeof a.published === "string" ? Date.parse(a.published) : NaN;
  return Number.isFinite(t) && t <= now ? t : now;
}

/** Inbox handler for Announce activities (see the file comment); ignores what it cannot use. */
export async function onAnnounce(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const uri = typeof a.id === "string" ? a.id : null;
  const objUri = idOf(a.object);
  if (!uri || !objUri || statusByUri(ctx, uri) || isTombstoned(ctx, uri)) return;
  let original: StatusRow | null = statusByUri(ctx, objUri);
  // Mastodon's related_to_local_activity?: boosts of our posts, or by someone followed here.
  if (!(original?.local === 1) && !hasLocalFollowers(ctx, actor.id)) return;
  if (!original) {
    try {
      original = await resolveStatusByUri(ctx, objUri);
    } catch {
      original = null;
    }
  }
  if (!original || original.reblog_of_id !== null) return;
  if (original.account_id !== actor.id && original.visibility > UNLISTED) return;
  if (!canViewStatus(ctx, original, actor.id)) return;
  const s = original;
  inTransaction(ctx, () => {
    const db = ctx.db;
    if (getReblogIdOf(db, actor.id, s.id) !== null) return;
    const t = ctx.now();
    const id = ctx.ids.next();
    insertRemoteReblog(db, {
      id,
      uri,
      url: typeof a.url === "string" ? a.url : null,
      account_id: actor.id,
      reblog_of_id: s.id,
      visibility: visibilityFromAudience(a, actor),
      created_at: publishedAt(a, t),
      updated_at: t,
    });
    incrementStatusCounter(db, s.id, "reblogs_count");
    incrementAccountStatuses(db, actor.id, t);
    fanOutStatus(ctx, statusRow(ctx, id));
    notify(ctx, { accountId: s.account_id, fromAccountId: actor.id, type: "reblog", statusId: s.id });
  });
}
