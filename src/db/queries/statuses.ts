/** Queries on `statuses`: single rows, counters and the small lookups services compose. */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";
import type { NewLocalStatusRow, NewReblogRow, StatusRow } from "../rows";
import { UNLISTED } from "../../model/visibility";
import { placeholders, selectIn } from "../sql";
import type { WeekWindow } from "./users";

/** The status `id`, else null. */
export function getStatus(db: Database, id: number): StatusRow | null {
  return db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(id);
}

/** The status with this id if `accountId` wrote it (boosts included), or null. */
export function getStatusOfAccount(db: Database, id: number, accountId: number): StatusRow | null {
  return db.query<StatusRow, [number, number]>("SELECT * FROM statuses WHERE id = ? AND account_id = ?").get(id, accountId);
}

/** The author of status `id`, or null when it is gone. */
export function getStatusAccountId(db: Database, id: number): number | null {
  return db.query<{ account_id: number }, [number]>("SELECT account_id FROM statuses WHERE id = ?").get(id)?.account_id ?? null;
}

/** Visibility and boost link of status `id` (what a delete's stream event needs), or null. */
export function getStatusVisibility(db: Database, id: number): { visibility: number; reblog_of_id: number | null } | null {
  return db
    .query<{ visibility: number; reblog_of_id: number | null }, [number]>("SELECT visibility, reblog_of_id FROM statuses WHERE id = ?")
    .get(id);
}

/** The id of `accountId`'s boost of `statusId`, or null. */
export function getReblogIdOf(db: Database, accountId: number, statusId: number): number | null {
  return (
    db.query<{ id: number }, [number, number]>("SELECT id FROM statuses WHERE account_id = ? AND reblog_of_id = ?").get(accountId, statusId)
      ?.id ?? null
  );
}

/** `accountId`'s boost of `statusId`, or null. */
export function getReblogOf(db: Database, accountId: number, statusId: number): StatusRow | null {
  return db.query<StatusRow, [number, number]>("SELECT * FROM statuses WHERE account_id = ? AND reblog_of_id = ?").get(accountId, statusId);
}

/** Id and author of every boost of `statusId`. */
export function listReblogsOf(db: Database, statusId: number): { id: number; account_id: number }[] {
  return db.query<{ id: number; account_id: number }, [number]>("SELECT id, account_id FROM statuses WHERE reblog_of_id = ?").all(statusId);
}

/** The distinct accounts that boosted `statusId`. */
export function listReblogAccountIds(db: Database, statusId: number): number[] {
  return db
    .query<{ account_id: number }, [number]>("SELECT DISTINCT account_id FROM statuses WHERE reblog_of_id = ?")
    .all(statusId)
    .map((r) => r.account_id);
}

