/**
 * Posting a status (Mastodon's PostStatusService): validates, writes the status with its
 * mentions, tags, media and counters, puts it in the author's home feed, notifies, and enqueues
 * the fan-out to followers (`feeds.fan_out`), in one transaction.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { getAccountUsername, incrementAccountStatuses, mentionLookup } from "../../db/queries/accounts";
import { isConversationMuted } from "../../db/queries/conversation-mutes";
import { listLocalNotifyingFollowerIds } from "../../db/queries/follows";
import { findIdempotentStatusId, saveIdempotencyKey } from "../../db/queries/idempotency-keys";
import { incrementStatusCounter, insertLocalStatus, setStatusMediaIds } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { ApiError, validation } from "../../model/errors";
import { DIRECT, PUBLIC, UNLISTED, visibilityCode } from "../../model/visibility";
import { fanOutLocalStatus } from "../feeds";
import { createPollForStatus } from "../polls/create";
import { validatePollInput } from "../polls/validate";
import { notify } from "../notifications/notify";
import { formatText } from "../../text/format";
import { publishStatusCreate } from "../federation/statuses";
import { recordDirectStatus } from "../conversations/record";
import { safeguardMentions } from "./allowed-mentions";
import { attachQuote, findQuoteTarget, quoteVisibility, type QuoteTarget } from "../quotes/attach";
import { requestQuoteApproval } from "../quotes/request";
import { setStatusQuotePolicy } from "../../db/queries/quotes";
import { effectiveQuotePolicy, quotePolicyOf } from "../../model/quotes";
import { enqueueLinkCard } from "../preview-cards/fetch-card";
import {
  attachMedia,
  checkText,
  findVisibleStatus,
  resolveMedia,
  statusRow,
  userPrefs,
  validLanguage,
  writeMentions,
  writeTags,
} from "./common";

/** Parsed POST /api/v1/statuses parameters. */
export interface CreateStatusInput {
  text?: string;
  spoilerText?: string;
  sensitive?: boolean;
  visibility?: string;
  language?: string;
  inReplyToId?: string;
  mediaIds?: string[];
  /** Any value present means a poll was requested. */
  poll?: unknown;
  /** Handled by the route: a future time goes to scheduleStatus, a past one posts now. */
  scheduledAt?: string;
  idempotencyKey?: string;
  /** Account ids the post may mention (Mastodon's `allowed_mentions`); undefined: no check. */
  allowedMentions?: string[];
  /** The status to quote (Mastodon 4.5's `quoted_status_id`). */
  quotedStatusId?: string;
  /** Who may quote this post: public | followers | nobody (default: the user's setting). */
  quoteApprovalPolicy?: string;
}

const IDEMPOTENCY_MS = 60 * 60 * 1000;
/** Text formatText could turn into a link other than a mention or hashtag (its URL_SRC). */
const HAS_URL = /https?:\/\//i;

/**
 * Creates a status for `accountId` and returns its id. With an idempotency key seen within
 * the last hour, returns the earlier status instead. Puts it in the author's home feed, writes
 * `mention` and `status` notifications and enqueues `feeds.fan_out` (followers' home feeds and
 * lists, then streaming), delivery and the link card fetch in the same transaction.
 */
