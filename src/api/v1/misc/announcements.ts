/**
 * GET /api/v1/announcements (published and shown now, with `read` and reactions),
 * POST /api/v1/announcements/:id/dismiss, PUT/DELETE /api/v1/announcements/:id/reactions/:name.
 */
import type { Router, UserReq } from "../../../http/route";
import { loadActiveAnnouncementViews } from "../../../db/views/announcements";
import { parseId } from "../../../model/ids";
import { toMastodonAnnouncement } from "../../../serializers/mastodon/announcement";
import { addAnnouncementReaction, dismissAnnouncement, removeAnnouncementReaction } from "../../../services/announcements/user";

function name(q: UserReq): string {
  const raw = q.params.name ?? "";
  try {
    return raw.includes("%") ? decodeURIComponent(raw) : raw;
  } catch {
    return raw;
  }
}

/** Registers the endpoints. */
export default function register(r: Router): void {
  r.get("/api/v1/announcements", { scopes: ["read"] }, (q) =>
    loadActiveAnnouncementViews(q.ctx, q.auth.accountId).map((v) => toMastodonAnnouncement(q.ctx, v)),
  );
  r.post("/api/v1/announcements/:id/dismiss", { scopes: ["write", "write:accounts"] }, (q) => {
    dismissAnnouncement(q.ctx, q.auth.accountId, parseId(q.params.id));
    return {};
  });
  r.put("/api/v1/announcements/:id/reactions/:name", { scopes: ["write", "write:favourites"] }, (q) => {
    addAnnouncementReaction(q.ctx, q.auth.accountId, parseId(q.params.id), name(q));
    return {};
  });
  r.delete("/api/v1/announcements/:id/reactions/:name", { scopes: ["write", "write:favourites"] }, (q) => {
    removeAnnouncementReaction(q.ctx, q.auth.accountId, parseId(q.params.id), name(q));
    return {};
  });
}
