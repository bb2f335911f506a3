/** The daily backup (BACKUP_DIR, BACKUP_KEEP): one backup, then the oldest beyond BACKUP_KEEP removed. */
import type { AppContext } from "../../context";
import { createBackup } from "../../services/backup/create";
import { pruneBackups } from "../../services/backup/prune";

/** Data directories with a backup under way: a job outliving its lease must not start a second one. */
const running = new Set<string>();

/** backup.daily: backs DATA_DIR up into BACKUP_DIR and prunes to BACKUP_KEEP; nothing when BACKUP_DIR is unset. */
export async function runBackupDaily(ctx: AppContext): Promise<void> {
  const target = ctx.config.backupDir;
  if (!target || running.has(ctx.config.dataDir)) return;
  running.add(ctx.config.dataDir);
  try {
    const r = await createBackup({ dataDir: ctx.config.dataDir, mediaOnS3: ctx.config.s3 !== null, target, now: ctx.now() });
    const removed = await pruneBackups(target, ctx.config.backupKeep);
    ctx.log.info(
      `backup written to ${r.location} (${r.manifest.files.length} files, ${r.bytes} bytes, ${Math.round(r.ms)} ms)${removed.length ? `; removed ${removed.join(", ")}` : ""}`,
    );
  } finally {
    running.delete(ctx.config.dataDir);
  }
}
