/**
 * Posting a status (Mastodon's PostStatusService): validates, writes the status with its
 * mentions, tags, media and counters, fans it out to home feeds and notifies, in one transaction.
 */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { ApiError, validation } from "../../model/errors";
import { DIRECT, PUBLIC, UNLISTED, visibilityCode } from "../../model/visibility";
import { fanOutStatus } from "../feeds";
import { createPollForStatus } from "../polls/create";
import { validatePollInput } from "../polls/validate";
import { notify } from "../notifications/notify";
import { formatText } from "../../text/format";
import { publishStatusCreate } from "../federation/statuses";
import { recordDirectStatus } from "../conversations/record";
import { attachMedia, checkText, findVisibleStatus, resolveMedia, statusRow, userPrefs, validLanguage, writeMentions, writeTags } from "./common";

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
}

const IDEMPOTENCY_MS = 60 * 60 * 1000;

/**
 * Creates a status for `accountId` and returns its id. With an idempotency key seen within
 * the last hour, returns the earlier status instead. Fans out to home feeds and writes
 * `mention` and `status` notifications in the same transaction.
 */
export function createStatus(ctx: AppContext, accountId: number, input: CreateStatusInput, appId: number | null): number {
  return ctx.db.transaction(() => {
    const db = ctx.db;
    const t = ctx.now();
    const key = input.idempotencyKey?.slice(0, 255);
    if (key) {
      const prev = db.query<{ status_id: number }, [number, string, number]>(
        "SELECT k.status_id FROM idempotency_keys k JOIN statuses s ON s.id = k.status_id WHERE k.account_id = ? AND k.key = ? AND k.created_at > ?",
      ).get(accountId, key, t - IDEMPOTENCY_MS);
      if (prev) return prev.status_id;
    }
    const poll = input.poll !== undefined && input.poll !== null && input.poll !== "" ? validatePollInput(input.poll) : null;

    const { settings, locale } = userPrefs(ctx, accountId);
    const visName = input.visibility ?? settings.default_privacy ?? "public";
    const visibility = visibilityCode(visName);
    if (visibility === undefined) throw validation("Visibility is not included in the list");
    const text = input.text ?? "";
    const spoilerText = input.spoilerText ?? "";
    const media = resolveMedia(ctx, accountId, input.mediaIds ?? [], null);
    checkText(text, spoilerText, media.length > 0);

    let parent: StatusRow | null = null;
    if (input.inReplyToId !== undefined && input.inReplyToId !== "") {
      try { parent = findVisibleStatus(ctx, input.inReplyToId, accountId); } catch {
        throw new ApiError(404, "The post you are trying to reply to does not appear to exist.");
      }
      if (parent.reblog_of_id !== null) parent = statusRow(ctx, parent.reblog_of_id);
    }

    const author = db.query<{ username: string }, [number]>("SELECT username FROM accounts WHERE id = ?").get(accountId)!;
    const id = ctx.ids.next();
    const formatted = formatText(ctx, text);
    const language = validLanguage(input.language) ?? validLanguage(settings.default_language) ?? validLanguage(locale) ?? null;
    const sensitive = input.sensitive ?? (spoilerText !== "" || !!settings.default_sensitive);
    db.query(
      `INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id, conversation_id, text, content,
         spoiler_text, sensitive, visibility, language, application_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, ctx.uris.status(author.username, id), ctx.uris.statusUrl(author.username, id), accountId, parent?.id ?? null, parent?.account_id ?? null,
      parent?.conversation_id ?? id, text, formatted.html, spoilerText, sensitive || spoilerText !== "" ? 1 : 0, visibility, language, appId, t, t);
    const mediaJson = attachMedia(ctx, id, media);
    if (media.length) db.query("UPDATE statuses SET media_ids = ? WHERE id = ?").run(mediaJson, id);
    const mentioned = writeMentions(ctx, id, formatted);
    writeTags(ctx, id, text);

    db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = ? WHERE id = ?").run(t, accountId);
    if (parent && (visibility === PUBLIC || visibility === UNLISTED)) {
      db.query("UPDATE statuses SET replies_count = replies_count + 1 WHERE id = ?").run(parent.id);
    }
    if (poll) {
      if (media.length) throw validation("Cannot attach files to a status with a poll");
      createPollForStatus(ctx, id, accountId, poll);
    }
    const row = statusRow(ctx, id);
    fanOutStatus(ctx, row);
    publishStatusCreate(ctx, row);
    notifyMentioned(ctx, row, mentioned);
    recordDirectStatus(ctx, row);
    notifySubscribers(ctx, row, new Set(mentioned));
    if (key) db.query("INSERT OR REPLACE INTO idempotency_keys (account_id, key, status_id, created_at) VALUES (?, ?, ?, ?)").run(accountId, key, id, t);
    return id;
  }).immediate();
}

/** `mention` notifications, except for accounts that muted this conversation. */
export function notifyMentioned(ctx: AppContext, s: StatusRow, accountIds: number[]): void {
  const muted = ctx.db.query("SELECT 1 FROM conversation_mutes WHERE account_id = ? AND conversation_id = ?");
  for (const a of accountIds) {
    if (s.conversation_id !== null && muted.get(a, s.conversation_id)) continue;
    notify(ctx, { accountId: a, fromAccountId: s.account_id, type: "mention", statusId: s.id });
  }
}

/** `status` notifications for followers who asked to be notified (not for DMs or replies to others). */
function notifySubscribers(ctx: AppContext, s: StatusRow, skip: Set<number>): void {
  if (s.visibility === DIRECT) return;
  if (s.in_reply_to_account_id !== null && s.in_reply_to_account_id !== s.account_id) return;
  const rows = ctx.db.query<{ account_id: number }, [number]>(
    "SELECT f.account_id FROM follows f JOIN accounts a ON a.id = f.account_id WHERE f.target_account_id = ? AND f.notify = 1 AND a.domain IS NULL",
  ).all(s.account_id);
  for (const r of rows) if (!skip.has(r.account_id)) notify(ctx, { accountId: r.account_id, fromAccountId: s.account_id, type: "status", statusId: s.id });
}
