/** `hearth admin …` commands (tootctl-style account management). */
import type { AppContext } from "../context";
import { ApiError } from "../model/errors";
import { findLocalAccountWithUser, listLocalAccountsWithUsers } from "../db/queries/accounts";
import { createLocalAccount } from "../services/accounts/create-local";
import { randomToken } from "../services/oauth/tokens";
import { resetPassword } from "../services/registrations/reset-password";
import { deleteAccountAsOperator } from "../services/admin/delete-account-data";
import { adminDisableTwoFactor } from "../services/security/two-factor";
import { DOMAINS_HELP, runDomains } from "./domains";
import { MOVE_HELP, runMoveCommand } from "./move";
import { MEDIA_HELP, runMedia, runStatuses } from "./media";
import { EMOJI_HELP, runEmoji } from "./emoji";
import { SITE_HELP, runSite } from "./site";
import { BLOCK_GROUPS, BLOCKS_HELP, runBlocks } from "./blocks";

export const ADMIN_HELP = `  admin accounts create NAME --email E [--password P] [--role owner|admin|moderator|user]
  admin accounts list
  admin accounts delete NAME
  admin accounts reset-password NAME
  admin accounts disable-2fa NAME
${DOMAINS_HELP}
${BLOCKS_HELP}
${MOVE_HELP}
${MEDIA_HELP}
${SITE_HELP}
${EMOJI_HELP}`;

const ROLES = ["owner", "admin", "moderator", "user"] as const;
type Role = (typeof ROLES)[number];

/** A one-line failure: message for stderr and the exit code. */
class CliError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

/** Splits argv into positionals and `--flag value` pairs (flags without a value are "true"). */
export function parseArgs(args: string[]): { pos: string[]; flags: Record<string, string> } {
  const pos: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(a);
    if (!m) {
      pos.push(a);
      continue;
    }
    if (m[2] !== undefined) flags[m[1]!.toLowerCase()] = m[2];
    else if (i + 1 < args.length && !args[i + 1]!.startsWith("--")) flags[m[1]!.toLowerCase()] = args[++i]!;
    else flags[m[1]!.toLowerCase()] = "true";
  }
  return { pos, flags };
}

function localUser(ctx: AppContext, name: string | undefined): { accountId: number; userId: number | null; username: string } {
  if (!name) throw new CliError("missing account name", 2);
  const row = findLocalAccountWithUser(ctx.db, name.replace(/^@/, ""));
  if (!row) throw new CliError(`no local account named "${name}"`);
  return { accountId: row.id, userId: row.user_id, username: row.username };
}

async function create(ctx: AppContext, name: string | undefined, flags: Record<string, string>): Promise<void> {
  if (!name) throw new CliError("usage: hearth admin accounts create NAME --email E [--password P] [--role owner|admin|moderator|user]", 2);
  const email = flags.email;
  if (!email || email === "true") throw new CliError("--email is required");
  const role = (flags.role ?? "user").toLowerCase();
  if (!ROLES.includes(role as Role)) throw new CliError(`invalid role "${flags.role}" (use one of ${ROLES.join(", ")})`);
  const password = flags.password && flags.password !== "true" ? flags.password : randomToken(18);
  try {
    await createLocalAccount(ctx, {
      username: name.replace(/^@/, ""),
      email,
      password,
      role: role as Role,
      confirmed: true,
      approved: true,
      allowReserved: true,
    });
  } catch (e) {
    if (e instanceof ApiError) throw new CliError(e.message.replace(/^Validation failed: /, ""));
    throw e;
  }
  console.log(`Created ${role} account @${name.replace(/^@/, "")} <${email}>`);
  console.log(`New password: ${password}`);
}

function list(ctx: AppContext): void {
  const rows = listLocalAccountsWithUsers(ctx.db);
  const w = Math.max(8, ...rows.map((r) => r.username.length));
  const we = Math.max(5, ...rows.map((r) => (r.email ?? "-").length));
  for (const r of rows) {
    console.log(
      `${r.username.padEnd(w)}  ${(r.email ?? "-").padEnd(we)}  ${(r.role ?? "-").padEnd(9)}  ${new Date(r.created_at).toISOString().slice(0, 10)}`,
    );
  }
}

/** Runs an admin subcommand; returns the process exit code. */
export async function runAdmin(ctx: AppContext, args: string[]): Promise<number> {
  const { pos, flags } = parseArgs(args);
  const [group, action, name, extra] = pos;
  if (group === "domains") return runDomains(ctx, pos.slice(1), flags);
  if (group !== undefined && BLOCK_GROUPS.includes(group)) return runBlocks(ctx, pos, flags);
  if (group === "media") return runMedia(ctx, pos.slice(1), flags);
  if (group === "emoji") return runEmoji(ctx, pos.slice(1), flags);
  if (group === "statuses") return runStatuses(ctx, pos.slice(1), flags);
  if (group === "settings" || group === "rules" || group === "announcements") return runSite(ctx, pos, flags);
  try {
    if (group !== "accounts" || !action) throw new CliError(`unknown admin command "${pos.join(" ")}"; commands:\n${ADMIN_HELP}`, 2);
    if (extra !== undefined) throw new CliError(`unexpected argument "${extra}"`, 2);
    switch (action) {
      case "create":
        await create(ctx, name, flags);
        return 0;
      case "list":
        list(ctx);
        return 0;
      case "delete": {
        // As DELETE /api/v1/admin/accounts/:id: suspended, data purged, Delete(Person) queued; the name stays taken.
        const u = localUser(ctx, name);
        deleteAccountAsOperator(ctx, u.accountId);
        console.log(`Deleted account @${u.username} (the name stays reserved)`);
        return 0;
      }
      case "reset-password": {
        const u = localUser(ctx, name);
        if (u.userId === null) throw new CliError(`@${u.username} has no login`);
        const password = randomToken(18);
        await resetPassword(ctx, u.userId, password);
        console.log(`New password: ${password}`);
        return 0;
      }
      case "disable-2fa": {
        const u = localUser(ctx, name);
        if (u.userId === null) throw new CliError(`@${u.username} has no login`);
        const was = adminDisableTwoFactor(ctx, u.userId);
        console.log(
          was ? `Two-factor authentication is now off for @${u.username}` : `@${u.username} did not have two-factor authentication on`,
        );
        return 0;
      }
      case "move":
      case "alias":
        return await runMoveCommand(ctx, action, name, flags);
      default:
        throw new CliError(`unknown admin command "accounts ${action}"; commands:\n${ADMIN_HELP}`, 2);
    }
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    console.error(`hearth: ${e.message}`);
    return e.code;
  }
}
