/** Queries on `statuses`: single rows, counters and the small lookups services compose. */
import type { Database } from "bun:sqlite";
import type { NewLocalStatusRow, NewReblogRow, StatusRow } from "../rows";

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
  return db.query<{ visibility: number; reblog_of_id: number | null }, [number]>("SELECT visibility, reblog_of_id FROM statuses WHERE id = ?").get(id);
}

/** The id of `accountId`'s boost of `statusId`, or null. */
export function getReblogIdOf(db: Database, accountId: number, statusId: number): number | null {
  return db.query<{ id: number }, [number, number]>("SELECT id FROM statuses WHERE account_id = ? AND reblog_of_id = ?").get(accountId, statusId)?.id ?? null;
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
  return db.query<{ account_id: number }, [number]>("SELECT DISTINCT account_id FROM statuses WHERE reblog_of_id = ?").all(statusId).map((r) => r.account_id);
}

/** Inserts a local post (not a boost). */
export function insertLocalStatus(db: Database, r: NewLocalStatusRow): void {
  db.query(
    `INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id, conversation_id, text, content,
       spoiler_text, sensitive, visibility, language, application_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.uri, r.url, r.account_id, r.in_reply_to_id, r.in_reply_to_account_id, r.conversation_id, r.text, r.content,
    r.spoiler_text, r.sensitive, r.visibility, r.language, r.application_id, r.created_at, r.updated_at);
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
  db: Database, id: number,
  c: { text: string; content: string; spoiler_text: string; sensitive: number; language: string | null; media_ids: string }, at: number,
): void {
  db.query("UPDATE statuses SET text = ?, content = ?, spoiler_text = ?, sensitive = ?, language = ?, media_ids = ?, edited_at = ?, updated_at = ? WHERE id = ?")
    .run(c.text, c.content, c.spoiler_text, c.sensitive, c.language, c.media_ids, at, at, id);
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
  return db.query<StatusRow & { depth: number }, [number, number]>(
    `WITH RECURSIVE up(id, depth) AS (
       SELECT in_reply_to_id, 1 FROM statuses WHERE id = ?1 AND in_reply_to_id IS NOT NULL
       UNION ALL
       SELECT s.in_reply_to_id, up.depth + 1 FROM statuses s JOIN up ON s.id = up.id WHERE s.in_reply_to_id IS NOT NULL AND up.depth < ?2
     )
     SELECT s.*, up.depth FROM up JOIN statuses s ON s.id = up.id ORDER BY up.depth DESC`,
  ).all(id, max);
}

/** Every reply below status `id` at any depth (boosts left out), by id, at most `max`. */
export function listStatusDescendants(db: Database, id: number, max: number): StatusRow[] {
  return db.query<StatusRow, [number, number]>(
    `WITH RECURSIVE down(id) AS (
       SELECT id FROM statuses WHERE in_reply_to_id = ?1 AND reblog_of_id IS NULL
       UNION
       SELECT s.id FROM statuses s JOIN down ON s.in_reply_to_id = down.id WHERE s.reblog_of_id IS NULL
     )
     SELECT s.* FROM down JOIN statuses s ON s.id = down.id ORDER BY s.id LIMIT ?2`,
  ).all(id, max);
}
