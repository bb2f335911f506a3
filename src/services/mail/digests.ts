/**
 * Notification digests (a user setting, off by default): once a day, users who have been away
 * for a day get one mail listing their unread notifications, each notification mailed once.
 */
import type { AppContext } from "../../context";
import { transaction } from "../../db/transaction";
import {
  getUserMail,
  listDigestCandidates,
  listDigestNotifications,
  setUserDigestCursor,
  setUserDigestEmails,
} from "../../db/queries/users-email";
import { digestMail, type DigestLine } from "../../mail/messages";
import { htmlToPlain } from "../../text/filter-match";
import { mailBase, mailEnabled, queueMail } from "./queue";

/** Away this long (no browser page, no token used) before a digest is mailed. */
export const DIGEST_AWAY_MS = 24 * 3600_000;
/** Notifications listed in one digest (the total is given too). */
const LINES = 10;
/** Users handled per transaction. */
const BATCH = 100;

/** Turns user `userId`'s digest on or off (on starts after the newest notification). */
export function setDigestEmails(ctx: AppContext, userId: number, on: boolean): void {
  transaction(ctx.db, () => setUserDigestEmails(ctx.db, userId, on, ctx.now()));
}

function excerpt(html: string | null): string | null {
  if (!html) return null;
  const t = htmlToPlain(html).replace(/\s+/g, " ").trim();
  return t ? (t.length > 140 ? `${t.slice(0, 139)}…` : t) : null;
}

/** Enqueues the day's digests (the `mail.digest_sweep` job); returns how many. Nothing without SMTP. */
export function queueDigests(ctx: AppContext): number {
  if (!mailEnabled(ctx)) return 0;
  let sent = 0;
  for (;;) {
    const n = transaction(ctx.db, () => {
      const due = listDigestCandidates(ctx.db, ctx.now() - DIGEST_AWAY_MS, BATCH);
      for (const c of due) {
        const u = getUserMail(ctx.db, c.user_id);
        const { rows, total } = listDigestNotifications(ctx.db, c.account_id, c.after_id, LINES);
        if (!u || rows.length === 0) continue;
        const lines: DigestLine[] = rows.map((r) => {
          const acct = `@${r.from_username}${r.from_domain ? `@${r.from_domain}` : ""}`;
          return { who: r.from_display_name ? `${r.from_display_name} (${acct})` : acct, type: r.type, excerpt: excerpt(r.status_text) };
        });
        queueMail(ctx, digestMail({ ...mailBase(ctx, u), lines, total, link: ctx.uris.notificationsPage() }));
        setUserDigestCursor(ctx.db, u.id, rows[0]!.id);
      }
      return due.length;
    });
    sent += n;
    if (n < BATCH) return sent;
  }
}