/** Inserts a local post (not a boost). */
export function insertLocalStatus(db: Database, r: NewLocalStatusRow): void {
  db.query(
    `INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id, conversation_id, text, content,
       spoiler_text, sensitive, visibility, language, application_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.uri,
    r.url,
    r.account_id,
    r.in_reply_to_id,
    r.in_reply_to_account_id,
    r.conversation_id,
    r.text,
    r.content,
    r.spoiler_text,
    r.sensitive,
    r.visibility,
    r.language,
    r.application_id,
    r.created_at,
    r.updated_at,
  );
}

/** Inserts a local boost. */
export function insertLocalReblog(db: Database, r: NewReblogRow): void {
  db.query(
    `INSERT INTO statuses (id, uri, url, account_id, local, reblog_of_id, visibility, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)`,
  ).run(r.id, r.uri, r.url, r.account_id, r.reblog_of_id, r.visibility, r.created_at, r.updated_at);
}

/** Sets statuses.media_ids (a JSON array of media ids). */
export function setStatusMediaIds(db: Database, id: number, mediaIdsJson: string): void {
  db.query("UPDATE statuses SET media_ids = ? WHERE id = ?").run(mediaIdsJson, id);
}

/** Sets (or with null clears) statuses.poll_id. */
export function setStatusPollId(db: Database, id: number, pollId: number | null): void {
  db.query("UPDATE statuses SET poll_id = ? WHERE id = ?").run(pollId, id);
}

/** Writes an edit's text, rendered content and settings; sets edited_at and updated_at to `at`. */
export function updateStatusContent(
  db: Database,
  id: number,
  c: { text: string; content: string; spoiler_text: string; sensitive: number; language: string | null; media_ids: string },
  at: number,
): void {
  db.query(
    "UPDATE statuses SET text = ?, content = ?, spoiler_text = ?, sensitive = ?, language = ?, media_ids = ?, edited_at = ?, updated_at = ? WHERE id = ?",
  ).run(c.text, c.content, c.spoiler_text, c.sensitive, c.language, c.media_ids, at, at, id);
}

/** The status counters that interactions move. */
export type StatusCounter = "replies_count" | "reblogs_count" | "favourites_count";

/** Adds one to a counter of status `id`. */
export function incrementStatusCounter(db: Database, id: number, counter: StatusCounter): void {
  db.query(`UPDATE statuses SET ${counter} = ${counter} + 1 WHERE id = ?`).run(id);
}

/** Takes one from a counter of status `id`, never below zero. */
export function decrementStatusCounter(db: Database, id: number, counter: StatusCounter): void {
  db.query(`UPDATE statuses SET ${counter} = max(${counter} - 1, 0) WHERE id = ?`).run(id);
}

/** Deletes every boost of `statusId`. */
export function deleteReblogsOf(db: Database, statusId: number): void {
  db.query("DELETE FROM statuses WHERE reblog_of_id = ?").run(statusId);
}

/** Deletes one status row (its media rows stay: the foreign key sets their status_id to NULL). */
export function deleteStatusRow(db: Database, id: number): void {
  db.query("DELETE FROM statuses WHERE id = ?").run(id);
}

/** Ancestors of status `id`, farthest first, each with its depth (1 = the parent); at most `max`. */
export function listStatusAncestors(db: Database, id: number, max: number): (StatusRow & { depth: number })[] {
  return db
    .query<StatusRow & { depth: number }, [number, number]>(
      `WITH RECURSIVE up(id, depth) AS (
       SELECT in_reply_to_id, 1 FROM statuses WHERE id = ?1 AND in_reply_to_id IS NOT NULL
       UNION ALL
       SELECT s.in_reply_to_id, up.depth + 1 FROM statuses s JOIN up ON s.id = up.id WHERE s.in_reply_to_id IS NOT NULL AND up.depth < ?2
     )
     SELECT s.*, up.depth FROM up JOIN statuses s ON s.id = up.id ORDER BY up.depth DESC`,
    )
    .all(id, max);
}

/** Every reply below status `id` at any depth (boosts left out), by id, at most `max`. */
export function listStatusDescendants(db: Database, id: number, max: number): StatusRow[] {
  return db
    .query<StatusRow, [number, number]>(
      `WITH RECURSIVE down(id) AS (
       SELECT id FROM statuses WHERE in_reply_to_id = ?1 AND reblog_of_id IS NULL
       UNION
       SELECT s.id FROM statuses s JOIN down ON s.in_reply_to_id = down.id WHERE s.reblog_of_id IS NULL
     )
     SELECT s.* FROM down JOIN statuses s ON s.id = down.id ORDER BY s.id LIMIT ?2`,
    )
    .all(id, max);
}

/**
 * Ids for a public profile page: the account's public and unlisted posts and boosts (boosts only
 * of visible posts by unsuspended authors; no replies to others), newest first, below `maxId`.
 */
export function listProfileStatusIds(db: Database, accountId: number, maxId: number, limit: number): number[] {
  return db
    .query<{ id: number }, [number, number, number]>(
      `SELECT s.id FROM statuses s
     WHERE s.account_id = ?1 AND s.visibility IN (0, 1) AND s.id < ?2
       AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = ?1)
       AND (s.reblog_of_id IS NULL OR EXISTS (
         SELECT 1 FROM statuses o JOIN accounts oa ON oa.id = o.account_id
         WHERE o.id = s.reblog_of_id AND o.visibility IN (0, 1) AND oa.suspended_at IS NULL))
     ORDER BY s.id DESC LIMIT ?3`,
    )
    .all(accountId, maxId, limit)
    .map((r) => r.id);
}

/** Ids of the account's own public and unlisted posts tagged `name` (normalized), newest first, below `maxId`. */
export function listTaggedStatusIdsOfAccount(db: Database, accountId: number, name: string, maxId: number, limit: number): number[] {
  return db
    .query<{ id: number }, [number, string, number, number]>(
      `SELECT s.id FROM statuses s
       WHERE s.account_id = ?1 AND s.visibility <= ${UNLISTED} AND s.reblog_of_id IS NULL AND s.id < ?3
         AND EXISTS (SELECT 1 FROM statuses_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id = s.id AND t.name = ?2)
       ORDER BY s.id DESC LIMIT ?4`,
    )
    .all(accountId, name, maxId, limit)
    .map((r) => r.id);
}

/** Status `id`'s author, visibility and boosted status (what fan-out decides on), else null. */
export function getStatusAudience(
  db: Database,
  id: number,
): { id: number; account_id: number; visibility: number; reblog_of_id: number | null } | null {
  return db
    .query<{ id: number; account_id: number; visibility: number; reblog_of_id: number | null }, [number]>(
      "SELECT id, account_id, visibility, reblog_of_id FROM statuses WHERE id = ?",
    )
    .get(id);
}

/** True when status `id` exists. */
export function statusExists(db: Database, id: number): boolean {
  return !!db.query("SELECT 1 FROM statuses WHERE id = ?").get(id);
}

/** Every status of the account, boosts first, then in id order (the order account deletion removes them in). */
export function listAccountStatusesForDeletion(db: Database, accountId: number): StatusRow[] {
  return db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE account_id = ? ORDER BY reblog_of_id IS NULL, id").all(accountId);
}

/** Those of `ids` that are statuses of account `accountId` (one query). */
export function listAccountStatusesIn(db: Database, accountId: number, ids: readonly number[]): StatusRow[] {
  return selectIn<StatusRow>(db, (ph) => `SELECT * FROM statuses WHERE account_id = ? AND id IN (${ph})`, ids, [accountId]);
}

/** Statuses whose counters depend on the account: those it favourited, boosted or replied to. */
export function listStatusIdsTouchedBy(db: Database, accountId: number): number[] {
  return db
    .query<{ id: number }, [number]>(
      `SELECT status_id AS id FROM favourites WHERE account_id = ?1
     UNION SELECT reblog_of_id FROM statuses WHERE account_id = ?1 AND reblog_of_id IS NOT NULL
     UNION SELECT in_reply_to_id FROM statuses WHERE account_id = ?1 AND in_reply_to_id IS NOT NULL`,
    )
    .all(accountId)
    .map((r) => r.id);
}

/** Recomputes favourites_count of statuses `ids`. */
export function recountFavouritesCounts(db: Database, ids: readonly number[]): void {
  if (ids.length === 0) return;
  db.query(
    `UPDATE statuses SET favourites_count = (SELECT count(*) FROM favourites f WHERE f.status_id = statuses.id) WHERE id IN (${placeholders(ids.length)})`,
  ).run(...ids);
}

/** Recomputes favourites_count, reblogs_count and replies_count of statuses `ids`. */
export function recountStatusCounters(db: Database, ids: readonly number[]): void {
  if (ids.length === 0) return;
  db.query(
    `UPDATE statuses SET
       favourites_count = (SELECT count(*) FROM favourites f WHERE f.status_id = statuses.id),
       reblogs_count = (SELECT count(*) FROM statuses r WHERE r.reblog_of_id = statuses.id),
       replies_count = (SELECT count(*) FROM statuses r WHERE r.in_reply_to_id = statuses.id)
     WHERE id IN (${placeholders(ids.length)})`,
  ).run(...ids);
}

/** The status's visibility and parent, else null. */
export function getStatusVisibilityAndParent(db: Database, id: number): { visibility: number; in_reply_to_id: number | null } | null {
  return db
    .query<{ visibility: number; in_reply_to_id: number | null }, [number]>("SELECT visibility, in_reply_to_id FROM statuses WHERE id = ?")
    .get(id);
}

/**
 * True when, from status `fromId` up the thread (at most 100 posts), `authorId` wrote a direct
 * post that mentions `mentionedId` (not silently).
 */
export function directMentionUpThread(db: Database, fromId: number, mentionedId: number, authorId: number): boolean {
  return !!db
    .query(
      `WITH RECURSIVE up(id, depth) AS (
       SELECT ?, 0
       UNION ALL SELECT s.in_reply_to_id, up.depth + 1 FROM up JOIN statuses s ON s.id = up.id WHERE s.in_reply_to_id IS NOT NULL AND up.depth < 100
     )
     SELECT 1 FROM up JOIN statuses s ON s.id = up.id
     JOIN mentions m ON m.status_id = s.id AND m.account_id = ? AND m.silent = 0
     WHERE s.account_id = ? AND s.visibility = 3 LIMIT 1`,
    )
    .get(fromId, mentionedId, authorId);
}

/**
 * Statuses written by local accounts (reblogs excluded). Walks the (account_id, id) index of the
 * few local accounts, so the cost follows local posts, not the whole (mostly remote) table.
 */
export function countLocalPosts(db: Database): number {
  return db
    .query<{ n: number }, []>(
      "SELECT count(*) AS n FROM statuses WHERE account_id IN (SELECT id FROM accounts WHERE domain IS NULL) AND reblog_of_id IS NULL",
    )
    .get()!.n;
}

/** Local statuses per week index (0 = the week starting at `first`). */
export function countLocalStatusesByWeek(db: Database, w: WeekWindow): Map<number, number> {
  return new Map(
    db
      .query<{ w: number; n: number }, WeekWindow>(
        // ids encode creation time: the (account_id, id) index bounds the scan to recent local posts
        "SELECT (created_at - $first) / $week AS w, count(*) AS n FROM statuses WHERE account_id IN (SELECT id FROM accounts WHERE domain IS NULL) AND id >= $firstId GROUP BY w",
      )
      .all(w)
      .map((r) => [r.w, r.n]),
  );
}

/** The status whose ActivityPub id is `uri`, else null. */
export function getStatusByUri(db: Database, uri: string): StatusRow | null {
  return db.query<StatusRow, [string]>("SELECT * FROM statuses WHERE uri = ?").get(uri);
}

/** The status whose ActivityPub id is `uri`, or a local status whose URL is `uri`, else null. */
export function findStatusByUriOrLocalUrl(db: Database, uri: string): StatusRow | null {
  return db.query<StatusRow, [string, string]>("SELECT * FROM statuses WHERE uri = ? OR (local = 1 AND url = ?) LIMIT 1").get(uri, uri);
}

/** The status whose ActivityPub id or URL is `v`, else null. */
export function getStatusByUriOrUrl(db: Database, v: string): StatusRow | null {
  return db.query<StatusRow, [string, string]>("SELECT * FROM statuses WHERE uri = ? OR url = ? LIMIT 1").get(v, v);
}

/** True when a status has id `id`. */
export function statusIdTaken(db: Database, id: number): boolean {
  return !!db.query("SELECT 1 FROM statuses WHERE id = ?").get(id);
}

/** The columns of a new remote status. */
export interface NewRemoteStatusRow {
  id: number;
  uri: string;
  url: string | null;
  account_id: number;
  in_reply_to_id: number | null;
  in_reply_to_account_id: number | null;
  conversation_id: number;
  content: string;
  spoiler_text: string;
  sensitive: number;
  visibility: number;
  language: string | null;
  created_at: number;
  edited_at: number | null;
  updated_at: number;
}

/** Inserts a status fetched from another server (local = 0). */
export function insertRemoteStatusRow(db: Database, r: NewRemoteStatusRow): void {
  db.query(
    `INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id, conversation_id, content, spoiler_text,
       sensitive, visibility, language, created_at, edited_at, updated_at)
     VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.uri,
    r.url,
    r.account_id,
    r.in_reply_to_id,
    r.in_reply_to_account_id,
    r.conversation_id,
    r.content,
    r.spoiler_text,
    r.sensitive,
    r.visibility,
    r.language,
    r.created_at,
    r.edited_at,
    r.updated_at,
  );
}

