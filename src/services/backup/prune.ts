/** BACKUP_KEEP: removes the oldest hearth-backup-* backups beyond the number to keep (pre-migrate ones stay). */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { BackupTarget } from "../../config";
import { BACKUP_NAME } from "./manifest";
import { listS3Backups, removeS3Backup } from "./store";

/** Keeps the newest `keep` complete backups in `target`; returns the names removed. */
export async function pruneBackups(target: BackupTarget, keep: number): Promise<string[]> {
  let names: string[];
  if (target.kind === "dir") {
    names = existsSync(target.path)
      ? readdirSync(target.path).filter((n) => BACKUP_NAME.test(n) && existsSync(join(target.path, n, "manifest.json")))
      : [];
  } else {
    names = (await listS3Backups(target)).filter((n) => BACKUP_NAME.test(n));
  }
  const old = names.sort().slice(0, Math.max(0, names.length - keep));
  for (const n of old) {
    if (target.kind === "dir") rmSync(join(target.path, n), { recursive: true, force: true });
    else await removeS3Backup(target, n);
  }
  return old;
}
