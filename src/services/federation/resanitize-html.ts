/**
 * The one-time pass that runs stored remote HTML through the tree-based sanitizer again: the
 * streaming one it replaced let stray end tags through, and the API serves stored HTML as it is.
 * Migration 0024 enqueues the first step; each step rewrites one batch and enqueues the next.
 */
import type { AppContext } from "../../context";
import {
  listRemoteAccountHtml,
  listRemoteStatusContent,
  listRemoteStatusEditContent,
  setAccountHtml,
  setStatusContent,
  setStatusEditContent,
} from "../../db/queries/remote-html";
import { transaction } from "../../db/transaction";
import { sanitizeHtml } from "../../text/sanitize";

/** Which rows a step covers: one table, the rows after `afterId`. */
export interface ResanitizeStep {
  table: "statuses" | "status_edits" | "accounts";
  afterId: number;
}

const ORDER: ResanitizeStep["table"][] = ["statuses", "status_edits", "accounts"];
const BATCH = 200;

function resanitizeFields(json: string): string {
  let fields: unknown;
  try {
    fields = JSON.parse(json);
  } catch {
    return json;
  }
  if (!Array.isArray(fields)) return json;
  const clean = fields.map((f) =>
    f && typeof f === "object" ? { ...f, value: sanitizeHtml(f.value), value_html: sanitizeHtml(f.value_html ?? f.value) } : f,
  );
  const out = JSON.stringify(clean);
  return out === JSON.stringify(fields) ? json : out;
}

/** Rewrites the rows of `step` whose HTML changes, returning the last id seen and how many rows were read. */
function runBatch(ctx: AppContext, step: ResanitizeStep): { lastId: number; read: number; changed: number } {
  let changed = 0;
  if (step.table === "accounts") {
    const rows = listRemoteAccountHtml(ctx.db, step.afterId, BATCH);
    for (const r of rows) {
      const note = sanitizeHtml(r.note);
      const fields = resanitizeFields(r.fields);
      if (note !== r.note || fields !== r.fields) {
        setAccountHtml(ctx.db, r.id, note, fields);
        changed++;
      }
    }
    return { lastId: rows.at(-1)?.id ?? step.afterId, read: rows.length, changed };
  }
  const [list, set] =
    step.table === "statuses" ? [listRemoteStatusContent, setStatusContent] : [listRemoteStatusEditContent, setStatusEditContent];
  const rows = list(ctx.db, step.afterId, BATCH);
  for (const r of rows) {
    const html = sanitizeHtml(r.html);
    if (html !== r.html) {
      set(ctx.db, r.id, html);
      changed++;
    }
  }
  return { lastId: rows.at(-1)?.id ?? step.afterId, read: rows.length, changed };
}

/**
 * Re-sanitizes one batch of stored remote HTML (statuses, then their earlier versions, then
 * remote bios and fields) and, in the same transaction, enqueues the step after it; returns how
 * many rows changed. Idempotent: sanitized HTML sanitizes to itself.
 */
export function resanitizeRemoteHtml(ctx: AppContext, step: ResanitizeStep): number {
  if (!ORDER.includes(step.table)) return 0;
  return transaction(ctx.db, () => {
    const { lastId, read, changed } = runBatch(ctx, step);
    const nextTable = ORDER[ORDER.indexOf(step.table) + 1];
    if (read === BATCH) ctx.jobs.enqueue("federation.resanitize_html", { table: step.table, afterId: lastId });
    else if (nextTable) ctx.jobs.enqueue("federation.resanitize_html", { table: nextTable, afterId: 0 });
    if (changed) ctx.log.info(`re-sanitized ${changed} stored ${step.table} row(s) of remote HTML`);
    return changed;
  });
}
