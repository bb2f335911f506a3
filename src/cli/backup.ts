/** `hearth backup [DIR|s3://bucket/prefix]` and `hearth restore BACKUP`: run beside a live server, no migrations. */
import { ConfigError, parseBackupTarget, type Config } from "../config";
import { createBackup, BackupError } from "../services/backup/create";
import { restoreBackup } from "../services/backup/restore";

export const BACKUP_HELP = `  backup [DIR|s3://BUCKET/PREFIX]
                          online backup (database, media, keys, settings) into a new
                          hearth-backup-<time> folder in DIR (default BACKUP_DIR), or in a bucket
  restore BACKUP          restore a backup folder (or s3://BUCKET/PREFIX/hearth-backup-<time>) into
                          an empty DATA_DIR; checksums are verified first`;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Runs `hearth backup`; returns the exit code. */
export async function runBackupCommand(config: Config, env: Record<string, string | undefined>, args: string[]): Promise<number> {
  if (args.length > 1) return usage(`unexpected argument "${args[1]}"`);
  try {
    const target = args[0] ? parseBackupTarget(args[0], env, "the backup destination") : config.backupDir;
    if (!target) return usage("give a destination folder or s3://bucket/prefix, or set BACKUP_DIR");
    const r = await createBackup({ dataDir: config.dataDir, mediaOnS3: config.s3 !== null, target });
    const statuses = r.manifest.tables.statuses ?? 0;
    console.log(
      `backup written to ${r.location}: ${r.manifest.files.length} files, ${mb(r.bytes)}, ${statuses} statuses, schema ${r.manifest.schema_version}, in ${(r.ms / 1000).toFixed(1)} s`,
    );
    if (r.manifest.media === "s3") console.log("media stays in the S3 bucket (S3_ENABLED): back the bucket up on its own");
    return 0;
  } catch (e) {
    return failure(e);
  }
}

/** Runs `hearth restore`; returns the exit code. */
export async function runRestoreCommand(config: Config, env: Record<string, string | undefined>, args: string[]): Promise<number> {
  if (args.length !== 1) return usage("usage: hearth restore BACKUP (a backup folder or s3://bucket/prefix/hearth-backup-…)");
  try {
    const r = await restoreBackup(parseBackupTarget(args[0]!, env, "the backup to restore"), config.dataDir);
    console.log(
      `restored ${r.manifest.kind} backup of ${r.manifest.local_domain ?? "?"} from ${r.manifest.created_at} (schema ${r.manifest.schema_version}) into ${config.dataDir}: ${r.manifest.files.length} files, ${mb(r.bytes)}, checksums verified`,
    );
    if (r.manifest.media === "s3") console.log("its media is in the S3 bucket: set the same S3_* variables");
    if (r.manifest.media === "not included") console.log("this backup holds the database only: copy media/ from the old data directory");
    return 0;
  } catch (e) {
    return failure(e);
  }
}

function usage(msg: string): number {
  console.error(`hearth: ${msg}`);
  return 2;
}

function failure(e: unknown): number {
  if (e instanceof BackupError || e instanceof ConfigError) {
    console.error(`hearth: ${e.message}`);
    return 1;
  }
  console.error(`hearth: ${e instanceof Error ? e.message : String(e)}`);
  return 1;
}
