/** What a user does with announcements: dismiss (mark read) and react with an emoji. */
import type { AppContext } from "../../context";
import {
  countAnnouncementReactionNames,
  deleteAnnouncementReaction,
  getAnnouncement,
  insertAnnouncementMute,
  insertAnnouncementReaction,
  listActiveAnnouncements,
} from "../../db/queries/announcements";
import { findCustomEmoji } from "../../db/queries/custom-emojis";
import { transaction } from "../../db/transaction";
import { notFound, validation } from "../../model/errors";

/** Mastodon's AnnouncementReaction limit on distinct reactions per announcement. */
const MAX_NAMES = 8;

/** A published, currently shown announcement, else 404 (as Mastodon's scope). */
function visible(ctx: AppContext, id: number | undefined) {
  const a = id === undefined ? null : getAnnouncement(ctx.db, id);
  if (!a || !listActiveAnnouncements(ctx.db, ctx.now()).some((x) => x.id === a.id)) throw notFound();
  return a;
}

/** Marks the announcement read for `accountId` (idempotent). */
export function dismissAnnouncement(ctx: AppContext, accountId: number, id: number | undefined): void {
  const a = visible(ctx, id);
  transaction(ctx.db, () => insertAnnouncementMute(ctx.db, a.id, accountId, ctx.now()));
}

const EMOJI =
  /^(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[#*0-9]\uFE0F?\u20E3)[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0F\u20E3\u{E0020}-\u{E007F}]*$/u;

/** A unicode emoji or an enabled local custom emoji's shortcode; 422 otherwise (Mastodon's ReactionValidator). */
function checkName(ctx: AppContext, name: string): string {
  if (EMOJI.test(name) && name.length <= 32) return name;
  const custom = /^[a-zA-Z0-9_]{2,}$/.test(name) ? findCustomEmoji(ctx.db, name, null) : null;
  if (custom && !custom.disabled) return custom.shortcode;
  throw validation("Name is not a recognized emoji");
}

/**
 * Adds `accountId`'s reaction `name` and enqueues `stream.announcement_reaction` (every user
 * stream gets the new count). Already there: nothing changes. 422 past 8 distinct reactions.
 */
export function addAnnouncementReaction(ctx: AppContext, accountId: number, id: number | undefined, rawName: string): void {
  const a = visible(ctx, id);
  const name = checkName(ctx, rawName);
  transaction(ctx.db, () => {
    const n = countAnnouncementReactionNames(ctx.db, a.id);
    if (!insertAnnouncementReaction(ctx.db, ctx.ids.next(), a.id, accountId, name, ctx.now())) return;
    if (countAnnouncementReactionNames(ctx.db, a.id) > Math.max(n, MAX_NAMES)) throw validation("Maximum number of reactions reached");
    ctx.jobs.enqueue("stream.announcement_reaction", { announcementId: a.id, name });
  });
}

/** Removes `accountId`'s reaction `name` and streams the new count; none there: nothing changes. */
export function removeAnnouncementReaction(ctx: AppContext, accountId: number, id: number | undefined, name: string): void {
  const a = visible(ctx, id);
  transaction(ctx.db, () => {
    if (deleteAnnouncementReaction(ctx.db, a.id, accountId, name))
      ctx.jobs.enqueue("stream.announcement_reaction", { announcementId: a.id, name });
  });
}
