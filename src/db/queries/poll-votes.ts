/** Named queries on the `poll_votes` table. */
import type { Database } from "bun:sqlite";

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

/** Inserts one vote (one chosen option); `uri` is set for votes sent to a remote poll. */
export function insertPollVote(db: Database, r: { id: number; poll_id: number; account_id: number; choice: number; uri: string | null; created_at: number }): void {
  db.query("INSERT INTO poll_votes (id, poll_id, account_id, choice, uri, created_at) VALUES (?, ?, ?, ?, ?, ?)")
    .run(r.id, r.poll_id, r.account_id, r.choice, r.uri, r.created_at);
}

/** Deletes every vote of poll `pollId`. */
export function deletePollVotes(db: Database, pollId: number): void {
  db.query("DELETE FROM poll_votes WHERE poll_id = ?").run(pollId);
}
