/** Hearth's own admin announcements endpoint (Mastodon has none): /api/v1/admin/hearth/announcements CRUD (Manage Announcements). */
import type { Router, UserReq } from "../../../http/route";
import { listAllAnnouncements } from "../../../db/queries/announcements";
import { parseId } from "../../../model/ids";
import { toAdminAnnouncement } from "../../../serializers/mastodon/announcement";
import {
  createAnnouncement,
  editAnnouncement,
  findAnnouncement,
  removeAnnouncement,
  type AnnouncementInput,
} from "../../../services/announcements/admin";
import { SCOPES, staff } from "./staff";

const input = (q: UserReq): AnnouncementInput => ({
  text: q.input.text,
  startsAt: q.input.starts_at,
  endsAt: q.input.ends_at,
  allDay: q.input.all_day,
  published: q.input.published,
});

/** Registers the endpoints. */
export default function register(r: Router): void {
  const base = "/api/v1/admin/hearth/announcements";
  r.get(base, { scopes: SCOPES.read }, (q) => {
    staff(q, "manage_announcements");
    return listAllAnnouncements(q.ctx.db).map((a) => toAdminAnnouncement(q.ctx, a));
  });
  r.get(`${base}/:id`, { scopes: SCOPES.read }, (q) => {
    staff(q, "manage_announcements");
    return toAdminAnnouncement(q.ctx, findAnnouncement(q.ctx, parseId(q.params.id)));
  });
  r.post(base, { scopes: SCOPES.write }, (q) => {
    const who = staff(q, "manage_announcements");
    return toAdminAnnouncement(q.ctx, createAnnouncement(q.ctx, who.accountId, input(q)));
  });
  r.put(`${base}/:id`, { scopes: SCOPES.write }, (q) => {
    const who = staff(q, "manage_announcements");
    return toAdminAnnouncement(q.ctx, editAnnouncement(q.ctx, who.accountId, parseId(q.params.id), input(q)));
  });
  r.delete(`${base}/:id`, { scopes: SCOPES.write }, (q) => {
    const who = staff(q, "manage_announcements");
    removeAnnouncement(q.ctx, who.accountId, parseId(q.params.id));
    return {};
  });
}
