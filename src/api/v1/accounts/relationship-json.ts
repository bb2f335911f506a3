/** Relationship entities for the account routes' answers (one target or several). */
import type { AppContext } from "../../../context";
import { loadRelationship, loadRelationships } from "../../../db/queries/relationships";
import { toMastodonRelationship } from "../../../serializers/mastodon/relationship";

/** The Relationship entity of `viewerId` towards `targetId`. */
export function relationshipJson(ctx: AppContext, viewerId: number, targetId: number): Record<string, unknown> {
  return toMastodonRelationship(loadRelationship(ctx, viewerId, targetId));
}

/** Relationship entities for several targets, in the given order. */
export function relationshipsJson(ctx: AppContext, viewerId: number, targetIds: number[]): Record<string, unknown>[] {
  const m = loadRelationships(ctx, viewerId, targetIds);
  return targetIds.map((id) => toMastodonRelationship(m.get(id)!));
}
