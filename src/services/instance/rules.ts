/** Server rules: add, edit, move and remove (audit-logged); served by /api/v1/instance/rules and the Instance entities. */
import type { AppContext } from "../../context";
import { deleteRule, getRule, insertRule, listRuleRows, updateRule, type RuleRow } from "../../db/queries/rules";
import { transaction } from "../../db/transaction";
import { notFound, validation } from "../../model/errors";
import { logAdminAction, type Actor } from "../admin/action-log";

const MAX_TEXT = 300;
const MAX_HINT = 2000;

/** New or changed rule text and hint (undefined: keep). */
export interface RuleInput {
  text?: unknown;
  hint?: unknown;
}

function checkText(v: unknown, required: boolean): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== "string" || !v.trim()) throw validation("Text can't be blank");
  if (v.length > MAX_TEXT) throw validation(`Text is too long (maximum is ${MAX_TEXT} characters)`);
  return v.trim();
}

function checkHint(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") throw validation("Hint is invalid");
  if (v.length > MAX_HINT) throw validation(`Hint is too long (maximum is ${MAX_HINT} characters)`);
  return v.trim();
}

/** The rule by id; 404 when there is none. */
export function findRule(ctx: AppContext, id: number | undefined): RuleRow {
  const r = id === undefined ? null : getRule(ctx.db, id);
  if (!r) throw notFound();
  return r;
}

/** Every rule in display order. */
export function listRulesForAdmin(ctx: AppContext): RuleRow[] {
  return listRuleRows(ctx.db);
}

/** Adds a rule at the end. 422 on blank or too long text. */
export function addRule(ctx: AppContext, actor: Actor, i: RuleInput): RuleRow {
  const text = checkText(i.text, true)!;
  const hint = checkHint(i.hint) ?? "";
  return transaction(ctx.db, () => {
    const rows = listRuleRows(ctx.db);
    const row: RuleRow = { id: ctx.ids.next(), text, hint, position: (rows.at(-1)?.position ?? 0) + 1, created_at: ctx.now() };
    insertRule(ctx.db, row);
    logAdminAction(ctx, actor, "create", "Rule", row.id, text);
    return row;
  });
}

/** Changes a rule's text and/or hint. */
export function editRule(ctx: AppContext, actor: Actor, id: number | undefined, i: RuleInput): RuleRow {
  const old = findRule(ctx, id);
  const text = checkText(i.text, false) ?? old.text;
  const hint = checkHint(i.hint) ?? old.hint;
  return transaction(ctx.db, () => {
    updateRule(ctx.db, old.id, text, hint, old.position);
    logAdminAction(ctx, actor, "update", "Rule", old.id, text);
    return { ...old, text, hint };
  });
}

/** Moves a rule to 1-based place `to` in the list; the others keep their order. */
export function moveRule(ctx: AppContext, actor: Actor, id: number | undefined, to: number): RuleRow[] {
  const rule = findRule(ctx, id);
  if (!Number.isInteger(to) || to < 1) throw validation("Position must be a whole number from 1");
  return transaction(ctx.db, () => {
    const rest = listRuleRows(ctx.db).filter((r) => r.id !== rule.id);
    rest.splice(Math.min(to, rest.length + 1) - 1, 0, rule);
    rest.forEach((r, n) => updateRule(ctx.db, r.id, r.text, r.hint, n + 1));
    logAdminAction(ctx, actor, "update", "Rule", rule.id, rule.text);
    return listRuleRows(ctx.db);
  });
}

/** Deletes a rule (reports that cited it keep their ids, as Mastodon's soft delete shows). */
export function removeRule(ctx: AppContext, actor: Actor, id: number | undefined): void {
  const rule = findRule(ctx, id);
  transaction(ctx.db, () => {
    deleteRule(ctx.db, rule.id);
    logAdminAction(ctx, actor, "destroy", "Rule", rule.id, rule.text);
  });
}
