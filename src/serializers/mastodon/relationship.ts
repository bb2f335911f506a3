/** RelationshipData → Mastodon Relationship entity. */
import type { RelationshipData } from "../../db/queries/relationships";

/** The Relationship entity (pure). `requested` covers both pending local and remote follows. */
export function toMastodonRelationship(r: RelationshipData): Record<string, unknown> {
  const f = r.following ?? r.requested;
  return {
    id: String(r.id),
    following: !!r.following,
    showing_reblogs: f ? f.showReblogs : false,
    notifying: f ? f.notify : false,
    languages: f ? f.languages : null,
    followed_by: r.followedBy,
    blocking: r.blocking,
    blocked_by: r.blockedBy,
    muting: !!r.muting,
    muting_notifications: r.muting ? r.muting.hideNotifications : false,
    requested: !!r.requested,
    requested_by: r.requestedBy,
    domain_blocking: r.domainBlocking,
    endorsed: r.endorsed,
    note: r.note,
  };
}
