/** Resolving remote accounts (owner: documents helper). */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";

/** Finds or fetches (WebFinger → actor) `user@domain`; null when it cannot be resolved. */
export async function resolveAccountByHandle(ctx: AppContext, handle: string): Promise<AccountRow | null> {
  void ctx; void handle;
  throw new Error("resolveAccountByHandle: not implemented");
}

/** Finds or fetches an actor by its URI; `refresh` refetches a known one. Null on failure. */
export async function resolveAccountByUri(ctx: AppContext, uri: string, opts: { refresh?: boolean } = {}): Promise<AccountRow | null> {
  void ctx; void uri; void opts;
  throw new Error("resolveAccountByUri: not implemented");
}

/** Inserts or updates a remote account from an actor document already fetched and trusted. */
export function upsertRemoteActor(ctx: AppContext, actor: Record<string, any>): AccountRow {
  void ctx; void actor;
  throw new Error("upsertRemoteActor: not implemented");
}
