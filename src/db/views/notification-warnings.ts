/**
 * The AccountWarning entities moderation_warning notifications carry (v1 list and v2 groups):
 * the warnings and their target accounts in a fixed number of queries.
 */
import type { AppContext } from "../../context";
import { selectIn } from "../sql";
import { loadAccountViews } from "./accounts";
import { toMastodonAccountWarning, type AccountWarningRow } from "../../serializers/mastodon/account-warning";

/** Serialized AccountWarnings by warning id for the notifications among `rows` that point at one. */
export function loadNotificationWarnings(
  ctx: AppContext,
  rows: readonly { account_warning_id?: number | null }[],
): Map<number, Record<string, unknown>> {
  const ids = [...new Set(rows.map((r) => r.account_warning_id).filter((x): x is number => typeof x === "number"))];
  if (!ids.length) return new Map();
  const warnings = selectIn<AccountWarningRow>(ctx.db, (ph) => `SELECT * FROM account_warnings WHERE id IN (${ph})`, ids);
  const targets = loadAccountViews(
    ctx,
    warnings.map((w) => w.target_account_id),
  );
  const out = new Map<number, Record<string, unknown>>();
  for (const w of warnings) {
    const t = targets.get(w.target_account_id);
    if (t) out.set(w.id, toMastodonAccountWarning(w, t));
  }
  return out;
}
