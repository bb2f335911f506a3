/** The backup format: a folder (or an S3 prefix) with hearth.sqlite, media/…, SHA256SUMS and manifest.json. */
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";

/** One file of a backup, by its path inside the backup. */
export interface BackupFile {
  path: string;
  size: number;
  sha256: string;
}

/** manifest.json: written last, so a backup without one is incomplete. */
export interface BackupManifest {
  format: "hearth-backup";
  format_version: 1;
  /** "full" (database and media) or "pre-migrate" (the database before an upgrade migrated it). */
  kind: "full" | "pre-migrate";
  hearth_version: string;
  /** The last migration applied to the database, and how many were. */
  schema_version: string;
  migrations: number;
  created_at: string;
  local_domain: string | null;
  protocol: string | null;
  /** Where media lived: copied from local disk, left in the S3 bucket, or not part of this backup. */
  media: "disk" | "s3" | "not included";
  /** Row count of every table in the backed-up database. */
  tables: Record<string, number>;
  files: BackupFile[];
}

/** The folder name of a backup made at `ms`: hearth-backup-20250131T031700Z (sorts by time). */
export function backupName(ms: number, prefix = "hearth-backup"): string {
  return `${prefix}-${new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}`;
}

/** Names of complete daily/CLI backups sort oldest first; pre-migrate ones are never pruned. */
export const BACKUP_NAME = /^hearth-backup-\d{8}T\d{6}Z(-\d+)?$/;

/** SHA-256 (hex) and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hasher = new Bun.CryptoHasher("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hasher.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hasher.digest("hex") };
}

/** SHA-256 (hex) and size of a file, read synchronously in 1 MB chunks. */
export function hashFileSync(path: string): { size: number; sha256: string } {
  const hasher = new Bun.CryptoHasher("sha256");
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, "r");
  let size = 0;
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; size += n) hasher.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return { size, sha256: hasher.digest("hex") };
}

/** Every file under `dir` (recursively), as paths relative to `base`; none when `dir` is absent. */
export async function filesUnder(dir: string, base: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p, base)));
    else if (e.isFile()) out.push(relative(base, p));
  }
  return out.sort();
}

/** The SHA256SUMS text (`sha256sum -c SHA256SUMS` checks a local backup). */
export function sha256sums(files: BackupFile[]): string {
  return files.map((f) => `${f.sha256}  ${f.path}\n`).join("");
}

/** Checks a parsed manifest.json; throws with a message naming what is wrong. */
export function checkManifest(m: unknown): BackupManifest {
  const x = m as Partial<BackupManifest> | null;
  if (!x || x.format !== "hearth-backup" || !Array.isArray(x.files)) throw new Error("manifest.json is not a Hearth backup manifest");
  if (x.format_version !== 1) throw new Error(`backup format version ${x.format_version} is not supported by this Hearth`);
  for (const f of x.files) {
    if (typeof f?.path !== "string" || typeof f.size !== "number" || !/^[0-9a-f]{64}$/.test(f.sha256 ?? ""))
      throw new Error("manifest.json lists a file without path, size or SHA-256");
    if (f.path.startsWith("/") || f.path.split("/").some((p) => p === ".." || p === "" || p === "."))
      throw new Error(`manifest.json lists an unsafe path "${f.path}"`);
    if (f.path !== "hearth.sqlite" && !/^media(-pending)?\//.test(f.path))
      throw new Error(`manifest.json lists an unexpected file "${f.path}"`);
  }
  if (!x.files.some((f) => f.path === "hearth.sqlite")) throw new Error("manifest.json lists no hearth.sqlite");
  return x as BackupManifest;
}
