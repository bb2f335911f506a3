/** Moderation screen (placeholder until its feature lands). */
import type { JSX } from "preact";

/** Moderation. */
export function Admin(_p: Record<string, string>): JSX.Element {
  return <h1 class="screen-title">Moderation</h1>;
}
