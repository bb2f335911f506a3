/**
 * Flag: a report about local accounts (and their statuses) from a remote server, stored in
 * `reports` for the moderators, who get an admin.report notification. One report per target
 * account; reports from a domain blocked with reject_reports are dropped.
 */
import type { AppContext } from "../../../context";
import { insertRemoteReport } from "../../../db/queries/reports";
import { rejectsReports } from "../../outbound/domain-policy";
import { notifyStaff } from "../../../services/admin/notify-staff";
import { asArray, idOf, inTransaction, localAccountByUri, localStatusByUri, type Activity, type InboxContext } from "./util";

/** Longest report comment kept (Mastodon's limit for remote reports is larger; this suffices). */
const MAX_COMMENT = 5000;

/** Inbox handler for Flag activities (see the file comment); ignores what it cannot use. */
export async function onFlag(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const uris = asArray(a.object)
    .map(idOf)
    .filter((u): u is string => !!u)
    .slice(0, 100);
  const statusesByAccount = new Map<number, string[]>();
  for (const u of uris) {
    const acct = localAccountByUri(ctx, u);
    if (acct && !statusesByAccount.has(acct.id)) statusesByAccount.set(acct.id, []);
  }
  for (const u of uris) {
    const s = localStatusByUri(ctx, u);
    if (s) statusesByAccount.set(s.account_id, [...(statusesByAccount.get(s.account_id) ?? []), String(s.id)]);
  }
  if (statusesByAccount.size === 0) return;
  const comment = typeof a.content === "string" ? a.content.slice(0, MAX_COMMENT) : "";
  const uri = typeof a.id === "string" ? a.id : null;
  // A domain block with reject_reports drops the domain's reports (Mastodon's ReportService).
  if (actor.domain && rejectsReports(ctx, actor.domain)) return;
  inTransaction(ctx, () => {
    for (const [targetId, statusIds] of statusesByAccount) {
      const reportUri = uri && statusesByAccount.size > 1 ? `${uri}#${targetId}` : uri;
      const id = ctx.ids.next();
      const added = insertRemoteReport(ctx.db, {
        id,
        account_id: actor.id,
        target_account_id: targetId,
        status_ids: JSON.stringify([...new Set(statusIds)]),
        comment,
        uri: reportUri,
        created_at: ctx.now(),
      });
      if (added) notifyStaff(ctx, "manage_reports", { fromAccountId: actor.id, type: "admin.report", reportId: id });
    }
  });
}
