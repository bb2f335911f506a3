/** Named queries on the `mutes` table. */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";
import { selectIn } from "../sql";

/** The accounts `accountId` mutes (mutes that expired by `now` left out). */
export function listMutedAccountIds(db: Database, accountId: number, now: number): number[] {
  return db
    .query<{ id: number }, [number, number]>(
      "SELECT target_account_id AS id FROM mutes WHERE account_id = ? AND (expires_at IS NULL OR expires_at > ?)",
    )
    .all(accountId, now)
    .map((r) => r.id);
}

/** Those of `accountIds` that mute any of `targetIds` (mutes that expired by `now` left out). */
export function mutersAmong(db: Database, accountIds: readonly number[], targetIds: readonly number[], now: number): Set<number> {
  if (targetIds.length === 0) return new Set();
  const inv = targetIds.map(() => "?").join(", ");
  return new Set(
    selectIn<{ id: number }>(
      db,
      (ph) =>
        `SELECT account_id AS id FROM mutes WHERE (expires_at IS NULL OR expires_at > ?) AND target_account_id IN (${inv}) AND account_id IN (${ph})`,
      accountIds,
      [now, ...targetIds],
    ).map((r) => r.id),
  );
}

/** True when `accountId` has an unexpired mute of `targetId` that hides notifications. */
export function mutesNotificationsFrom(db: Database, accountId: number, targetId: number, now: number): boolean {
  return !!db
    .query(
      "SELECT 1 FROM mutes WHERE account_id = ? AND target_account_id = ? AND hide_notifications = 1 AND (expires_at IS NULL OR expires_at > ?)",
    )
    .get(accountId, targetId, now);
}

/** A page of the accounts (`aid`) `accountId` mutes and whose mute has not expired at `now`, paged by mute id (`pid`), newest first. */
export function listMutedAccountsPage(
  db: Database,
  accountId: number,
  now: number,
  page: Page,
): { pid: number; aid: number; expires_at: number | null }[] {
  const p = pageSql(page, "m.id");
  return p.finish(
    db
      .query<{ pid: number; aid: number; expires_at: number | null }, number[]>(
        `SELECT m.id AS pid, m.target_account_id AS aid, m.expires_at FROM mutes m WHERE m.account_id = ? AND (m.expires_at IS NULL OR m.expires_at > ?)${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(accountId, now, ...p.args, page.limit),
  );
}

/** Mutes `targetId` for `accountId`, or updates an existing mute's options. */
export function upsertMute(
  db: Database,
  id: number,
  accountId: number,
  targetId: number,
  hideNotifications: boolean,
  expiresAt: number | null,
  now: number,
): void {
  db.query(
    `INSERT INTO mutes (id, account_id, target_account_id, hide_notifications, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, target_account_id) DO UPDATE SET hide_notifications = excluded.hide_notifications, expires_at = excluded.expires_at`,
  ).run(id, accountId, targetId, hideNotifications ? 1 : 0, expiresAt, now);
}

/** Deletes the mute of `accountId` on `targetId`; true when there was one. */
export function deleteMute(db: Database, accountId: number, targetId: number): boolean {
  return db.query("DELETE FROM mutes WHERE account_id = ? AND target_account_id = ?").run(accountId, targetId).changes > 0;
}

/** Mutes of account `targetId` by local accounts other than `exceptId`. */
export function listLocalMutesOf(
  db: Database,
  targetId: number,
  exceptId: number,
): { account_id: number; hide_notifications: number; expires_at: number | null }[] {
  return db
    .query<{ account_id: number; hide_notifications: number; expires_at: number | null }, [number, number]>(
      "SELECT account_id, hide_notifications, expires_at FROM mutes WHERE target_account_id = ? AND account_id IN (SELECT id FROM accounts WHERE domain IS NULL) AND account_id <> ?",
    )
    .all(targetId, exceptId);
}

/** Adds a mute carried over from a moved account unless it exists. */
export function insertCarriedMute(
  db: Database,
  id: number,
  accountId: number,
  targetId: number,
  hideNotifications: number,
  expiresAt: number | null,
  at: number,
): void {
  db.query(
    "INSERT OR IGNORE INTO mutes (id, account_id, target_account_id, hide_notifications, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(id, accountId, targetId, hideNotifications, expiresAt, at);
}
