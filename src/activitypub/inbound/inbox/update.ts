/**
 * Update: an edit of the actor's own status (edit history, poll counts) through F2's
 * upsertRemoteStatus, or the actor's own profile from the embedded actor document. An Update
 * of a status we do not have is taken as its Create (Mastodon 4.4.5+: Create and Update may
 * arrive out of order, e.g. the Update carrying a quote's stamp), unless the object was
 * published more than a day ago or the actor is suspended.
 */
import type { AppContext } from "../../../context";
import { resolveAccountByUri, upsertRemoteActor } from "../../../services/federation/resolve-account";
import { upsertRemoteStatus } from "../../../services/federation/resolve-status";
import { attributedToActor, onCreate, STATUS_TYPES } from "./create";
import { idOf, statusByUri, typeOf, type Activity, type InboxContext } from "./util";

const ACTOR_TYPES = new Set(["Person", "Service", "Application", "Group", "Organization"]);

/** Updates of unknown objects published longer ago than this are ignored (Mastodon's OBJECT_AGE_THRESHOLD). */
export const UNKNOWN_OBJECT_MAX_AGE_MS = 24 * 3600 * 1000;

function tooOld(ctx: AppContext, obj: Activity): boolean {
  const t = typeof obj.published === "string" ? Date.parse(obj.published) : Number.NaN;
  return Number.isFinite(t) && t < ctx.now() - UNKNOWN_OBJECT_MAX_AGE_MS;
}

/** Inbox handler for Update activities (see the file comment); ignores what it cannot use. */
export async function onUpdate(ctx: AppContext, a: Activity, ic: InboxContext): Promise<void> {
  const { actor } = ic;
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
  if (!s) {
    // Create and Update out of order: the Update stands for the Create (same checks as a Create).
    if (actor.suspended_at === null && !tooOld(ctx, obj)) await onCreate(ctx, { ...a, type: "Create" }, ic);
    return;
  }
  if (s.account_id !== actor.id || s.reblog_of_id !== null || !attributedToActor(obj, actor)) return;
  await upsertRemoteStatus(ctx, obj, actor.id);
}
