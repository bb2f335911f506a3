/** `hearth admin accounts move|alias`: account migration from the command line. */
import type { AppContext } from "../context";
import { findLocalAccountByUsername } from "../db/queries/accounts";
import { MoveError, moveAccount, setAlias } from "../services/federation/move";

/** Help lines for the move and alias commands (appended to the admin help). */
export const MOVE_HELP = `  admin accounts move NAME --to user@domain
  admin accounts alias NAME --add user@domain | --remove user@domain`;

function localAccountId(ctx: AppContext, name: string | undefined): { id: number; username: string } | string {
  if (!name) return "missing account name";
  const row = findLocalAccountByUsername(ctx.db, name.replace(/^@/, ""));
  return row ?? `no local account named "${name}"`;
}

function fail(msg: string, code = 1): number {
  console.error(`hearth: ${msg}`);
  return code;
}

/**
 * Runs `move` or `alias` for local account NAME; returns the exit code. Move enqueues
 * Update(Person) and Move to followers; alias enqueues Update(Person).
 */
export async function runMoveCommand(
  ctx: AppContext,
  action: "move" | "alias",
  name: string | undefined,
  flags: Record<string, string>,
): Promise<number> {
  const acct = localAccountId(ctx, name);
  if (typeof acct === "string") return fail(acct, name ? 1 : 2);
  try {
    if (action === "move") {
      if (!flags.to || flags.to === "true") return fail("usage: hearth admin accounts move NAME --to user@domain", 2);
      const { target, movedFollowers } = await moveAccount(ctx, acct.id, flags.to);
      console.log(`Moved @${acct.username} to ${target.uri}; ${movedFollowers} local follower(s) now follow the new account`);
      return 0;
    }
    const handle = flags.add ?? flags.remove;
    if (!handle || handle === "true" || (flags.add && flags.remove))
      return fail("usage: hearth admin accounts alias NAME --add user@domain | --remove user@domain", 2);
    const { aliases } = await setAlias(ctx, acct.id, handle, flags.remove !== undefined);
    console.log(`Aliases of @${acct.username}: ${aliases.length ? aliases.join(", ") : "(none)"}`);
    return 0;
  } catch (e) {
    if (e instanceof MoveError) return fail(e.message);
    throw e;
  }
}
