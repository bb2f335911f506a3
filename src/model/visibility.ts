/** Status visibility as stored (integers) and as Mastodon names it. */
export const VISIBILITIES = ["public", "unlisted", "private", "direct"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** Stored integer → Mastodon name. */
export function visibilityName(v: number): Visibility {
  return VISIBILITIES[v] ?? "direct";
}

/** Mastodon name → stored integer; undefined for unknown names. */
export function visibilityCode(name: string): number | undefined {
  const i = (VISIBILITIES as readonly string[]).indexOf(name);
  return i < 0 ? undefined : i;
}

export const PUBLIC = 0;
export const UNLISTED = 1;
export const PRIVATE = 2;
export const DIRECT = 3;
