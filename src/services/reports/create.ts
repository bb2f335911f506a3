/**
 * ReportService for POST /api/v1/reports: validates and stores a report and notifies the staff
 * who manage reports (admin.report); with `forward` and a remote target, enqueues a Flag from
 * the instance actor to the target's server.
 */
import type { AppContext } from "../../context";
import type { AccountRow, StatusRow } from "../../db/rows";
import { getAccount } from "../../db/queries/accounts";
import { insertReport } from "../../db/queries/reports";
import { existingRuleIds } from "../../db/queries/rules";
import { listAccountStatusesIn } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { canViewStatus } from "../../db/queries/visibility";
import { notFound, validation } from "../../model/errors";
import { parseId } from "../../model/ids";
import { instanceActorId } from "../../activitypub/outbound/instance-actor";
import { publishFlag } from "../federation/reports";
import { notifyStaff } from "../admin/notify-staff";

/** Mastodon's limit for a local report's comment. */
export const MAX_COMMENT = 1000;
export const CATEGORIES = ["spam", "legal", "violation", "other"] as const;

/** Parsed POST /api/v1/reports parameters. */
export interface CreateReportInput {
  accountId?: string;
  statusIds?: string[];
  comment?: string;
  forward?: boolean;
  category?: string;
  ruleIds?: string[];
}

function findTarget(ctx: AppContext, raw: string | undefined): AccountRow {
  const id = parseId(raw);
  const a = id === undefined ? null : getAccount(ctx.db, id);
  if (!a) throw notFound();
  return a;
}

/** The reported statuses: each must be the target's and visible to the reporter (404 otherwise, as Mastodon's find). */
function findStatuses(ctx: AppContext, reporterId: number, targetId: number, raw: string[]): StatusRow[] {
  const ids = [...new Set(raw.filter((x) => x !== ""))].map((x) => parseId(x));
  if (ids.some((x) => x === undefined)) throw notFound();
  const rows = listAccountStatusesIn(ctx.db, targetId, ids as number[]);
  if (rows.length !== ids.length || rows.some((s) => !canViewStatus(ctx, s, reporterId))) throw notFound();
  return rows.sort((a, b) => a.id - b.id);
}

function checkRules(ctx: AppContext, raw: string[]): number[] {
  const ids = [...new Set(raw.filter((x) => x !== ""))].map((x) => (/^\d{1,18}$/.test(x) ? Number(x) : NaN));
  const known = ids.some(Number.isNaN) ? [] : existingRuleIds(ctx.db, ids);
  if (known.length !== ids.length) throw validation("Rule ids does not reference valid rules");
  return ids;
}

/** Files a report by `reporterId` and returns its id. */
export async function createReport(ctx: AppContext, reporterId: number, input: CreateReportInput): Promise<number> {
  const target = findTarget(ctx, input.accountId);
  const statuses = findStatuses(ctx, reporterId, target.id, input.statusIds ?? []);
  const comment = input.comment ?? "";
  if ([...comment].length > MAX_COMMENT) throw validation(`Comment is too long (maximum is ${MAX_COMMENT} characters)`);
  const ruleIds = input.ruleIds?.length ? checkRules(ctx, input.ruleIds) : [];
  let category = input.category || "other";
  if (!(CATEGORIES as readonly string[]).includes(category)) throw validation("Category is not included in the list");
  if (ruleIds.length) category = "violation";
  const forward = !!input.forward && target.domain !== null;
  // The instance actor is made (with its key) on first use, which is async: before the transaction.
  const actorId = forward ? await instanceActorId(ctx) : null;
  return transaction(ctx.db, () => {
    const id = ctx.ids.next();
    const uri = ctx.uris.url(`/${crypto.randomUUID()}`);
    insertReport(ctx.db, {
      id,
      accountId: reporterId,
      targetAccountId: target.id,
      statusIds: JSON.stringify(statuses.map((s) => s.id)),
      comment,
      forwarded: forward ? 1 : 0,
      uri,
      category,
      ruleIds: ruleIds.length ? JSON.stringify(ruleIds) : null,
      createdAt: ctx.now(),
    });
    if (actorId !== null) publishFlag(ctx, actorId, target, { uri, comment, statusUris: statuses.map((s) => s.uri) });
    notifyStaff(ctx, "manage_reports", { fromAccountId: reporterId, type: "admin.report", reportId: id });
    return id;
  });
}