/** Writes an Update of a remote status: content, CW, sensitivity, language, media, url, edited_at, updated_at. */
export function updateRemoteStatusRow(
  db: Database,
  id: number,
  c: {
    content: string;
    spoiler_text: string;
    sensitive: number;
    language: string | null;
    media_ids: string;
    url: string | null;
    edited_at: number;
    updated_at: number;
  },
): void {
  db.query(
    "UPDATE statuses SET content = ?, spoiler_text = ?, sensitive = ?, language = ?, media_ids = ?, url = ?, edited_at = ?, updated_at = ? WHERE id = ?",
  ).run(c.content, c.spoiler_text, c.sensitive, c.language, c.media_ids, c.url, c.edited_at, c.updated_at, id);
}

/** A page of the unsuspended accounts (`account_id`) that boosted `statusId` visibly (not as a direct message), paged by boost id (`pid`), newest first. */
export function listRebloggersPage(db: Database, statusId: number, page: Page): { pid: number; account_id: number }[] {
  const p = pageSql(page, "s.id");
  return p.finish(
    db
      .query<{ pid: number; account_id: number }, number[]>(
        `SELECT s.id AS pid, s.account_id FROM statuses s WHERE s.reblog_of_id = ? AND s.visibility <= 2 AND s.account_id IN (SELECT id FROM accounts WHERE suspended_at IS NULL)${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(statusId, ...p.args, page.limit),
  );
}

/** Links reply `id` to its parent unless it already has one; true when it was linked. */
export function linkReplyToParent(db: Database, id: number, parentId: number, parentAccountId: number, conversationId: number): boolean {
  return (
    db
      .query(
        "UPDATE statuses SET in_reply_to_id = ?, in_reply_to_account_id = ?, conversation_id = ? WHERE id = ? AND in_reply_to_id IS NULL",
      )
      .run(parentId, parentAccountId, conversationId, id).changes > 0
  );
}

/** The accounts that boosted any of `statusIds`. */
export function listReblogAccountIdsOf(db: Database, statusIds: readonly number[]): number[] {
  return selectIn<{ id: number }>(db, (ph) => `SELECT account_id AS id FROM statuses WHERE reblog_of_id IN (${ph})`, statusIds).map(
    (r) => r.id,
  );
}

/** The local status whose URL is `url`, else null. */
export function getLocalStatusByUrl(db: Database, url: string): StatusRow | null {
  return db.query<StatusRow, [string]>("SELECT * FROM statuses WHERE url = ? AND local = 1").get(url);
}

/** `accountId`'s boost whose ActivityPub id is `uri`, else null. */
export function getReblogByUri(db: Database, uri: string, accountId: number): StatusRow | null {
  return db
    .query<StatusRow, [string, number]>("SELECT * FROM statuses WHERE uri = ? AND account_id = ? AND reblog_of_id IS NOT NULL")
    .get(uri, accountId);
}

/** Inserts a boost received from another server (local = 0). */
export function insertRemoteReblog(
  db: Database,
  r: {
    id: number;
    uri: string;
    url: string | null;
    account_id: number;
    reblog_of_id: number;
    visibility: number;
    created_at: number;
    updated_at: number;
  },
): void {
  db.query(
    `INSERT INTO statuses (id, uri, url, account_id, local, reblog_of_id, visibility, created_at, updated_at)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  ).run(r.id, r.uri, r.url, r.account_id, r.reblog_of_id, r.visibility, r.created_at, r.updated_at);
}

/** How many statuses of `accountId` have visibility at most `maxVisibility` (outbox totals). */
export function countStatusesUpToVisibility(db: Database, accountId: number, maxVisibility: number): number {
  return db
    .query<{ n: number }, [number, number]>("SELECT count(*) AS n FROM statuses WHERE account_id = ? AND visibility <= ?")
    .get(accountId, maxVisibility)!.n;
}

/**
 * A page of `accountId`'s statuses with visibility at most `maxVisibility`, below `maxId` and/or
 * above `minId`; oldest first when only `minId` is given (the caller reverses), else newest first.
 */
export function listOutboxStatuses(
  db: Database,
  accountId: number,
  maxVisibility: number,
  maxId: number | undefined,
  minId: number | undefined,
  limit: number,
): StatusRow[] {
  const where: string[] = ["account_id = ?", "visibility <= ?"];
  const args: number[] = [accountId, maxVisibility];
  if (maxId !== undefined) {
    where.push("id < ?");
    args.push(maxId);
  }
  if (minId !== undefined) {
    where.push("id > ?");
    args.push(minId);
  }
  const asc = minId !== undefined && maxId === undefined;
  return db
    .query<StatusRow, number[]>(`SELECT * FROM statuses WHERE ${where.join(" AND ")} ORDER BY id ${asc ? "ASC" : "DESC"} LIMIT ?`)
    .all(...args, limit);
}

/** The original (not boost) statuses `accountId` pinned with visibility at most `maxVisibility`, newest pin first. */
export function listPinnedStatuses(db: Database, accountId: number, maxVisibility: number): StatusRow[] {
  return db
    .query<StatusRow, [number, number]>(
      `SELECT s.* FROM status_pins p JOIN statuses s ON s.id = p.status_id WHERE p.account_id = ? AND s.visibility <= ? AND s.reblog_of_id IS NULL ORDER BY p.id DESC`,
    )
    .all(accountId, maxVisibility);
}
