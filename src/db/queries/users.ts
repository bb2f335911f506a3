/** Queries on `users`: the login side of local accounts (email, password hash, role, settings). */
import type { Database } from "bun:sqlite";
import type { UserRow } from "../rows";

/** The user of local account `accountId`, else null. */
export function getUserByAccountId(db: Database, accountId: number): UserRow | null {
  return db.query<UserRow, [number]>("SELECT * FROM users WHERE account_id = ?").get(accountId);
}
