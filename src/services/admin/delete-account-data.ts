/**
 * DELETE /api/v1/admin/accounts/:id and `hearth admin accounts delete` (Mastodon's
 * DeleteAccountService with the name reserved): removes everything a suspended account made and
 * every relationship it is part of, but keeps the account row (suspended, profile emptied, key
 * pair kept) so the name stays taken. Reports and warnings about it stay for the moderators.
 */
import type { AppContext } from "../../context";
import type { AccountRow, StatusRow, UserRow } from "../../db/rows";
import { placeholders } from "../../db/sql";
import { toApActivity } from "../../serializers/activitypub";
import { enqueueAccountFileDeletion } from "../media/cleanup";
import { AS_PUBLIC } from "../federation/statuses";
import { removeStatusRow } from "../statuses/delete";
import type { AdminTarget, StaffAuth } from "./accounts";
import { notAllowed, requirePermission } from "../../model/permissions";
import { closeUserStreams } from "./streams";

/** Tables whose rows are the account's own and go with its data (found from the schema's foreign keys). */
const KEEP = new Set(["accounts", "users", "reports", "account_warnings", "statuses"]);

function cascadingColumns(ctx: AppContext): { table: string; column: string }[] {
  return ctx.db.query<{ table: string; column: string }, []>(
    `SELECT m.name AS "table", f."from" AS "column" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
     WHERE m.type = 'table' AND f."table" = 'accounts' AND f.on_delete = 'CASCADE'`,
  ).all().filter((c) => !KEEP.has(c.table));
}

function ids(ctx: AppContext, sql: string, id: number): number[] {
  return ctx.db.query<{ id: number }, [number]>(sql).all(id).map((r) => r.id);
}

/**
 * Deletes the data of suspended account `t` (403 unless the staff member may delete user data
 * and the account is suspended). A local account's remote followers get Delete(Person); stored
 * files go through `media.delete_files` jobs. One transaction.
 */
export function deleteAccountData(ctx: AppContext, auth: StaffAuth, t: AdminTarget): void {
  requirePermission(ctx, auth, "delete_user_data");
  if (t.account.suspended_at === null) throw notAllowed();
  ctx.db.transaction(() => purgeAccountData(ctx, t, { reserveEmail: true })).immediate();
}

/**
 * The deletion itself (call inside a transaction on a suspended account): Delete(Person) to
 * the remote followers' inboxes through an `ap.fanout` job (the shell keeps its key pair, so
 * the delivery can still be signed), every post, follow and other row of the account, counters
 * of the others, profile emptied. The login is disabled with its tokens revoked and their open
 * streams closed; without `reserveEmail` (the CLI, as tootctl) the user row goes too, freeing
 * the e-mail address. The account row stays, so the name stays taken.
 */
export function purgeAccountData(ctx: AppContext, t: AdminTarget, o: { reserveEmail: boolean }): void {
  const db = ctx.db;
  const id = t.account.id;
  if (t.account.domain === null) {
    const inboxes = db.query<{ inbox: string }, [number]>(
      `SELECT DISTINCT coalesce(a.shared_inbox_url, a.inbox_url) AS inbox FROM follows f JOIN accounts a ON a.id = f.account_id
       WHERE f.target_account_id = ? AND a.domain IS NOT NULL AND coalesce(a.shared_inbox_url, a.inbox_url) IS NOT NULL`,
    ).all(id).map((r) => r.inbox);
    if (inboxes.length) {
      const activity = toApActivity(ctx, "Delete", t.account, t.account.uri, { id: `${t.account.uri}#delete`, to: [AS_PUBLIC] });
      ctx.jobs.enqueue("ap.fanout", { senderId: id, activity, followers: false, accountIds: [], inboxes });
    }
  }
  const related = ids(ctx, "SELECT target_account_id AS id FROM follows WHERE account_id = ?1 UNION SELECT account_id FROM follows WHERE target_account_id = ?1", id);
  const favourited = ids(ctx, "SELECT status_id AS id FROM favourites WHERE account_id = ?", id);
  const own = db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE account_id = ? ORDER BY reblog_of_id IS NULL, id").all(id);
  for (const s of own) if (db.query("SELECT 1 FROM statuses WHERE id = ?").get(s.id)) removeStatusRow(ctx, s);
  enqueueAccountFileDeletion(ctx, id);
  for (const c of cascadingColumns(ctx)) db.query(`DELETE FROM "${c.table}" WHERE "${c.column}" = ?`).run(id);
  db.query("DELETE FROM home_feeds WHERE account_id = ?").run(id);
  const others = related.filter((x) => x !== id);
  if (others.length) {
    db.query(
      `UPDATE accounts SET followers_count = (SELECT count(*) FROM follows f WHERE f.target_account_id = accounts.id),
         following_count = (SELECT count(*) FROM follows f WHERE f.account_id = accounts.id) WHERE id IN (${placeholders(others.length)})`,
    ).run(...others);
  }
  if (favourited.length) {
    db.query(`UPDATE statuses SET favourites_count = (SELECT count(*) FROM favourites f WHERE f.status_id = statuses.id) WHERE id IN (${placeholders(favourited.length)})`).run(...favourited);
  }
  db.query(
    `UPDATE accounts SET display_name = '', note = '', note_source = '', fields = '[]', also_known_as = '[]', avatar_path = NULL,
       avatar_remote_url = NULL, header_path = NULL, header_remote_url = NULL, statuses_count = 0, followers_count = 0,
       following_count = 0, last_status_at = NULL, updated_at = ? WHERE id = ?`,
  ).run(ctx.now(), id);
  if (t.user) {
    const revoked = db.query<{ id: number }, [number, number]>("UPDATE oauth_access_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL RETURNING id").all(ctx.now(), t.user.id);
    closeUserStreams(ctx, t.user.id, revoked.map((r) => r.id));
    if (o.reserveEmail) {
      db.query("UPDATE users SET disabled = 1, updated_at = ? WHERE id = ?").run(ctx.now(), t.user.id);
      db.query("DELETE FROM web_sessions WHERE user_id = ?").run(t.user.id);
    } else {
      db.query("DELETE FROM users WHERE id = ?").run(t.user.id);
    }
  }
}

/**
 * `hearth admin accounts delete NAME` (tootctl accounts delete): suspends local account
 * `accountId` if needed (no Update(Person): the Delete follows at once) and deletes its data as
 * DELETE /api/v1/admin/accounts/:id does, but frees the e-mail address. One transaction; false
 * when there is no such local account.
 */
export function deleteAccountAsOperator(ctx: AppContext, accountId: number): boolean {
  const db = ctx.db;
  return db.transaction(() => {
    const account = db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ? AND domain IS NULL AND id > 0").get(accountId);
    if (!account) return false;
    const user = db.query<UserRow, [number]>("SELECT * FROM users WHERE account_id = ?").get(accountId);
    if (account.suspended_at === null) {
      const t = ctx.now();
      db.query("UPDATE accounts SET suspended_at = ?, updated_at = ? WHERE id = ?").run(t, t, accountId);
    }
    purgeAccountData(ctx, { account, user }, { reserveEmail: false });
    return true;
  }).immediate();
}
