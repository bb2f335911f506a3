/** Followed hashtags screen (placeholder until its feature lands). */
import type { JSX } from "preact";

/** Followed hashtags. */
export function FollowedTags(_p: Record<string, string>): JSX.Element {
  return <h1 class="screen-title">Followed hashtags</h1>;
}
