/** `hearth admin …` commands (tootctl-style account management). */
import type { AppContext } from "../context";

/** Runs an admin subcommand; returns the process exit code. */
export async function runAdmin(_ctx: AppContext, args: string[]): Promise<number> {
  console.error(`unknown admin command: ${args.join(" ")}`);
  return 2;
}

export const ADMIN_HELP = `  admin accounts create NAME --email E [--password P] [--role owner|admin|user]
  admin accounts list
  admin accounts delete NAME
  admin accounts reset-password NAME`;
