/** Named queries on the `poll_votes` table. */
import type { Database } from "bun:sqlite";
import { selectIn } from "../sql";

/** The distinct local accounts that voted in poll `pollId`. */
export function listLocalVoterIds(db: Database, pollId: number): number[] {
  return db
    .query<{ account_id: number }, [number]>(
      `SELECT DISTINCT v.account_id FROM poll_votes v JOIN accounts a ON a.id = v.account_id
       WHERE v.poll_id = ? AND a.domain IS NULL`,
    )
    .all(pollId)
    .map((r) => r.account_id);
}

/** True when the account has voted in poll `pollId`. */
export function hasVotedInPoll(db: Database, pollId: number, accountId: number): boolean {
  return !!db.query("SELECT 1 FROM poll_votes WHERE poll_id = ? AND account_id = ? LIMIT 1").get(pollId, accountId);
}

/** True when the account has already voted for option `choice` in poll `pollId`. */
export function hasVotedForChoice(db: Database, pollId: number, accountId: number, choice: number): boolean {
  return !!db.query("SELECT 1 FROM poll_votes WHERE poll_id = ? AND account_id = ? AND choice = ? LIMIT 1").get(pollId, accountId, choice);
}

/** Inserts one vote (one chosen option); `uri` is the vote's Note id for votes sent to or received from another server. */
export function insertPollVote(
  db: Database,
  r: { id: number; poll_id: number; account_id: number; choice: number; uri: string | null; created_at: number },
): void {
  db.query("INSERT INTO poll_votes (id, poll_id, account_id, choice, uri, created_at) VALUES (?, ?, ?, ?, ?, ?)").run(
    r.id,
    r.poll_id,
    r.account_id,
    r.choice,
    r.uri,
    r.created_at,
  );
}

/** Deletes every vote of poll `pollId`. */
export function deletePollVotes(db: Database, pollId: number): void {
  db.query("DELETE FROM poll_votes WHERE poll_id = ?").run(pollId);
}

/** Those of `accountIds` that voted in any of polls `ids`. */
export function pollVotersAmong(db: Database, ids: readonly number[], accountIds: readonly number[]): Set<number> {
  if (ids.length === 0) return new Set();
  const list = ids.map(() => "?").join(", ");
  return new Set(
    selectIn<{ id: number }>(
      db,
      (ph) => `SELECT account_id AS id FROM poll_votes WHERE poll_id IN (${list}) AND account_id IN (${ph})`,
      accountIds,
      [...ids],
    ).map((r) => r.id),
  );
}

/** Distinct remote accounts that voted in poll `pollId`. */
export function listRemoteVoterIds(db: Database, pollId: number): number[] {
  return db
    .query<{ account_id: number }, [number]>(
      "SELECT DISTINCT v.account_id FROM poll_votes v JOIN accounts a ON a.id = v.account_id WHERE v.poll_id = ? AND a.domain IS NOT NULL",
    )
    .all(pollId)
    .map((r) => r.account_id);
}
