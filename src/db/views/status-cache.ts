/**
 * A per-connection cache of the viewer-independent JSON of statuses (everything but `reblog`,
 * `poll` and the viewer's flags), kept exact the way account-cache.ts keeps accounts:
 * - TEMP triggers record the ids of statuses whose row, mentions, tags, media, preview card or quote change on this
 *   connection (and "everything" when a tag is renamed or an application changes); those
 *   entries are dropped before each use;
 * - `PRAGMA data_version` changes when another connection commits: then everything is dropped;
 * - each entry remembers the account rows (author, mentioned accounts) it was built from, and
 *   is used only while the account cache reports none of them changed since;
 * - it also keeps, per viewer, which statuses they favourited, boosted, bookmarked or pinned
 *   and which conversations they muted; triggers on those tables (and on boosts) record the
 *   viewer's account id (negated), which drops what is known about that viewer;
 * - inside a transaction the cache is not used at all (uncommitted rows may roll back).
 */
import type { Database } from "bun:sqlite";
import type { AppContext } from "../../context";
import type { AccountRow, StatusRow } from "../rows";
import type { QuoteRow } from "../queries/quotes";

/** One cached status: its row, the accounts it depends on and its JSON around the holes. */
export interface StatusEntry {
  ctx: AppContext;
  row: StatusRow;
  depIds: number[];
  deps: (AccountRow | undefined)[];
  /** The account cache's sequence when `deps` were last known current (see AccountCache.changedSince). */
  checked: number;
  /** JSON text up to the value of `reblog`. */
  head: string;
  /** JSON text between the values of `reblog` and `poll`. */
  mid: string;
  /** JSON text after the value of `poll`, without the closing brace. */
  tail: string;
  /** Its media descriptions (keyword filters match them). */
  media?: string[];
  /** Its row in `quotes` (null: it quotes nothing; always null for a boost): pages without one skip the quotes query. */
  quote: QuoteRow | null;
}

const MAX_ENTRIES = 1024;
const MAX_VIEWERS = 1000;
const MAX_VIEWER_FLAGS = 4096;
/** Recorded when every entry must go (a tag renamed, an application changed or removed). */
const ALL = 0;

/** What is known of one viewer: flag bits by status id (1 fav, 2 boost, 4 bookmark, 8 pin), muted by conversation id. */
export interface ViewerFlagCache {
  statuses: Map<number, number>;
  conversations: Map<number, boolean>;
}

// Not `INSERT OR IGNORE`: a trigger fired by a foreign-key action (media_attachments' ON DELETE
// SET NULL when a status is deleted) runs under ABORT whatever the trigger says, so a second
// record of the same id would fail the delete with a UNIQUE error. NOT EXISTS never conflicts.
const rec = (expr: string) =>
  `INSERT INTO hearth_status_changes (id) SELECT ${expr} WHERE ${expr} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM hearth_status_changes WHERE id = ${expr});`;
const SETUP = `
  CREATE TEMP TABLE IF NOT EXISTS hearth_status_changes (id INTEGER PRIMARY KEY);
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_insert AFTER INSERT ON main.statuses BEGIN ${rec("new.id")} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_update AFTER UPDATE ON main.statuses BEGIN ${rec("old.id")} ${rec("new.id")} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_delete AFTER DELETE ON main.statuses BEGIN ${rec("old.id")} END;
  ${[
    ["mention", "mentions"],
    ["tag", "statuses_tags"],
    ["media", "media_attachments"],
    ["card", "preview_cards_statuses"],
    ["quote", "quotes"],
  ]
    .map(
      ([name, table]) => `
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_${name}_insert AFTER INSERT ON main.${table} BEGIN ${rec("new.status_id")} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_${name}_update AFTER UPDATE ON main.${table} BEGIN ${rec("old.status_id")} ${rec("new.status_id")} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_${name}_delete AFTER DELETE ON main.${table} BEGIN ${rec("old.status_id")} END;`,
    )
    .join("")}
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_viewer_boost_insert AFTER INSERT ON main.statuses WHEN new.reblog_of_id IS NOT NULL BEGIN ${rec("-new.account_id")} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_viewer_boost_update AFTER UPDATE ON main.statuses WHEN old.reblog_of_id IS NOT NULL OR new.reblog_of_id IS NOT NULL BEGIN ${rec("-old.account_id")} ${rec("-new.account_id")} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_viewer_boost_delete AFTER DELETE ON main.statuses WHEN old.reblog_of_id IS NOT NULL BEGIN ${rec("-old.account_id")} END;
  ${["favourites", "bookmarks", "status_pins", "conversation_mutes"]
    .map(
      (t) => `
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_viewer_${t}_insert AFTER INSERT ON main.${t} BEGIN ${rec("-new.account_id")} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_viewer_${t}_update AFTER UPDATE ON main.${t} BEGIN ${rec("-old.account_id")} ${rec("-new.account_id")} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_viewer_${t}_delete AFTER DELETE ON main.${t} BEGIN ${rec("-old.account_id")} END;`,
    )
    .join("")}
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_card_refresh AFTER UPDATE ON main.preview_cards BEGIN
    INSERT INTO hearth_status_changes (id) SELECT status_id FROM main.preview_cards_statuses
      WHERE preview_card_id = new.id AND status_id NOT IN (SELECT id FROM hearth_status_changes); END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_tags_rename AFTER UPDATE OF name ON main.tags BEGIN ${rec(String(ALL))} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_tags_delete AFTER DELETE ON main.tags BEGIN ${rec(String(ALL))} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_app_update AFTER UPDATE ON main.oauth_applications BEGIN ${rec(String(ALL))} END;
  CREATE TEMP TRIGGER IF NOT EXISTS hearth_status_app_delete AFTER DELETE ON main.oauth_applications BEGIN ${rec(String(ALL))} END;`;

