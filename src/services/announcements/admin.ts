/**
 * Announcements as staff write them: create, update, publish/unpublish and delete, each
 * audit-logged; publishing, changing and deleting a published one enqueue the stream events.
 */
import type { AppContext } from "../../context";
import {
  deleteAnnouncement,
  getAnnouncement,
  insertAnnouncement,
  updateAnnouncement,
  type AnnouncementRow,
} from "../../db/queries/announcements";
import { mentionLookup } from "../../db/queries/accounts";
import { transaction } from "../../db/transaction";
import { notFound, validation } from "../../model/errors";
import { formatText } from "../../text/format";
import { logAdminAction, type Actor } from "../admin/action-log";

/** Create/update parameters (undefined: not given / keep). */
export interface AnnouncementInput {
  text?: unknown;
  startsAt?: unknown;
  endsAt?: unknown;
  allDay?: unknown;
  published?: unknown;
}

const MAX_TEXT = 5000;

/** The announcement by id; 404 when there is none. */
export function findAnnouncement(ctx: AppContext, id: number | undefined): AnnouncementRow {
  const a = id === undefined ? null : getAnnouncement(ctx.db, id);
  if (!a) throw notFound();
  return a;
}

function time(v: unknown, name: string): number | null | undefined {
  if (v === undefined) return undefined;
  if (v === null || v === "") return null;
  const t = typeof v === "string" ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) throw validation(`${name} is invalid`);
  return t;
}

function flag(v: unknown, name: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === true || v === "true" || v === "1") return true;
  if (v === false || v === "false" || v === "0") return false;
  throw validation(`${name} is invalid`);
}

/** Plain text → HTML with links, mentions and hashtags as a status (Mastodon formats announcements so). */
function render(ctx: AppContext, text: string): Pick<AnnouncementRow, "content_html" | "mentions" | "tags"> {
  const f = formatText(ctx, text, mentionLookup(ctx.db));
  const mentions = f.mentions.map((a) => ({
    id: String(a.id),
    username: a.username,
    url: a.domain ? (a.url ?? a.uri) : ctx.uris.profile(a.username),
    acct: a.domain ? `${a.username}@${a.domain}` : a.username,
  }));
  const tags = f.tags.map((name) => ({ name, url: ctx.uris.tag(name) }));
  return { content_html: f.html, mentions: JSON.stringify(mentions), tags: JSON.stringify(tags) };
}

/** Validates the merged row: text present and short enough, the period in order (Mastodon's validations). */
function build(ctx: AppContext, old: AnnouncementRow | null, i: AnnouncementInput): AnnouncementRow {
  if (i.text !== undefined && typeof i.text !== "string") throw validation("Text is invalid");
  const text = ((i.text as string | undefined) ?? old?.text ?? "").trim();
  if (!text) throw validation("Text can't be blank");
  if (text.length > MAX_TEXT) throw validation(`Text is too long (maximum is ${MAX_TEXT} characters)`);
  const startsAt = time(i.startsAt, "Starts at");
  const endsAt = time(i.endsAt, "Ends at");
  const allDay = flag(i.allDay, "All day");
  const published = flag(i.published, "Published");
  const now = ctx.now();
  const row: AnnouncementRow = {
    id: old?.id ?? ctx.ids.next(),
    text,
    ...(old && text === old.text ? { content_html: old.content_html, mentions: old.mentions, tags: old.tags } : render(ctx, text)),
    starts_at: startsAt === undefined ? (old?.starts_at ?? null) : startsAt,
    ends_at: endsAt === undefined ? (old?.ends_at ?? null) : endsAt,
    all_day: allDay === undefined ? (old?.all_day ?? 0) : allDay ? 1 : 0,
    published_at: published === undefined ? (old ? old.published_at : now) : published ? (old?.published_at ?? now) : null,
    created_at: old?.created_at ?? now,
    updated_at: now,
  };
  if ((row.starts_at === null) !== (row.ends_at === null)) throw validation("Starts at and ends at must both be given or both be blank");
  if (row.starts_at !== null && row.ends_at !== null && row.ends_at < row.starts_at) throw validation("Ends at must be after starts at");
  return row;
}

/** Creates an announcement (published unless `published: false`); streams `announcement` when published. */
export function createAnnouncement(ctx: AppContext, actor: Actor, i: AnnouncementInput): AnnouncementRow {
  const row = build(ctx, null, i);
  return transaction(ctx.db, () => {
    insertAnnouncement(ctx.db, row);
    logAdminAction(ctx, actor, "create", "Announcement", row.id, row.text.slice(0, 100));
    if (row.published_at !== null) ctx.jobs.enqueue("stream.announcement", { announcementId: row.id });
    return row;
  });
}

/**
 * Changes an announcement. A published one streams `announcement` again (clients replace it);
 * one unpublished streams `announcement.delete`.
 */
export function editAnnouncement(ctx: AppContext, actor: Actor, id: number | undefined, i: AnnouncementInput): AnnouncementRow {
  const old = findAnnouncement(ctx, id);
  const row = build(ctx, old, i);
  return transaction(ctx.db, () => {
    updateAnnouncement(ctx.db, row);
    logAdminAction(
      ctx,
      actor,
      row.published_at === null && old.published_at !== null
        ? "unpublish"
        : old.published_at === null && row.published_at !== null
          ? "publish"
          : "update",
      "Announcement",
      row.id,
      row.text.slice(0, 100),
    );
    if (row.published_at !== null) ctx.jobs.enqueue("stream.announcement", { announcementId: row.id });
    else if (old.published_at !== null) ctx.jobs.enqueue("stream.announcement_delete", { announcementId: row.id });
    return row;
  });
}

/** Deletes an announcement; streams `announcement.delete` when it was published. */
export function removeAnnouncement(ctx: AppContext, actor: Actor, id: number | undefined): void {
  const old = findAnnouncement(ctx, id);
  transaction(ctx.db, () => {
    deleteAnnouncement(ctx.db, old.id);
    logAdminAction(ctx, actor, "destroy", "Announcement", old.id, old.text.slice(0, 100));
    if (old.published_at !== null) ctx.jobs.enqueue("stream.announcement_delete", { announcementId: old.id });
  });
}
