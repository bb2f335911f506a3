/** Read helpers shared by account services and routes: find an account or answer 404. */
import type { AppContext } from "../../context";
import { getAccount, getLocalAccountByUsername, getRemoteAccountByHandle } from "../../db/queries/accounts";
import type { AccountRow } from "../../db/rows";
import { ApiError } from "../../model/errors";
import { parseId } from "../../model/ids";
import { isLocalDomain } from "../../model/uris";

/**
 * The account with this (client-supplied) id; 404 when unknown or suspended (unless
 * `o.suspended`: pages that show a suspended account as empty rather than missing).
 */
export function findAccount(ctx: AppContext, rawId: unknown, o?: { suspended?: boolean }): AccountRow {
  const id = parseId(rawId);
  const row = id === undefined ? null : getAccount(ctx.db, id);
  if (!row || (row.suspended_at !== null && !o?.suspended)) throw new ApiError(404, "Record not found");
  return row;
}

/** A local account by username (case-insensitive), or a remote one by username and domain. */
export function findByHandle(ctx: AppContext, username: string, domain: string | null): AccountRow | null {
  return domain === null ? getLocalAccountByUsername(ctx.db, username) : getRemoteAccountByHandle(ctx.db, username, domain);
}

/** Splits `user`, `@user`, `user@domain` into username and domain (null when local). */
export function parseAcct(ctx: AppContext, acct: string): { username: string; domain: string | null } {
  const s = acct.trim().replace(/^@/, "");
  const at = s.indexOf("@");
  if (at < 0) return { username: s, domain: null };
  const domain = s.slice(at + 1);
  const local = isLocalDomain(ctx.config, domain);
  return { username: s.slice(0, at), domain: local || domain === "" ? null : domain };
}
