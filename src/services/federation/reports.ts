/** Publishing a report to the reported account's server: Flag from the instance actor. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { toApActivity } from "../../serializers/activitypub";
import { accountRow, sendToAccounts } from "./send";

/**
 * Enqueues Flag{object: [target, ...statuses], content: comment} from the instance actor
 * `actorId` to remote `target`'s inbox (Mastodon hides the reporter behind that actor).
 */
export function publishFlag(
  ctx: AppContext,
  actorId: number,
  target: AccountRow,
  r: { uri: string; comment: string; statusUris: string[] },
): void {
  if (target.domain === null) return;
  const actor = accountRow(ctx, actorId);
  const activity = toApActivity(ctx, "Flag", actor, [target.uri, ...r.statusUris], { id: r.uri, content: r.comment });
  sendToAccounts(ctx, actorId, activity, [target.id]);
}
