/** Parameters shared by the grouped notifications endpoints. */
import { ApiError } from "../../../model/errors";
import type { Params } from "../../../http/params";
import { str, strArr } from "../../../http/params";
import type { ExpandAccounts } from "../../../db/views/notification-groups";

/** grouped_types[]: the types the client can show grouped; null (omitted or empty) means all. */
export function readGroupedTypes(input: Params): Set<string> | null {
  const t = strArr(input, "grouped_types");
  return t && t.length ? new Set(t) : null;
}

/** expand_accounts: "full" (default) or "partial_avatars"; anything else is a 400, as in Mastodon. */
export function readExpandAccounts(input: Params): ExpandAccounts {
  const v = str(input, "expand_accounts");
  if (v === undefined || v === "full") return "full";
  if (v === "partial_avatars") return v;
  throw new ApiError(400, `Invalid value for 'expand_accounts': '${v}', allowed values are 'full' and 'partial_avatars'`);
}

/** The :group_key path parameter, percent-decoded when a client encoded it. */
export function groupKeyParam(raw: string | undefined): string {
  const k = raw ?? "";
  try {
    return k.includes("%") ? decodeURIComponent(k) : k;
  } catch {
    return k;
  }
}

/** The notifications unread_count limit: 100 by default, at most 1000. */
export function countLimit(input: Params): number {
  const raw = Number(input.limit);
  return Number.isFinite(raw) && raw > 0 ? Math.min(Math.floor(raw), 1000) : 100;
}
