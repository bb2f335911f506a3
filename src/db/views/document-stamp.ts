/**
 * The change signal of the rarely-changing documents (instance, custom emojis, NodeInfo): a
 * counter on this connection that TEMP triggers move on every write to what those documents
 * show (settings, rules, local custom emojis, staff roles), whichever service or admin path
 * wrote it, plus `PRAGMA data_version`, which moves when another process (the CLI) commits.
 * A rolled-back write rolls the counter back with it, so it never signals a change that is not there.
 */
import type { Database } from "bun:sqlite";

/** [table, op, what follows AFTER op (columns, ON, WHEN)]. Remote emojis arrive with federation all the time and no document here shows them. */
const TRIGGERS: [string, string, string][] = [
  ...["INSERT", "UPDATE", "DELETE"].flatMap((op) => [
    ["settings", op, "ON main.settings"] as [string, string, string],
    ["rules", op, "ON main.rules"] as [string, string, string],
  ]),
  ["custom_emojis", "INSERT", "ON main.custom_emojis WHEN new.domain IS NULL"],
  ["custom_emojis", "UPDATE", "ON main.custom_emojis WHEN new.domain IS NULL OR old.domain IS NULL"],
  ["custom_emojis", "DELETE", "ON main.custom_emojis WHEN old.domain IS NULL"],
  // The contact account defaults to the first owner or admin.
  ["users", "INSERT", "ON main.users"],
  ["users", "UPDATE", "OF role, account_id ON main.users"],
  ["users", "DELETE", "ON main.users"],
];

const SETUP = `
  CREATE TEMP TABLE IF NOT EXISTS hearth_doc_version (v INTEGER NOT NULL);
  INSERT INTO hearth_doc_version (v) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM hearth_doc_version);
  ${TRIGGERS.map(
    ([t, op, rest]) =>
      `CREATE TEMP TRIGGER IF NOT EXISTS hearth_doc_${t}_${op.toLowerCase()} AFTER ${op} ${rest} BEGIN UPDATE hearth_doc_version SET v = v + 1; END;`,
  ).join("\n")}`;

/** Where the documents' inputs stand: equal stamps mean nothing they show has changed since. */
export interface DocumentStamp {
  /** Writes on this connection to settings, rules, local custom emojis, staff roles. */
  version: number;
  /** Commits by other connections (the CLI in another process). */
  dataVersion: number;
}

const ready = new WeakMap<Database, boolean>();

/** The current stamp of `db`, or null inside a transaction (uncommitted writes) or where it cannot be set up. */
export function documentStamp(db: Database): DocumentStamp | null {
  if (db.inTransaction) return null;
  let ok = ready.get(db);
  if (ok === undefined) {
    try {
      db.exec(SETUP);
      ok = true;
    } catch {
      ok = false; // e.g. a read-only connection
    }
    ready.set(db, ok);
  }
  if (!ok) return null;
  const r = db
    .query<{ v: number; d: number }, []>("SELECT (SELECT v FROM temp.hearth_doc_version) AS v, data_version AS d FROM pragma_data_version")
    .get()!;
  return { version: r.v, dataVersion: r.d };
}

/** Whether two stamps are the same point in time. */
export function sameStamp(a: DocumentStamp, b: DocumentStamp): boolean {
  return a.version === b.version && a.dataVersion === b.dataVersion;
}
