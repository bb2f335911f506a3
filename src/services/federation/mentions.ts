/**
 * Resolving `@user@domain` mentions of not-yet-known remote accounts BEFORE a status is
 * written (the formatter only links accounts already in the database). Bounded in count and
 * time so posting never hangs on a slow or dead server.
 */
import type { AppContext } from "../../context";
import { getRemoteAccountByHandle } from "../../db/queries/accounts";
import { resolveAccountByHandle } from "./resolve-account";
import { extractMentions } from "../../text/format";
import { isLocalDomain } from "../../model/uris";

/** Most unknown handles resolved per post. */
export const MAX_MENTION_LOOKUPS = 10;
/** Overall time budget for those lookups. */
export const MENTION_LOOKUP_MS = 5000;

/**
 * Fetches (WebFinger → actor) the unknown remote accounts mentioned in `text`, in parallel,
 * at most `max` of them, giving up after `timeoutMs`. Failures leave the mention as plain text.
 */
export async function resolveRemoteMentions(
  ctx: AppContext,
  text: string | undefined,
  opts: { max?: number; timeoutMs?: number } = {},
): Promise<void> {
  if (!text || !text.includes("@")) return;
  const unknown = extractMentions(text)
    .filter((m) => m.domain !== null && !isLocalDomain(ctx.config, m.domain) && !getRemoteAccountByHandle(ctx.db, m.username, m.domain))
    .slice(0, opts.max ?? MAX_MENTION_LOOKUPS);
  if (!unknown.length) return;
  const lookups = unknown.map((m) =>
    resolveAccountByHandle(ctx, `${m.username}@${m.domain}`).catch((e) => {
      ctx.log.debug(`mention @${m.username}@${m.domain} not resolved: ${e}`);
      return null;
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, opts.timeoutMs ?? MENTION_LOOKUP_MS);
  });
  await Promise.race([Promise.all(lookups), deadline]);
  clearTimeout(timer);
}
