/**
 * Finding the account behind an HTTP signature's keyId (`<actor>#main-key`, or a key
 * document of its own as GoToSocial's `<actor>/main-key`). Known actors are answered from
 * the database; others (and `refresh` after a failed check: key rotation) go through F2's
 * resolver, signed by the instance actor and SSRF-safe, so a refused address yields no key.
 */
import type { AppContext } from "../../../context";
import type { AccountRow } from "../../../db/rows";
import { resolveAccountByUri } from "../../../services/federation/resolve-account";
import { accountByUri } from "./util";

/** The remote account owning `keyId` (refetched when `refresh`), or null when unknown/unreachable. */
export async function lookupSignerKey(ctx: AppContext, keyId: string, refresh: boolean): Promise<AccountRow | null> {
  let owner: string;
  try {
    const u = new URL(keyId);
    if (u.protocol !== "https:" && u.protocol !== "http:") return null;
    u.hash = "";
    owner = u.toString();
  } catch {
    return null;
  }
  // Our own accounts never sign requests to us.
  if (owner.startsWith(ctx.uris.base + "/")) return null;
  if (!refresh) {
    const known = accountByUri(ctx, owner);
    if (known?.domain && known.public_key_pem) return known;
  }
  try {
    const a = await resolveAccountByUri(ctx, keyId, { refresh });
    return a && a.domain !== null ? a : null;
  } catch (e) {
    ctx.log.debug(`inbox: cannot resolve key ${keyId}: ${e instanceof Error ? e.message : e}`);
    return null;
  }
}
