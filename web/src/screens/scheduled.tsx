/** Scheduled posts screen (placeholder until its feature lands). */
import type { JSX } from "preact";

/** Scheduled posts. */
export function Scheduled(_p: Record<string, string>): JSX.Element {
  return <h1 class="screen-title">Scheduled posts</h1>;
}