/** The cache of one connection. */
export class StatusCache {
  private entries = new Map<number, StatusEntry>();
  private viewers = new Map<number, ViewerFlagCache>();
  private dataVersion = -1;
  constructor(private db: Database) {}

  /** Drops whatever changed since the last call (see the module comment). */
  refresh(): void {
    // One statement: the data version (v = 1) and the recorded changes.
    const rows = this.db
      .query<{ v: number; id: number }, []>(
        "SELECT 1 AS v, data_version AS id FROM pragma_data_version UNION ALL SELECT 0, id FROM temp.hearth_status_changes",
      )
      .all();
    const v = rows.find((r) => r.v === 1)!.id;
    if (v !== this.dataVersion) {
      this.entries.clear();
      this.viewers.clear();
      this.dataVersion = v;
    }
    if (rows.length === 1) return;
    for (const r of rows) {
      if (r.v === 1) continue;
      if (r.id === ALL) this.entries.clear();
      else if (r.id < 0) this.viewers.delete(-r.id);
      else this.entries.delete(r.id);
    }
    this.db.query("DELETE FROM temp.hearth_status_changes").run();
  }

  /** The entry of status `id` built for `ctx` (its account rows are checked by the caller). */
  get(id: number, ctx: AppContext): StatusEntry | undefined {
    const e = this.entries.get(id);
    return e && e.ctx === ctx ? e : undefined;
  }

  /** Caches an entry (its row frozen), evicting the oldest when full. */
  put(e: StatusEntry): void {
    Object.freeze(e.row);
    this.entries.delete(e.row.id);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(e.row.id, e);
  }

  /** What is known of `viewerId`'s flags (created empty; emptied when it grows too big). */
  viewer(viewerId: number): ViewerFlagCache {
    let c = this.viewers.get(viewerId);
    if (c && c.statuses.size + c.conversations.size > MAX_VIEWER_FLAGS) {
      c.statuses.clear();
      c.conversations.clear();
    }
    if (!c) {
      if (this.viewers.size >= MAX_VIEWERS) this.viewers.delete(this.viewers.keys().next().value!);
      c = { statuses: new Map(), conversations: new Map() };
      this.viewers.set(viewerId, c);
    }
    return c;
  }

  /** Forgets status `id` (e.g. its account rows changed). */
  drop(id: number): void {
    this.entries.delete(id);
  }

  /** How many statuses are cached (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /** Forgets every status and viewer (the idle reclaim); later uses read and build again. */
  clear(): void {
    this.entries.clear();
    this.viewers.clear();
  }
}

const caches = new WeakMap<Database, StatusCache | null>();

/** The up-to-date cache of `db`, or null inside a transaction or where it cannot be set up. */
export function statusCache(db: Database): StatusCache | null {
  if (db.inTransaction) return null;
  let c = caches.get(db);
  if (c === undefined) {
    try {
      db.exec(SETUP);
      c = new StatusCache(db);
    } catch {
      c = null; // e.g. a read-only connection
    }
    caches.set(db, c);
  }
  c?.refresh();
  return c;
}

/** Empties `db`'s status cache if it has one (never sets one up): its memory goes back at the next collection. */
export function clearStatusCache(db: Database): void {
  caches.get(db)?.clear();
}
