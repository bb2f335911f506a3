/** Named queries on the `polls` table. */
import type { Database } from "bun:sqlite";
import type { PollRow } from "../../serializers/mastodon/poll";

/** A poll by id, or null. */
export function getPoll(db: Database, id: number): PollRow | null {
  return db.query<PollRow, [number]>("SELECT * FROM polls WHERE id = ?").get(id);
}

/** The poll of status `statusId`, or null. */
export function getPollByStatus(db: Database, statusId: number): PollRow | null {
  return db.query<PollRow, [number]>("SELECT * FROM polls WHERE status_id = ?").get(statusId);
}

/** Inserts a new poll with no votes (options and tallies are JSON arrays). */
export function insertPoll(
  db: Database,
  r: {
    id: number;
    status_id: number;
    account_id: number;
    options: string;
    tallies: string;
    multiple: number;
    hide_totals: number;
    expires_at: number;
    created_at: number;
    updated_at: number;
  },
): void {
  db.query(
    `INSERT INTO polls (id, status_id, account_id, options, tallies, votes_count, voters_count, multiple, hide_totals, expires_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?)`,
  ).run(r.id, r.status_id, r.account_id, r.options, r.tallies, r.multiple, r.hide_totals, r.expires_at, r.created_at, r.updated_at);
}

/** Deletes a poll (its votes go with it). */
export function deletePoll(db: Database, id: number): void {
  db.query("DELETE FROM polls WHERE id = ?").run(id);
}

/** Zeroes a poll's counts and sets its tallies (a JSON array of zeros). */
export function clearPollTallies(db: Database, id: number, talliesJson: string): void {
  db.query("UPDATE polls SET tallies = ?, votes_count = 0, voters_count = 0 WHERE id = ?").run(talliesJson, id);
}

/** Sets an edited poll's options (JSON), settings and expiry. */
export function updatePollSettings(
  db: Database,
  id: number,
  p: { options: string; multiple: number; hide_totals: number; expires_at: number; updated_at: number },
): void {
  db.query("UPDATE polls SET options = ?, multiple = ?, hide_totals = ?, expires_at = ?, updated_at = ? WHERE id = ?").run(
    p.options,
    p.multiple,
    p.hide_totals,
    p.expires_at,
    p.updated_at,
    id,
  );
}

/** Stores new tallies after one voter cast `votes` votes; returns the updated poll. */
export function recordPollVoter(db: Database, id: number, talliesJson: string, votes: number, at: number): PollRow {
  return db
    .query<PollRow, [string, number, number, number]>(
      "UPDATE polls SET tallies = ?, votes_count = votes_count + ?, voters_count = voters_count + 1, updated_at = ? WHERE id = ? RETURNING *",
    )
    .get(talliesJson, votes, at, id)!;
}

/** Stores new tallies after one more vote; `newVoter` when it is the voter's first in this poll. Returns the updated poll. */
export function recordPollVote(db: Database, id: number, talliesJson: string, newVoter: boolean, at: number): PollRow {
  return db
    .query<PollRow, [string, number, number, number]>(
      "UPDATE polls SET tallies = ?, votes_count = votes_count + 1, voters_count = voters_count + ?, updated_at = ? WHERE id = ? RETURNING *",
    )
    .get(talliesJson, newVoter ? 1 : 0, at, id)!;
}

/** The poll of `statusId` with the fields a remote Update compares, else null. */
export function getPollShapeByStatus(
  db: Database,
  statusId: number,
): { id: number; options: string; multiple: number; expires_at: number | null } | null {
  return db
    .query<{ id: number; options: string; multiple: number; expires_at: number | null }, [number]>(
      "SELECT id, options, multiple, expires_at FROM polls WHERE status_id = ?",
    )
    .get(statusId);
}

/** The columns of a remote poll as fetched (options and tallies are JSON arrays). */
export interface RemotePollColumns {
  options: string;
  tallies: string;
  votes_count: number;
  voters_count: number;
  multiple: number;
  expires_at: number | null;
  last_fetched_at: number;
}

/** Inserts a remote status's poll. */
export function insertRemotePoll(
  db: Database,
  r: RemotePollColumns & { id: number; status_id: number; account_id: number; created_at: number; updated_at: number },
): void {
  db.query(
    `INSERT INTO polls (id, status_id, account_id, options, tallies, votes_count, voters_count, multiple, hide_totals, expires_at, last_fetched_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.status_id,
    r.account_id,
    r.options,
    r.tallies,
    r.votes_count,
    r.voters_count,
    r.multiple,
    r.expires_at,
    r.last_fetched_at,
    r.created_at,
    r.updated_at,
  );
}

/** Overwrites a remote poll with its fetched state. */
export function updateRemotePoll(db: Database, id: number, r: RemotePollColumns & { updated_at: number }): void {
  db.query(
    "UPDATE polls SET options = ?, tallies = ?, votes_count = ?, voters_count = ?, multiple = ?, expires_at = ?, last_fetched_at = ?, updated_at = ? WHERE id = ?",
  ).run(r.options, r.tallies, r.votes_count, r.voters_count, r.multiple, r.expires_at, r.last_fetched_at, r.updated_at, id);
}
