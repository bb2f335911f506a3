/** OAuth scopes as Mastodon defines them, and the rule for when a token's scopes cover one. */

export const TOP_SCOPES = ["read", "write", "follow", "push", "profile", "admin:read", "admin:write"];

export const GRANULAR = [
  "read:accounts",
  "read:blocks",
  "read:bookmarks",
  "read:favourites",
  "read:filters",
  "read:follows",
  "read:lists",
  "read:mutes",
  "read:notifications",
  "read:search",
  "read:statuses",
  "write:accounts",
  "write:blocks",
  "write:bookmarks",
  "write:conversations",
  "write:favourites",
  "write:filters",
  "write:follows",
  "write:lists",
  "write:media",
  "write:mutes",
  "write:notifications",
  "write:reports",
  "write:statuses",
  "admin:read:accounts",
  "admin:read:reports",
  "admin:read:domain_allows",
  "admin:read:domain_blocks",
  "admin:read:ip_blocks",
  "admin:read:email_domain_blocks",
  "admin:read:canonical_email_blocks",
  "admin:write:accounts",
  "admin:write:reports",
  "admin:write:domain_allows",
  "admin:write:domain_blocks",
  "admin:write:ip_blocks",
  "admin:write:email_domain_blocks",
  "admin:write:canonical_email_blocks",
];

const ALL = new Set([...TOP_SCOPES, ...GRANULAR]);
const FOLLOW_COVERS = new Set(["read:blocks", "write:blocks", "read:follows", "write:follows", "read:mutes", "write:mutes"]);

/** Splits a space/plus separated scope string; unknown scopes are reported. */
export function parseScopes(s: string | undefined | null, dflt = "read"): { scopes: string[]; invalid: string[] } {
  const list = (s ?? "").split(/[\s+]+/).filter(Boolean);
  const scopes = list.length ? [...new Set(list)] : [dflt];
  return { scopes, invalid: scopes.filter((x) => !ALL.has(x)) };
}

/** True when the granted scopes include `needed` directly or through a parent scope. */
export function covers(granted: Iterable<string>, needed: string): boolean {
  const g = granted instanceof Set ? (granted as Set<string>) : new Set(granted);
  if (g.has(needed)) return true;
  // "read:statuses" is covered by "read"; "admin:read:accounts" by "admin:read"
  const parts = needed.split(":");
  for (let i = parts.length - 1; i > 0; i--) if (g.has(parts.slice(0, i).join(":"))) return true;
  if (g.has("follow") && FOLLOW_COVERS.has(needed)) return true;
  // The profile scope only allows reading one's own account (verify_credentials).
  return false;
}

/** True when every requested scope is within what the application registered. */
export function withinApp(requested: string[], appScopes: string[]): boolean {
  return requested.every((s) => covers(appScopes, s));
}
