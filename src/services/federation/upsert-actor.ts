/** Writing a validated remote actor document to the accounts table (new or refreshed account). */
import type { AppContext } from "../../context";
import { getAccount, getAccountByUri, getAccountIdByUri, getRemoteAccountByHandle } from "../../db/queries/accounts";
import { insertRemoteAccount, setAccountMovedTo, updateRemoteAccount } from "../../db/queries/accounts-remote";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { domainPolicy } from "../../activitypub/outbound/domain-policy";
import { fromApEmojiTags } from "../../serializers/activitypub/emoji";
import { storeRemoteEmojis } from "../custom-emojis/remote";
import { ACTOR_TYPES, fromApActor, InvalidActorError } from "../../serializers/activitypub/from-actor";
import { hostOf, idOf, isHttpUrl, timeOf } from "../../serializers/activitypub/json-ld";
import { scheduleRemoteProfileImages } from "../media/cache-avatar";
import { carryVerification, enqueueVerifyLinks } from "../accounts/verify-links";

export { ACTOR_TYPES, InvalidActorError, REMOTE_USERNAME_RE } from "../../serializers/activitypub/from-actor";

/**
 * Inserts or updates a remote account from an actor document already fetched and trusted.
 * Validates (id/inbox same origin, key owner, username). `opts.domain` is the WebFinger
 * domain when it differs from the actor's host. Enqueues `ap.backfill_account` for a new
 * account, `ap.refresh_account` to resolve an unknown `movedTo` and `media.cache_avatar` when
 * the avatar or header URL is new or changed. Throws InvalidActorError.
 */
export function upsertRemoteActor(ctx: AppContext, actor: Record<string, any>, opts: { domain?: string } = {}): AccountRow {
  const id = idOf(actor);
  if (!id || !isHttpUrl(id)) throw new InvalidActorError("actor without a valid id");
  if (!ACTOR_TYPES.has(String(actor.type))) throw new InvalidActorError(`${id} is not an actor`);
  if (id.startsWith(ctx.uris.base + "/")) throw new InvalidActorError(`${id} is local`);
  const domain = (opts.domain ?? hostOf(id))!.toLowerCase();
  const cols = fromApActor(actor, id, domain, { rejectMedia: domainPolicy(ctx, domain)?.rejectMedia ?? false, now: () => ctx.now() });
  const movedTo = idOf(actor.movedTo);
  const db = ctx.db;
  return transaction(db, () => {
    let row =
      getAccountByUri(db, id) ??
      // As Mastodon: the same handle on the same domain is the same account (its URI may have changed).
      getRemoteAccountByHandle(db, cols.username as string, domain);
    if (row && row.domain === null) throw new InvalidActorError(`${id} collides with a local account`);
    const before = row ?? null;
    // Mastodon verifies remote links itself: kept while a value is unchanged, else checked again.
    const links = carryVerification(before?.fields ?? null, JSON.parse(cols.fields as string), false);
    cols.fields = JSON.stringify(links.fields);
    if (row) {
      updateRemoteAccount(db, row.id, cols);
    } else {
      const newId = ctx.ids.next();
      const created = timeOf(actor.published) ?? ctx.now();
      insertRemoteAccount(db, newId, Math.min(created, ctx.now()), cols);
      if (cols.actor_type !== "Application") ctx.jobs.enqueue("ap.backfill_account", { accountId: newId });
      row = { id: newId } as AccountRow;
    }
    if (movedTo && isHttpUrl(movedTo) && movedTo !== id) {
      const target = getAccountIdByUri(db, movedTo);
      if (target !== null) setAccountMovedTo(db, row.id, target);
      else ctx.jobs.enqueue("ap.refresh_account", { uri: movedTo, movedFrom: row.id });
    } else {
      setAccountMovedTo(db, row.id, null);
    }
    if (!(domainPolicy(ctx, domain)?.rejectMedia ?? false)) storeRemoteEmojis(ctx, domain, fromApEmojiTags(actor.tag));
    if (links.check) enqueueVerifyLinks(ctx, row.id, false);
    const after = getAccount(db, row.id)!;
    scheduleRemoteProfileImages(ctx, before, after);
    return getAccount(db, row.id)!;
  });
}
