/**
 * Housekeeping that keeps a small SD card from filling (all scheduled in jobs/cron.ts):
 * `db.optimize` and `db.checkpoint` for the SQLite file, `oauth.remove_expired` for sign-in
 * leftovers, `media.remove_orphans` for files no row uses, `accounts.refresh_stale` for remote
 * accounts local users care about, `statuses.remove_remote` for REMOTE_STATUS_RETENTION_DAYS.
 */
import type { AppContext } from "../../context";
import { checkpointWal, optimizeDatabase } from "../../db/maintenance";
import { removeOrphanedFiles } from "../../services/media/orphans";
import { refreshStaleRemoteAccounts } from "../../services/maintenance/refresh-remote-accounts";
import { removeExpiredAuth } from "../../services/maintenance/remove-expired-auth";
import { removeRemoteStatuses } from "../../services/maintenance/remove-remote-statuses";

/** db.optimize (daily): refreshes the query planner's statistics where they went stale. */
export function runDbOptimize(ctx: AppContext): void {
  optimizeDatabase(ctx.db);
}

/** db.checkpoint (hourly): copies the WAL back and truncates it when no reader holds it. */
export function runDbCheckpoint(ctx: AppContext): void {
  const r = checkpointWal(ctx.db);
  if (r.busy) ctx.log.debug(`db: checkpoint could not finish (${r.checkpointed}/${r.log} pages), a reader was busy`);
}

/** oauth.remove_expired (daily): revoked tokens, expired codes, idle browser sessions. */
export function runOauthRemoveExpired(ctx: AppContext): void {
  const n = removeExpiredAuth(ctx);
  if (n.tokens + n.grants + n.sessions)
    ctx.log.info(`oauth: removed ${n.tokens} revoked tokens, ${n.grants} expired codes, ${n.sessions} idle sessions`);
}

/** media.remove_orphans (daily): files in media storage no row refers to. */
export async function runMediaRemoveOrphans(ctx: AppContext): Promise<void> {
  const r = await removeOrphanedFiles(ctx);
  if (r.keys.length) ctx.log.info(`media: removed ${r.keys.length} orphaned files (${r.bytes} bytes)`);
}

/** accounts.refresh_stale (hourly): queues refetches of a few stale remote accounts of interest. */
export function runAccountsRefreshStale(ctx: AppContext): void {
  refreshStaleRemoteAccounts(ctx);
}

/** statuses.remove_remote (daily): the REMOTE_STATUS_RETENTION_DAYS rule; nothing when unset. */
export async function runStatusesRemoveRemote(ctx: AppContext): Promise<void> {
  const days = ctx.config.remoteStatusRetentionDays;
  if (!days) return;
  const r = await removeRemoteStatuses(ctx, days);
  if (r.removed) ctx.log.info(`statuses: removed ${r.removed} remote statuses older than ${days} days`);
}
