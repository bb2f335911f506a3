/** Queries on `login_activities`: successful browser sign-ins, to tell a new address or browser from a known one. */
import type { Database } from "bun:sqlite";

/** How many sign-ins of the user are recorded, and whether one came from this IP with this browser. */
export function knownSignIn(db: Database, userId: number, ip: string, userAgent: string | null): { any: boolean; same: boolean } {
  const r = db
    .query<{ n: number; same: number | null }, [string, string | null, number]>(
      "SELECT count(*) AS n, max(ip = ? AND user_agent IS ?) AS same FROM login_activities WHERE user_id = ?",
    )
    .get(ip, userAgent, userId)!;
  return { any: r.n > 0, same: r.same === 1 };
}

/** How many sign-ins are kept per user (the oldest go first). */
const KEEP = 100;

/** Records a sign-in, forgetting the user's oldest beyond the last KEEP. */
export function insertLoginActivity(db: Database, userId: number, ip: string, userAgent: string | null, now: number): void {
  db.query("INSERT INTO login_activities (user_id, ip, user_agent, created_at) VALUES (?, ?, ?, ?)").run(userId, ip, userAgent, now);
  db.query(
    "DELETE FROM login_activities WHERE user_id = ?1 AND id NOT IN (SELECT id FROM login_activities WHERE user_id = ?1 ORDER BY id DESC LIMIT ?2)",
  ).run(userId, KEEP);
}
