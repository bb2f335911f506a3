/**
 * Update: an edit of the actor's own status (edit history, poll counts) through F2's
 * upsertRemoteStatus, or the actor's own profile from the embedded actor document.
 */
import type { AppContext } from "../../../context";
import { resolveAccountByUri, upsertRemoteActor } from "../../../services/federation/resolve-account";
import { upsertRemoteStatus } from "../../../services/federation/resolve-status";
import { attributedToActor, STATUS_TYPES } from "./create";
import { idOf, statusByUri, typeOf, type Activity, type InboxContext } from "./util";

const ACTOR_TYPES = new Set(["Person", "Service", "Application", "Group", "Organization"]);

/** Inbox handler for Update activities (see the file comment); ignores what it cannot use. */
export async function onUpdate(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const obj = a.object;
  const id = idOf(obj);
  if (!id) return;
  if (typeof obj === "string") {
    // Servers that send only the id: refetch our copy of the actor.
    if (id === actor.uri) await resolveAccountByUri(ctx, actor.uri, { refresh: true });
    return;
  }
  const type = typeOf(obj) ?? "";
  if (ACTOR_TYPES.has(type)) {
    if (id === actor.uri) upsertRemoteActor(ctx, obj);
    return;
  }
  if (!STATUS_TYPES.has(type)) return;
  const s = statusByUri(ctx, id);
  if (!s || s.account_id !== actor.id || s.reblog_of_id !== null || !attributedToActor(obj, actor)) return;
  await upsertRemoteStatus(ctx, obj, actor.id);
}
