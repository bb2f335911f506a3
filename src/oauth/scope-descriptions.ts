/** Plain-language descriptions of OAuth scopes for the consent page. */

const TOP: Record<string, string> = {
  read: "Read all your account's data",
  write: "Modify all your account's data (post, follow, change your profile)",
  follow: "Modify account relationships (follow, block, mute)",
  push: "Receive push notifications",
  profile: "Read only your account's basic profile information",
  "admin:read": "Read all data on the server",
  "admin:write": "Modify all data on the server",
};

/** A description for a scope like "read" or "write:statuses". */
export function describeScope(scope: string): string {
  if (TOP[scope]) return TOP[scope]!;
  const parts = scope.split(":");
  const what = parts[parts.length - 1]!.replace(/_/g, " ");
  const verb = scope.includes("read") ? "Read" : "Modify";
  return `${verb} your ${what}${scope.startsWith("admin:") ? " (administration)" : ""}`;
}
