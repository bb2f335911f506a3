/**
 * Online backups: the database through `VACUUM INTO` (one consistent snapshot while the server
 * keeps writing), then the media files, then SHA256SUMS and manifest.json. A backup is built in
 * a hidden folder and only then renamed into place (or uploaded, manifest last, to S3), so an
 * interrupted one never looks complete.
 */
import type { Database } from "bun:sqlite";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { BackupTarget, Config } from "../../config";
import { openExisting, settingOf, tableRowCounts, vacuumInto, vacuumIntoOffThread } from "../../db/backup";
import { appliedMigrations, pendingMigrations } from "../../db/migrate";
import { HEARTH_VERSION } from "../../version";
import { backupName, filesUnder, hashFile, hashFileSync, sha256sums, type BackupFile, type BackupManifest } from "./manifest";
import { listS3Backups, s3Client, s3Key, s3Url } from "./store";

/** A backup problem with a message meant for the person running Hearth. */
export class BackupError extends Error {}

/** What `createBackup` needs; none of it requires a running server or a migrated database. */
export interface BackupOptions {
  /** DATA_DIR: hearth.sqlite, media/ and media-pending/ are read from here. */
  dataDir: string;
  /** Media lives in S3 (S3_ENABLED): the bucket is not copied, the manifest says so. */
  mediaOnS3: boolean;
  target: BackupTarget;
  /** The backup's time (default now); it names the backup. */
  now?: number;
}

/** A finished backup. */
export interface BackupResult {
  /** Where it is: a folder path or s3://bucket/prefix/name. */
  location: string;
  name: string;
  manifest: BackupManifest;
  /** Bytes in all files of the backup (manifest and SHA256SUMS aside). */
  bytes: number;
  ms: number;
}

/** The database file of a data directory. */
export const databasePath = (dataDir: string) => join(dataDir, "hearth.sqlite");

/** Facts read from the snapshot itself, so the manifest describes exactly what was copied. */
function describeSnapshot(file: string): Pick<BackupManifest, "schema_version" | "migrations" | "local_domain" | "protocol" | "tables"> {
  const db = openExisting(file, { readonly: true });
  try {
    const applied = appliedMigrations(db);
    return {
      schema_version: applied[applied.length - 1] ?? "none",
      migrations: applied.length,
      local_domain: settingOf(db, "local_domain") ?? null,
      protocol: settingOf(db, "protocol") ?? null,
      tables: tableRowCounts(db),
    };
  } finally {
    db.close();
  }
}

/** A name not taken in `dir` (or in `taken`, a bucket's backups) yet: two backups in one second get -2, -3 … */
function freeName(dir: string, name: string, taken: Set<string> | null = null): string {
  let n = name;
  for (let i = 2; taken ? taken.has(n) : existsSync(join(dir, n)); i++) n = `${name}-${i}`;
  return n;
}

/** Writes SHA256SUMS and manifest.json (last) into a backup folder being built. */
async function finish(staging: string, manifest: BackupManifest): Promise<void> {
  await writeFile(join(staging, "SHA256SUMS"), sha256sums(manifest.files));
  await writeFile(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Makes a full backup of `dataDir` into `target` (a new folder `hearth-backup-<time>` inside a
 * local folder, or the same name under an S3 prefix) while a server may keep writing.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupResult> {
  const t0 = performance.now();
  const src = databasePath(opts.dataDir);
  if (!existsSync(src)) throw new BackupError(`no database at ${src}: is DATA_DIR right?`);
  const now = opts.now ?? Date.now();
  const local = opts.target.kind === "dir" ? opts.target.path : join(opts.dataDir, "backups");
  mkdirSync(local, { recursive: true });
  const taken = opts.target.kind === "s3" ? new Set(await listS3Backups(opts.target)) : null;
  const name = freeName(local, backupName(now), taken);
  const staging = join(local, `.partial-${name}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    await vacuumIntoOffThread(src, join(staging, "hearth.sqlite"));
    const files: BackupFile[] = [{ path: "hearth.sqlite", ...(await hashFile(join(staging, "hearth.sqlite"))) }];
    // Media files never change once written (each write gets a new key), so copying them after
    // the snapshot is consistent: files added since are extra, files removed since were going.
    for (const path of [
      ...(opts.mediaOnS3 ? [] : await filesUnder(join(opts.dataDir, "media"), opts.dataDir)),
      ...(await filesUnder(join(opts.dataDir, "media-pending"), opts.dataDir)),
    ]) {
      const dest = join(staging, path);
      await mkdir(dirname(dest), { recursive: true });
      try {
        await copyFile(join(opts.dataDir, path), dest);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") continue; // removed since it was listed
        throw e;
      }
      files.push({ path, ...(await hashFile(dest)) });
    }
    const manifest: BackupManifest = {
      format: "hearth-backup",
      format_version: 1,
      kind: "full",
      hearth_version: HEARTH_VERSION,
      ...describeSnapshot(join(staging, "hearth.sqlite")),
      created_at: new Date(now).toISOString(),
      media: opts.mediaOnS3 ? "s3" : "disk",
      files,
    };
    await finish(staging, manifest);
    const bytes = files.reduce((n, f) => n + f.size, 0);
    if (opts.target.kind === "dir") {
      renameSync(staging, join(local, name));
      return { location: join(local, name), name, manifest, bytes, ms: performance.now() - t0 };
    }
    const client = s3Client(opts.target);
    for (const f of [...files.map((f) => f.path), "SHA256SUMS", "manifest.json"]) {
      await client.write(s3Key(opts.target, name, f), Bun.file(join(staging, f)));
    }
    return { location: s3Url(opts.target, name), name, manifest, bytes, ms: performance.now() - t0 };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Copies the database alone, synchronously, before migrations change it: into
 * `<dir>/pre-migrate-<schema>-<time>` with a manifest of kind "pre-migrate" (media, which
 * migrations never touch, is not copied). Returns the folder.
 */
export function backupBeforeMigrate(db: Database, dir: string, now = Date.now()): string {
  const applied = appliedMigrations(db);
  const schema = (applied[applied.length - 1] ?? "none").slice(0, 4);
  mkdirSync(dir, { recursive: true });
  const name = freeName(dir, backupName(now, `pre-migrate-${schema}`));
  const staging = join(dir, `.partial-${name}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const file = join(staging, "hearth.sqlite");
    vacuumInto(db, file);
    const manifest: BackupManifest = {
      format: "hearth-backup",
      format_version: 1,
      kind: "pre-migrate",
      hearth_version: HEARTH_VERSION,
      ...describeSnapshot(file),
      created_at: new Date(now).toISOString(),
      media: "not included",
      files: [{ path: "hearth.sqlite", ...hashFileSync(file) }],
    };
    writeFileSync(join(staging, "SHA256SUMS"), sha256sums(manifest.files));
    writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(staging, join(dir, name));
    return join(dir, name);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * When this binary is about to migrate an existing database (pending migrations, schema not
 * empty), backs the database up first into BACKUP_DIR (a local one) or DATA_DIR/backups.
 * Returns the backup's folder, or null when nothing needed one.
 */
export function backupIfUpgrading(db: Database, config: Config): string | null {
  if (appliedMigrations(db).length === 0 || pendingMigrations(db).length === 0) return null;
  const dir = config.backupDir?.kind === "dir" ? config.backupDir.path : join(config.dataDir, "backups");
  try {
    return backupBeforeMigrate(db, dir);
  } catch (e) {
    throw new BackupError(
      `could not back up the database into ${dir} before migrating it (${(e as Error).message}); nothing was migrated: free some space or set BACKUP_DIR`,
    );
  }
}
