/**
 * Editing a status (Mastodon's UpdateStatusService): keeps the previous versions in
 * status_edits, re-parses mentions and tags, and sends `update` notifications to boosters.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { describeStatusMedia, detachStatusMediaExcept } from "../../db/queries/media-attachments";
import { deleteMentionsExcept } from "../../db/queries/mentions";
import { hasStatusEdits, insertStatusEdit } from "../../db/queries/status-edits";
import { listReblogAccountIds, updateStatusContent } from "../../db/queries/statuses";
import { deleteStatusTags } from "../../db/queries/statuses-tags";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { notify } from "../notifications/notify";
import { formatText } from "../../text/format";
import { mentionLookup } from "../../db/queries/accounts";
import { attachMedia, checkText, resolveMedia, statusRow, validLanguage, writeMentions, writeTags } from "./common";
import { notifyMentioned } from "./create";
import { statusEdited } from "../feeds";
import { resetPoll } from "../polls/reset";
import { validatePollInput } from "../polls/validate";
import { publishStatusUpdate } from "../federation/statuses";
import { editQuote, notifyQuoters } from "../quotes/edit";
import { resetLinkCard } from "../preview-cards/fetch-card";

/** Parsed PUT /api/v1/statuses/:id parameters; absent fields stay unchanged. */
export interface EditStatusInput {
  text?: string;
  spoilerText?: string;
  sensitive?: boolean;
  language?: string;
  mediaIds?: string[];
  poll?: unknown;
  /** The status to quote; "" removes the quote; undefined keeps it. */
  quotedStatusId?: string;
  /** Who may quote the status from now on: public | followers | nobody. */
  quoteApprovalPolicy?: string;
  /** New descriptions (alt text) of the status's media, as Mastodon's media_attributes[]. */
  mediaAttributes?: { id: string; description?: string }[];
}

function recordVersion(ctx: AppContext, s: StatusRow, at: number): void {
  insertStatusEdit(ctx.db, ctx.ids.next(), s, at);
}

/**
 * Applies an edit to the own status `s` and returns its id. The first edit also stores the
 * original version. Notifies newly mentioned accounts and local boosters (`update`).
 */
export function editStatus(ctx: AppContext, s: StatusRow, input: EditStatusInput): number {
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const t = ctx.now();
    // As Mastodon: an edit carries the poll again; leaving it out removes the poll.
    const pollGiven = input.poll !== undefined && input.poll !== null && input.poll !== "";
    const poll = pollGiven ? validatePollInput(input.poll) : null;
    const text = input.text ?? s.text;
    const spoilerText = input.spoilerText ?? s.spoiler_text;
    const media = input.mediaIds !== undefined ? resolveMedia(ctx, s.account_id, input.mediaIds, s.id) : null;
    const mediaCount = media ? media.length : (JSON.parse(s.media_ids) as number[]).length;
    if (poll && mediaCount > 0) throw new ApiError(422, "Validation failed: Media attachments cannot be combined with a poll");
    checkText(text, spoilerText, mediaCount > 0);
    const sensitive = (input.sensitive ?? !!s.sensitive) || spoilerText !== "" ? 1 : 0;
    const language = validLanguage(input.language) ?? s.language;
    const mediaIds = media ? JSON.stringify(media.map((m) => m.id)) : s.media_ids;
    const quoteChanged = editQuote(ctx, s, input);
    let altChanged = false;
    for (const a of input.mediaAttributes ?? []) {
      const id = Number(a.id);
      if (!Number.isSafeInteger(id) || a.description === undefined) continue;
      if (a.description.length > 1500) throw new ApiError(422, "Validation failed: Description is too long (maximum is 1500 characters)");
      if (describeStatusMedia(db, id, s.account_id, s.id, a.description, t)) altChanged = true;
    }
    if (
      !quoteChanged &&
      !altChanged &&
      text === s.text &&
      spoilerText === s.spoiler_text &&
      sensitive === s.sensitive &&
      language === s.language &&
      mediaIds === s.media_ids &&
      !poll &&
      s.poll_id === null
    )
      return s.id;

    if (!hasStatusEdits(db, s.id)) recordVersion(ctx, s, s.created_at);
    if (media) {
      detachStatusMediaExcept(db, s.id, mediaIds);
      attachMedia(ctx, s.id, media);
    }
    const formatted = formatText(ctx, text, mentionLookup(ctx.db));
    updateStatusContent(
      db,
      s.id,
      { text, content: formatted.html, spoiler_text: spoilerText, sensitive, language, media_ids: mediaIds },
      t,
    );
    const keep = formatted.mentions.map((a) => a.id);
    const dropped = deleteMentionsExcept(db, s.id, keep);
    const added = writeMentions(ctx, s.id, formatted);
    deleteStatusTags(db, s.id);
    writeTags(ctx, s.id, text);
    resetPoll(ctx, s.id, poll);
    if (text !== s.text) resetLinkCard(ctx, s.id, formatted.html);
    const updated = statusRow(ctx, s.id);
    recordVersion(ctx, updated, t);
    notifyMentioned(ctx, updated, added);
    for (const b of listReblogAccountIds(db, s.id))
      notify(ctx, { accountId: b, fromAccountId: s.account_id, type: "update", statusId: s.id });
    notifyQuoters(ctx, s);
    statusEdited(ctx, s.id);
    publishStatusUpdate(ctx, statusRow(ctx, s.id), dropped);
    return s.id;
  });
}
