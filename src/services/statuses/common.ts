/**
 * Pieces shared by the status services: finding a status the actor may see, checking the
 * posting inputs (length, language, media) and writing mentions and tags.
 */
import type { AppContext } from "../../context";
import type { MediaRow, StatusRow, UserSettings } from "../../db/rows";
import { canViewStatus } from "../../db/queries/visibility";
import { attachMediaToStatus, listAccountMediaByIds } from "../../db/queries/media-attachments";
import { insertMention } from "../../db/queries/mentions";
import { getStatus, getStatusOfAccount } from "../../db/queries/statuses";
import { insertStatusTag } from "../../db/queries/statuses-tags";
import { upsertUsedTag } from "../../db/queries/tags";
import { getUserByAccountId } from "../../db/queries/users";
import { ApiError, notFound, validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import { extractHashtags, statusLength, type FormattedText } from "../../text/format";
import { validLanguage } from "../../text/language";

export { validLanguage };

/** Mastodon's character limit for text plus content warning. */
export const MAX_CHARS = 500;
/** Most media attachments per status. */
export const MAX_MEDIA = 4;

/** The status with this client-supplied id if `viewerId` may see it; 404 otherwise. */
export function findVisibleStatus(ctx: AppContext, rawId: unknown, viewerId: number | null): StatusRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : getStatus(ctx.db, id);
  if (!row || !canViewStatus(ctx, row, viewerId)) throw notFound();
  return row;
}

/** The actor's own status (not a boost) with this id; 404 for anything else. */
export function findOwnStatus(ctx: AppContext, rawId: unknown, accountId: number): StatusRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : getStatusOfAccount(ctx.db, id, accountId);
  if (!row || row.reblog_of_id !== null) throw notFound();
  return row;
}

/** The posting user's settings and UI locale. */
export function userPrefs(ctx: AppContext, accountId: number): { settings: UserSettings; locale: string } {
  const u = getUserByAccountId(ctx.db, accountId);
  let settings: UserSettings = {};
  try {
    settings = JSON.parse(u?.settings ?? "{}") ?? {};
  } catch {
    /* defaults */
  }
  return { settings, locale: u?.locale ?? "en" };
}

/** 422 unless text is non-blank (or media is attached) and text + CW fit the limit. */
export function checkText(text: string, spoilerText: string, hasMedia: boolean): void {
  if (text.trim() === "" && !hasMedia) throw validation("Text can't be blank");
  if (statusLength(spoilerText + text) > MAX_CHARS) throw validation(`Text character limit of ${MAX_CHARS} exceeded`);
}

/**
 * The media rows for client-supplied ids, in the given order: they must belong to the
 * account and be unattached (or attached to `statusId` when editing). 422 otherwise.
 */
export function resolveMedia(ctx: AppContext, accountId: number, rawIds: string[], statusId: number | null): MediaRow[] {
  const uniq = [...new Set(rawIds.filter((x) => x !== ""))];
  if (uniq.length > MAX_MEDIA) throw new ApiError(422, `Cannot attach more than ${MAX_MEDIA} files`);
  const ids = uniq.map((x) => parseId(x));
  const valid = ids.filter((x): x is number => x !== undefined);
  const rows = new Map(listAccountMediaByIds(ctx.db, accountId, valid).map((m) => [m.id, m]));
  const missing = uniq.filter((raw, i) => {
    const m = ids[i] === undefined ? undefined : rows.get(ids[i]!);
    return !m || (m.status_id !== null && m.status_id !== statusId);
  });
  if (missing.length) throw new ApiError(422, `Media ${missing.join(", ")} not found or already attached to another post`);
  const out = valid.map((id) => rows.get(id)!);
  if (out.some((m) => m.processing === 1))
    throw new ApiError(422, "Cannot attach files that have not finished processing. Try again in a moment!");
  if (out.length > 1 && out.some((m) => m.type === "video" || m.type === "gifv" || m.type === "audio")) {
    throw new ApiError(422, "Cannot attach a video to a post that already contains images");
  }
  return out;
}

/** Attaches media rows to a status in order and returns the JSON for statuses.media_ids. */
export function attachMedia(ctx: AppContext, statusId: number, media: MediaRow[]): string {
  for (const m of media) attachMediaToStatus(ctx.db, m.id, statusId, ctx.now());
  return JSON.stringify(media.map((m) => m.id));
}

/** Inserts mention rows for the formatted text; returns the ids of newly mentioned accounts. */
export function writeMentions(ctx: AppContext, statusId: number, f: FormattedText): number[] {
  const added: number[] = [];
  for (const a of f.mentions) if (insertMention(ctx.db, ctx.ids.next(), statusId, a.id)) added.push(a.id);
  return added;
}

/** Links the status to its hashtags, creating tags as needed and bumping last_status_at. */
export function writeTags(ctx: AppContext, statusId: number, text: string): void {
  const t = ctx.now();
  const db = ctx.db;
  for (const { name, display } of extractHashtags(text)) insertStatusTag(db, upsertUsedTag(db, ctx.ids.next(), name, display, t), statusId);
}

/** A status row by id (after a write). */
export function statusRow(ctx: AppContext, id: number): StatusRow {
  return getStatus(ctx.db, id)!;
}
