/**
 * A per-connection cache of account rows (as the views load them) and their serialized
 * Account entities. Timelines show the same few hundred authors over and over; this skips
 * reading and serializing them again. Staleness is ruled out, not guessed:
 * - TEMP triggers on this connection record every inserted, updated or deleted account id in
 *   a TEMP table, which is read (and emptied) before each use: those entries are dropped;
 * - `PRAGMA data_version` changes when another connection (the CLI, another process) commits:
 *   then everything is dropped;
 * - inside a transaction the cache is not used at all (uncommitted rows may roll back).
 * Cached rows and views are frozen, so a caller that modified one would fail loudly.
 */
import type { Database } from "bun:sqlite";
import type { AppContext } from "../../context";
import type { AccountRow } from "../rows";

/** One cached account: its row and, once built for a context, its Account entity. */
export interface AccountEntry {
  row: AccountRow;
  ctx?: AppContext;
  view?: Record<string, unknown>;
}

const MAX_ENTRIES = 5_000;

// NOT EXISTS rather than OR IGNORE: triggers fired by foreign-key actions run under ABORT (see status-cache.ts).
const SETUP = `
  CREATE TEMP TABLE IF NOT EXISTS hearth_account_changes (id INTEGER PRIMARY KEY);
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_account_insert AFTER INSERT ON main.accounts
    BEGIN INSERT INTO hearth_account_changes (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM hearth_account_changes WHERE id = new.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_account_update AFTER UPDATE ON main.accounts
    BEGIN INSERT INTO hearth_account_changes (id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM hearth_account_changes WHERE id = old.id); INSERT INTO hearth_account_changes (id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM hearth_account_changes WHERE id = new.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_account_delete AFTER DELETE ON main.accounts
    BEGIN INSERT INTO hearth_account_changes (id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM hearth_account_changes WHERE id = old.id); END;`;

/** The cache of one connection. */
export class AccountCache {
  private entries = new Map<number, AccountEntry>();
  private dataVersion = -1;
  /** Change sequence for documents built from account rows (see changedSince). */
  private seq = 0;
  private clearedAt = 0;
  private changedAt = new Map<number, number>();
  constructor(private db: Database) {}

  /** The current change sequence: a document built now stays valid while changedSince(id, it) is false. */
  get sequence(): number {
    return this.seq;
  }

  /** Whether account `id` may have changed after sequence `seq` (always after another process committed). */
  changedSince(id: number, seq: number): boolean {
    return this.clearedAt > seq || (this.changedAt.get(id) ?? 0) > seq;
  }

  /** Drops whatever changed since the last call (see the module comment). */
  refresh(): void {
    // One statement: the data version (v = 1) and the recorded changes.
    const rows = this.db
      .query<{ v: number; id: number }, []>(
        "SELECT 1 AS v, data_version AS id FROM pragma_data_version UNION ALL SELECT 0, id FROM temp.hearth_account_changes",
      )
      .all();
    const v = rows.find((r) => r.v === 1)!.id;
    if (v !== this.dataVersion) {
      this.entries.clear();
      this.dataVersion = v;
      this.clearedAt = ++this.seq;
      this.changedAt.clear();
    }
    if (rows.length === 1) return;
    if (this.changedAt.size >= MAX_ENTRIES) {
      this.clearedAt = ++this.seq;
      this.changedAt.clear();
    }
    const at = ++this.seq;
    for (const r of rows)
      if (r.v === 0) {
        this.entries.delete(r.id);
        this.changedAt.set(r.id, at);
      }
    this.db.query("DELETE FROM temp.hearth_account_changes").run();
  }

  /** Forgets every row and view (the idle reclaim); what changed when stays known. */
  clear(): void {
    this.entries.clear();
  }

  /** How many accounts are cached (for tests). */
  get size(): number {
    return this.entries.size;
  }

  get(id: number): AccountEntry | undefined {
    return this.entries.get(id);
  }

  /** Caches a freshly read row (frozen) and returns its entry. */
  put(row: AccountRow): AccountEntry {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const e: AccountEntry = { row: Object.freeze(row) };
    this.entries.set(row.id, e);
    return e;
  }

  /** Remembers the Account entity built from `e.row` for `ctx` (frozen, with its arrays). */
  setView(e: AccountEntry, ctx: AppContext, view: Record<string, unknown>): void {
    for (const v of Object.values(view))
      if (Array.isArray(v)) {
        for (const x of v) if (x && typeof x === "object") Object.freeze(x);
        Object.freeze(v);
      }
    e.ctx = ctx;
    e.view = Object.freeze(view);
  }
}

const caches = new WeakMap<Database, AccountCache | null>();

/** The up-to-date cache of `db`, or null inside a transaction or where it cannot be set up. */
export function accountCache(db: Database): AccountCache | null {
  if (db.inTransaction) return null;
  let c = caches.get(db);
  if (c === undefined) {
    try {
      db.exec(SETUP);
      c = new AccountCache(db);
    } catch {
      c = null; // e.g. a read-only connection
    }
    caches.set(db, c);
  }
  c?.refresh();
  return c;
}

/** Empties `db`'s account cache if it has one (never sets one up): its memory goes back at the next collection. */
export function clearAccountCache(db: Database): void {
  caches.get(db)?.clear();
}
