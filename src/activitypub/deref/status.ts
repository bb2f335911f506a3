/** Resolving remote statuses (owner: documents helper). */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";

/** Finds or fetches a status (Note, Question, Article, Page, Video, Image…) by URI; null when not possible. */
export async function resolveStatusByUri(ctx: AppContext, uri: string): Promise<StatusRow | null> {
  void ctx; void uri;
  throw new Error("resolveStatusByUri: not implemented");
}

/**
 * Creates or updates (edit with history) a remote status from an object whose author is
 * `author` (already checked by the caller). Sanitizes HTML, derives visibility from to/cc,
 * stores mentions, tags, media (remote URLs), poll; fans out to local feeds; notifies.
 */
export async function upsertRemoteStatus(ctx: AppContext, object: Record<string, any>, authorId: number): Promise<StatusRow | null> {
  void ctx; void object; void authorId;
  throw new Error("upsertRemoteStatus: not implemented");
}
