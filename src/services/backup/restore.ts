/**
 * Restores a backup into an empty data directory: every file is copied (or downloaded) into a
 * hidden folder there and checked against the manifest's size and SHA-256, the database must
 * pass `PRAGMA integrity_check` and hold the rows the manifest counted, and only then do the
 * files move into place. A data directory with a database (live or not) is never touched.
 */
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { BackupTarget } from "../../config";
import { integrityCheck, openExisting, tableRowCounts } from "../../db/backup";
import { appliedMigrations } from "../../db/migrate";
import { MIGRATIONS } from "../../db/migration-files";
import { BackupError, databasePath } from "./create";
import { BACKUP_NAME, checkManifest, hashFile, type BackupManifest } from "./manifest";
import { s3Client, s3Url } from "./store";

/** A restored backup. */
export interface RestoreResult {
  manifest: BackupManifest;
  bytes: number;
  ms: number;
}

/** Whether some process (a running server) has `file` open: Linux /proc, best effort. */
function openedByAProcess(file: string): boolean {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((p) => /^\d+$/.test(p) && p !== String(process.pid));
  } catch {
    return false;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === file) return true;
      } catch {}
    }
  }
  return false;
}

/** Refuses any data directory that is not empty (a lost+found of a fresh file system aside). */
function checkEmpty(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const entries = readdirSync(dataDir).filter((e) => e !== "lost+found");
  const db = databasePath(dataDir);
  if (entries.some((e) => e.startsWith("hearth.sqlite"))) {
    const live = openedByAProcess(db) ? " and a running Hearth has it open" : "";
    throw new BackupError(
      `${dataDir} already holds a Hearth database${live}; restore only goes into an empty data directory: stop the server, move ${dataDir} aside (or set DATA_DIR to a new folder) and run hearth restore again`,
    );
  }
  if (entries.length > 0)
    throw new BackupError(
      `${dataDir} is not empty (${entries.slice(0, 5).join(", ")}${entries.length > 5 ? ", …" : ""}); restore only goes into an empty data directory`,
    );
}

/** Reads a local backup's manifest, pointing at the newest backup when given the folder holding them. */
function localManifest(path: string): BackupManifest {
  const file = join(path, "manifest.json");
  if (!existsSync(file)) {
    const inside = existsSync(path)
      ? readdirSync(path).filter((n) => BACKUP_NAME.test(n) && existsSync(join(path, n, "manifest.json")))
      : [];
    if (inside.length > 0)
      throw new BackupError(
        `${path} holds backups, not one backup: pass one of them, e.g. the newest, ${join(path, inside.sort().at(-1)!)}`,
      );
    throw new BackupError(`${path} is not a complete Hearth backup (no manifest.json)`);
  }
  return parseManifest(readFileSync(file, "utf8"));
}

function parseManifest(text: string): BackupManifest {
  try {
    return checkManifest(JSON.parse(text));
  } catch (e) {
    throw new BackupError(`manifest.json: ${(e as Error).message}`);
  }
}

/** Checks the staged database: intact, from a schema this binary knows, with the rows the manifest counted. */
function checkDatabase(file: string, manifest: BackupManifest): void {
  const db = openExisting(file);
  try {
    const integrity = integrityCheck(db);
    if (integrity !== "ok") throw new BackupError(`the backup's database fails SQLite's integrity check: ${integrity.split("\n")[0]}`);
    const known = new Set(MIGRATIONS.map((m) => m.name));
    const unknown = appliedMigrations(db).filter((n) => !known.has(n));
    if (unknown.length > 0)
      throw new BackupError(
        `the backup was made by a newer Hearth (${manifest.hearth_version}, schema ${manifest.schema_version}); restore it with that version or a later one`,
      );
    const counts = tableRowCounts(db);
    for (const [table, n] of Object.entries(manifest.tables ?? {})) {
      if (counts[table] !== n)
        throw new BackupError(`the backup's database has ${counts[table] ?? "no"} rows in ${table} where the manifest counted ${n}`);
    }
  } finally {
    db.close();
  }
}

/**
 * Restores the backup at `source` (a backup folder, or s3://bucket/prefix/hearth-backup-…) into
 * the empty `dataDir`, verifying every checksum first.
 */
export async function restoreBackup(source: BackupTarget, dataDir: string): Promise<RestoreResult> {
  const t0 = performance.now();
  checkEmpty(dataDir);
  let manifest: BackupManifest;
  let fetchFile: (path: string, dest: string) => Promise<void>;
  if (source.kind === "dir") {
    manifest = localManifest(source.path);
    fetchFile = (path, dest) => copyFile(join(source.path, path), dest);
  } else {
    const client = s3Client(source);
    const key = (path: string) => [source.prefix, path].filter(Boolean).join("/");
    const m = client.file(key("manifest.json"));
    if (!(await m.exists())) throw new BackupError(`${s3Url(source, "")} is not a complete Hearth backup (no manifest.json)`);
    manifest = parseManifest(await m.text());
    fetchFile = async (path, dest) => {
      await Bun.write(dest, client.file(key(path)));
    };
  }
  mkdirSync(dataDir, { recursive: true });
  const staging = join(dataDir, `.restoring-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    let bytes = 0;
    for (const f of manifest.files) {
      const dest = join(staging, f.path);
      await mkdir(dirname(dest), { recursive: true });
      try {
        await fetchFile(f.path, dest);
      } catch (e) {
        throw new BackupError(`the backup is missing ${f.path} (${(e as Error).message})`);
      }
      const got = await hashFile(dest);
      if (got.size !== f.size || got.sha256 !== f.sha256)
        throw new BackupError(
          `the backup's ${f.path} is damaged: ${got.size} bytes with SHA-256 ${got.sha256}, the manifest says ${f.size} bytes with ${f.sha256}`,
        );
      bytes += got.size;
    }
    checkDatabase(join(staging, "hearth.sqlite"), manifest);
    // link() never replaces a file: a server started on this folder meanwhile keeps its database.
    try {
      linkSync(join(staging, "hearth.sqlite"), databasePath(dataDir));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST")
        throw new BackupError(`${dataDir} got a database while restoring; nothing restored`);
      throw e;
    }
    for (const dir of ["media", "media-pending"]) {
      if (existsSync(join(staging, dir))) renameSync(join(staging, dir), join(dataDir, dir));
    }
    return { manifest, bytes, ms: performance.now() - t0 };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