export function createStatus(ctx: AppContext, accountId: number, input: CreateStatusInput, appId: number | null): number {
  return transaction(ctx.db, () => {
    const db = ctx.db;
    const t = ctx.now();
    const key = input.idempotencyKey?.slice(0, 255);
    if (key) {
      const prev = findIdempotentStatusId(db, accountId, key, t - IDEMPOTENCY_MS);
      if (prev !== null) return prev;
    }
    const poll = input.poll !== undefined && input.poll !== null && input.poll !== "" ? validatePollInput(input.poll) : null;

    const { settings, locale } = userPrefs(ctx, accountId);
    const visName = input.visibility ?? settings.default_privacy ?? "public";
    let visibility = visibilityCode(visName);
    if (visibility === undefined) throw validation("Visibility is not included in the list");
    const wantedPolicy = quotePolicyOf(input.quoteApprovalPolicy || settings.default_quote_policy || "public");
    if (wantedPolicy === undefined) throw validation("Quote approval policy is not included in the list");
    let quote: QuoteTarget | null = null;
    if (input.quotedStatusId) {
      quote = findQuoteTarget(ctx, accountId, input.quotedStatusId);
      visibility = quoteVisibility(visibility, quote.quoted);
    }
    const text = input.text ?? "";
    const spoilerText = input.spoilerText ?? "";
    const media = resolveMedia(ctx, accountId, input.mediaIds ?? [], null);
    checkText(text, spoilerText, media.length > 0);

    let parent: StatusRow | null = null;
    if (input.inReplyToId !== undefined && input.inReplyToId !== "") {
      try {
        parent = findVisibleStatus(ctx, input.inReplyToId, accountId);
      } catch {
        throw new ApiError(404, "The post you are trying to reply to does not appear to exist.");
      }
      if (parent.reblog_of_id !== null) parent = statusRow(ctx, parent.reblog_of_id);
    }

    const username = getAccountUsername(db, accountId)!;
    const id = ctx.ids.next();
    const formatted = formatText(ctx, text, mentionLookup(ctx.db));
    safeguardMentions(input.allowedMentions, formatted.mentions);
    const language = validLanguage(input.language) ?? validLanguage(settings.default_language) ?? validLanguage(locale) ?? null;
    const sensitive = input.sensitive ?? (spoilerText !== "" || !!settings.default_sensitive);
    insertLocalStatus(db, {
      id,
      uri: ctx.uris.status(username, id),
      url: ctx.uris.statusUrl(username, id),
      account_id: accountId,
      in_reply_to_id: parent?.id ?? null,
      in_reply_to_account_id: parent?.account_id ?? null,
      conversation_id: parent?.conversation_id ?? id,
      text,
      content: formatted.html,
      spoiler_text: spoilerText,
      sensitive: sensitive || spoilerText !== "" ? 1 : 0,
      visibility,
      language,
      application_id: appId,
      created_at: t,
      updated_at: t,
    });
    const policy = effectiveQuotePolicy(visibility, wantedPolicy);
    if (policy !== "nobody") setStatusQuotePolicy(db, id, policy);
    const mediaJson = attachMedia(ctx, id, media);
    if (media.length) setStatusMediaIds(db, id, mediaJson);
    const mentioned = writeMentions(ctx, id, formatted);
    writeTags(ctx, id, text);

    incrementAccountStatuses(db, accountId, t);
    if (parent && (visibility === PUBLIC || visibility === UNLISTED)) {
      incrementStatusCounter(db, parent.id, "replies_count");
    }
    if (poll) {
      if (media.length) throw validation("Cannot attach files to a status with a poll");
      createPollForStatus(ctx, id, accountId, poll);
    }
    const row = statusRow(ctx, id);
    const quoteState = quote ? attachQuote(ctx, row, quote) : null;
    fanOutLocalStatus(ctx, row);
    publishStatusCreate(ctx, row);
    // The content is formatText's HTML of `text`: without a URL in the text its only links are
    // mentions and hashtags, which never get a card; skips parsing the HTML for most posts.
    if (HAS_URL.test(text)) enqueueLinkCard(ctx, id, row.content);
    if (quote && quoteState === "pending") requestQuoteApproval(ctx, row, quote.quoted);
    notifyMentioned(ctx, row, mentioned);
    recordDirectStatus(ctx, row);
    notifySubscribers(ctx, row, new Set(mentioned));
    if (key) saveIdempotencyKey(db, accountId, key, id, t);
    return id;
  });
}

/** `mention` notifications, except for accounts that muted this conversation. */
export function notifyMentioned(ctx: AppContext, s: StatusRow, accountIds: number[]): void {
  for (const a of accountIds) {
    if (s.conversation_id !== null && isConversationMuted(ctx.db, a, s.conversation_id)) continue;
    notify(ctx, { accountId: a, fromAccountId: s.account_id, type: "mention", statusId: s.id });
  }
}

/** `status` notifications for followers who asked to be notified (not for DMs or replies to others). */
function notifySubscribers(ctx: AppContext, s: StatusRow, skip: Set<number>): void {
  if (s.visibility === DIRECT) return;
  if (s.in_reply_to_account_id !== null && s.in_reply_to_account_id !== s.account_id) return;
  for (const a of listLocalNotifyingFollowerIds(ctx.db, s.account_id)) {
    if (!skip.has(a)) notify(ctx, { accountId: a, fromAccountId: s.account_id, type: "status", statusId: s.id });
  }
}
