/** Queries on `users` for outgoing mail: addresses, confirmation, e-mail changes and digest settings. */
import type { Database } from "bun:sqlite";

/** What mail to a user needs: where to send it, their name, and the state of their address. */
export interface UserMailRow {
  id: number;
  account_id: number;
  username: string;
  email: string;
  unconfirmed_email: string | null;
  confirmed_at: number | null;
  created_by_application_id: number | null;
  digest_emails: number;
  disabled: number;
  suspended_at: number | null;
}

const MAIL_COLUMNS = `u.id, u.account_id, a.username, u.email, u.unconfirmed_email, u.confirmed_at, u.created_by_application_id,
  u.digest_emails, u.disabled, a.suspended_at FROM users u JOIN accounts a ON a.id = u.account_id`;

/** The mail view of user `userId`, else null. */
export function getUserMail(db: Database, userId: number): UserMailRow | null {
  return db.query<UserMailRow, [number]>(`SELECT ${MAIL_COLUMNS} WHERE u.id = ?`).get(userId);
}

/** The mail view of the user with this e-mail address (case-insensitive), else null. */
export function getUserMailByEmail(db: Database, email: string): UserMailRow | null {
  return db.query<UserMailRow, [string]>(`SELECT ${MAIL_COLUMNS} WHERE lower(u.email) = lower(?)`).get(email);
}

/** Notes the app a sign-up came through (it may resend the confirmation mail). */
export function setUserCreatedByApplication(db: Database, userId: number, applicationId: number | null): void {
  db.query("UPDATE users SET created_by_application_id = ? WHERE id = ?").run(applicationId, userId);
}

/** Marks the user's address as confirmed (kept when it already was). */
export function confirmUserEmail(db: Database, userId: number, now: number): void {
  db.query("UPDATE users SET confirmed_at = coalesce(confirmed_at, ?1), updated_at = ?1 WHERE id = ?2").run(now, userId);
}

/** Replaces the address of a user not yet confirmed (the sign-up's address was mistyped). */
export function setUserEmail(db: Database, userId: number, email: string, now: number): void {
  db.query("UPDATE users SET email = ?, updated_at = ? WHERE id = ?").run(email, now, userId);
}

/** Remembers a requested new address until its link is followed (null forgets it). */
export function setUserUnconfirmedEmail(db: Database, userId: number, email: string | null, now: number): void {
  db.query("UPDATE users SET unconfirmed_email = ?, updated_at = ? WHERE id = ?").run(email, now, userId);
}

/** Makes the confirmed new address the user's e-mail and forgets the request. */
export function applyUserEmailChange(db: Database, userId: number, email: string, now: number): void {
  db.query("UPDATE users SET email = ?, unconfirmed_email = NULL, updated_at = ? WHERE id = ?").run(email, now, userId);
}

/** True when another user has this address (case-insensitive). */
export function emailTakenByOther(db: Database, email: string, userId: number): boolean {
  return !!db.query("SELECT 1 FROM users WHERE lower(email) = lower(?) AND id != ?").get(email, userId);
}

/** Turns the notification digest on or off; turning it on starts after the newest notification. */
export function setUserDigestEmails(db: Database, userId: number, on: boolean, now: number): void {
  db.query(
    `UPDATE users SET digest_emails = ?1, updated_at = ?2,
       digest_last_notification_id = CASE WHEN ?1 THEN (SELECT max(n.id) FROM notifications n WHERE n.account_id = users.account_id)
                                          ELSE digest_last_notification_id END
     WHERE id = ?3`,
  ).run(on ? 1 : 0, now, userId);
}

/** A user due a digest: the address and the notifications to mail start after `after_id`. */
export interface DigestCandidateRow {
  user_id: number;
  account_id: number;
  email: string;
  after_id: number;
}

/**
 * Users with the digest on, a confirmed address and a login that works, not seen (browser session,
 * token use or sign-up) since `awaySince`, with notifications newer than both their read marker
 * and the last digest.
 */
export function listDigestCandidates(db: Database, awaySince: number, limit: number): DigestCandidateRow[] {
  return db
    .query<DigestCandidateRow, [number, number]>(
      `SELECT * FROM (
         SELECT u.id AS user_id, u.account_id, u.email,
           max(coalesce(u.digest_last_notification_id, 0),
               coalesce((SELECT m.last_read_id FROM markers m WHERE m.account_id = u.account_id AND m.timeline = 'notifications'), 0)) AS after_id
         FROM users u JOIN accounts a ON a.id = u.account_id
         WHERE u.digest_emails = 1 AND u.confirmed_at IS NOT NULL AND u.approved = 1 AND u.disabled = 0 AND a.suspended_at IS NULL
           AND u.created_at < ?1
           AND NOT EXISTS (SELECT 1 FROM web_sessions w WHERE w.user_id = u.id AND w.last_seen_at >= ?1)
           AND NOT EXISTS (SELECT 1 FROM oauth_access_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL AND t.last_used_at >= ?1)
       ) c
       WHERE EXISTS (SELECT 1 FROM notifications n WHERE n.account_id = c.account_id AND n.id > c.after_id)
       LIMIT ?2`,
    )
    .all(awaySince, limit);
}

/** One line of a digest: who did what, on which post. */
export interface DigestNotificationRow {
  id: number;
  type: string;
  from_username: string;
  from_domain: string | null;
  from_display_name: string;
  status_id: number | null;
  status_text: string | null;
}

/** The account's notifications after `afterId`, newest first, and how many there are in all. */
export function listDigestNotifications(
  db: Database,
  accountId: number,
  afterId: number,
  limit: number,
): { rows: DigestNotificationRow[]; total: number } {
  const rows = db
    .query<DigestNotificationRow, [number, number, number]>(
      `SELECT n.id, n.type, f.username AS from_username, f.domain AS from_domain, f.display_name AS from_display_name,
              n.status_id, s.content AS status_text
       FROM notifications n JOIN accounts f ON f.id = n.from_account_id LEFT JOIN statuses s ON s.id = n.status_id
       WHERE n.account_id = ? AND n.id > ? ORDER BY n.id DESC LIMIT ?`,
    )
    .all(accountId, afterId, limit);
  const total = db
    .query<{ n: number; top: number | null }, [number, number]>("SELECT count(*) AS n FROM notifications WHERE account_id = ? AND id > ?")
    .get(accountId, afterId)!.n;
  return { rows, total };
}

/** Notes the newest notification a digest covered. */
export function setUserDigestCursor(db: Database, userId: number, notificationId: number): void {
  db.query("UPDATE users SET digest_last_notification_id = max(coalesce(digest_last_notification_id, 0), ?) WHERE id = ?").run(
    notificationId,
    userId,
  );
}
