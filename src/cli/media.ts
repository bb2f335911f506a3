/** `hearth admin media usage|remove` and `hearth admin statuses remove-remote`, as tootctl has them. */
import type { AppContext } from "../context";
import { removeRemoteMediaCache } from "../services/media/cleanup";
import { mediaUsage } from "../services/media/usage";
import { removeRemoteStatuses } from "../services/maintenance/remove-remote-statuses";

export const MEDIA_HELP = `  admin media usage                       bytes in media storage by kind, and the database
  admin media remove [--days N]           remove cached remote media older than N days (MEDIA_CACHE_RETENTION_DAYS, else 7)
  admin statuses remove-remote [--days N] remove remote statuses no local account interacted with, older than N days
                                          (REMOTE_STATUS_RETENTION_DAYS, else 90)`;

/** Bytes as tootctl prints them (number_to_human_size). */
export function humanSize(n: number): string {
  const units = ["Bytes", "KB", "MB", "GB", "TB"];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} Bytes` : `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0).replace(/\.?0+$/, "")} ${units[i]}`;
}

function days(flags: Record<string, string>, dflt: number): number | string {
  if (flags.days === undefined) return dflt;
  return /^\d+$/.test(flags.days) && Number(flags.days) >= 1
    ? Number(flags.days)
    : `--days must be a whole number of days (1 or more), got "${flags.days}"`;
}

function fail(message: string, code = 2): number {
  console.error(`hearth: ${message}`);
  return code;
}

/** Runs `admin media ACTION` (`pos` starts at the action); returns the exit code. */
export async function runMedia(ctx: AppContext, pos: string[], flags: Record<string, string>): Promise<number> {
  const [action, extra] = pos;
  if (extra !== undefined) return fail(`unexpected argument "${extra}"`);
  if (action === "usage") {
    const lines = await mediaUsage(ctx);
    const w = Math.max(...lines.map((l) => l.name.length));
    for (const l of lines)
      console.log(`${`${l.name}:`.padEnd(w + 2)}${humanSize(l.bytes)}${l.name === "Database" ? "" : ` (${l.files} files)`}`);
    return 0;
  }
  if (action === "remove") {
    const d = days(flags, ctx.config.mediaCacheRetentionDays ?? 7);
    if (typeof d === "string") return fail(d, 1);
    const n = await removeRemoteMediaCache(ctx, d);
    console.log(`Removed the cached files of ${n} remote attachments older than ${d} days`);
    return 0;
  }
  return fail(`unknown admin command "media ${pos.join(" ")}"; commands:\n${MEDIA_HELP}`);
}

/** Runs `admin statuses ACTION`; returns the exit code. */
export async function runStatuses(ctx: AppContext, pos: string[], flags: Record<string, string>): Promise<number> {
  const [action, extra] = pos;
  if (extra !== undefined) return fail(`unexpected argument "${extra}"`);
  if (action !== "remove-remote") return fail(`unknown admin command "statuses ${pos.join(" ")}"; commands:\n${MEDIA_HELP}`);
  const d = days(flags, ctx.config.remoteStatusRetentionDays ?? 90);
  if (typeof d === "string") return fail(d, 1);
  const r = await removeRemoteStatuses(ctx, d);
  console.log(`Removed ${r.removed} of ${r.scanned} remote statuses older than ${d} days (${r.mediaRemoved} attachments with them)`);
  return 0;
}
