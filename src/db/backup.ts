/**
 * The database side of backups and shutdown: a consistent copy with `VACUUM INTO`, WAL
 * checkpoints, integrity checks and row counts.
 *
 * `VACUUM INTO` reads one snapshot inside a read transaction: in WAL mode writers keep writing
 * while it runs (only checkpoints wait past that snapshot), and the copy is compact and
 * self-contained (no -wal). SQLite's online backup API is not exposed by bun:sqlite, and
 * `db.serialize()` would hold the whole database in memory, too much on a Pi.
 */
import { Database } from "bun:sqlite";

/** Copies the database `db` reads into a new file `dest` (must not exist); blocks this thread. */
export function vacuumInto(db: Database, dest: string): void {
  db.query("VACUUM INTO ?").run(dest);
}

/** The worker that runs `VACUUM INTO` on its own connection and thread (source text: embeds in the binary). */
const WORKER_SOURCE = `
import { Database } from "bun:sqlite";
self.onmessage = (e) => {
  const { src, dest } = e.data;
  try {
    const db = new Database(src, { create: false });
    try {
      db.exec("PRAGMA busy_timeout = 10000");
      db.query("VACUUM INTO ?").run(dest);
    } finally {
      db.close();
    }
    postMessage({ ok: true });
  } catch (err) {
    postMessage({ ok: false, error: err && err.message ? err.message : String(err) });
  }
};`;

/**
 * Copies the database file `src` into a new file `dest` with `VACUUM INTO` on a worker thread,
 * so a server doing it keeps answering requests meanwhile.
 */
export async function vacuumIntoOffThread(src: string, dest: string): Promise<void> {
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: "application/javascript" }));
  const worker = new Worker(url);
  try {
    const result = await new Promise<{ ok: boolean; error?: string }>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ src, dest });
    });
    if (!result.ok) throw new Error(`VACUUM INTO failed: ${result.error}`);
  } finally {
    worker.terminate();
    URL.revokeObjectURL(url);
  }
}

/** Moves every WAL frame into the database file and truncates the -wal file to zero bytes. */
export function checkpointWal(db: Database): { busy: boolean; walFrames: number; checkpointed: number } {
  const r = db.query<{ busy: number; log: number; checkpointed: number }, []>("PRAGMA wal_checkpoint(TRUNCATE)").get();
  return { busy: (r?.busy ?? 0) !== 0, walFrames: r?.log ?? 0, checkpointed: r?.checkpointed ?? 0 };
}

/** `PRAGMA integrity_check`: "ok" or the problems found, one per line. */
export function integrityCheck(db: Database): string {
  return db
    .query<{ integrity_check: string }, []>("PRAGMA integrity_check")
    .all()
    .map((r) => r.integrity_check)
    .join("\n");
}

/** Every table's row count (SQLite's own tables left out), by table name. */
export function tableRowCounts(db: Database): Record<string, number> {
  const tables = db
    .query<{ name: string }, []>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all();
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    out[name] = db.query<{ n: number }, []>(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get()!.n;
  }
  return out;
}

/** A value from the settings table of a database opened just for a backup (undefined when absent). */
export function settingOf(db: Database, key: string): string | undefined {
  try {
    return db.query<{ value: string }, [string]>("SELECT value FROM settings WHERE key = ?").get(key)?.value;
  } catch {
    return undefined; // no settings table yet
  }
}

/** Opens an existing database file for a backup or a check (no pragmas changed, nothing created). */
export function openExisting(path: string, opts: { readonly?: boolean } = {}): Database {
  const db = new Database(path, { create: false, readwrite: !opts.readonly, readonly: opts.readonly, strict: true });
  db.exec("PRAGMA busy_timeout = 10000");
  return db;
}
