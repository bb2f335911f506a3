/** The quote parts of editing a status: its quote policy, its quote, and `quoted_update` notifications. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { getQuoteOfStatus, listLocalQuoterIds, setStatusQuotePolicy } from "../../db/queries/quotes";
import { validation } from "../../model/errors";
import { transaction } from "../../db/transaction";
import { effectiveQuotePolicy, quotePolicyOf } from "../../model/quotes";
import { notify } from "../notifications/notify";
import { attachQuote, detachQuote, findQuoteTarget } from "./attach";
import { requestQuoteApproval } from "./request";

/**
 * Applies `quoteApprovalPolicy` (private and direct posts stay `nobody`) and a changed
 * `quotedStatusId` ("" removes the quote) to own status `s`. True when the quote itself
 * changed (the edit then counts as a change of content).
 */
export function editQuote(ctx: AppContext, s: StatusRow, input: { quotedStatusId?: string; quoteApprovalPolicy?: string }): boolean {
  if (input.quoteApprovalPolicy !== undefined) {
    const p = quotePolicyOf(input.quoteApprovalPolicy);
    if (p === undefined) throw validation("Quote approval policy is not included in the list");
    setStatusQuotePolicy(ctx.db, s.id, effectiveQuotePolicy(s.visibility, p));
  }
  if (input.quotedStatusId === undefined) return false;
  const current = getQuoteOfStatus(ctx.db, s.id);
  if (input.quotedStatusId === "") {
    if (!current) return false;
    detachQuote(ctx, s);
    return true;
  }
  const t = findQuoteTarget(ctx, s.account_id, input.quotedStatusId);
  if (current && current.quoted_status_id === t.quoted.id) return false;
  if (current) detachQuote(ctx, s);
  if (attachQuote(ctx, s, t) === "pending") requestQuoteApproval(ctx, s, t.quoted);
  return true;
}

/** `quoted_update` notifications to the local accounts whose accepted quotes point at the edited `s`. */
export function notifyQuoters(ctx: AppContext, s: StatusRow): void {
  for (const q of listLocalQuoterIds(ctx.db, s.id))
    notify(ctx, { accountId: q.account_id, fromAccountId: s.account_id, type: "quoted_update", statusId: s.id });
}

/** PUT /api/v1/statuses/:id/interaction_policy: sets who may quote own status `s` (422 for an unknown policy). */
export function setQuotePolicy(ctx: AppContext, s: StatusRow, policy: string): void {
  transaction(ctx.db, () => {
    editQuote(ctx, s, { quoteApprovalPolicy: policy });
  });
}
