/** List screen (placeholder until its feature lands). */
import type { JSX } from "preact";

/** List. */
export function ListTimeline(_p: Record<string, string>): JSX.Element {
  return <h1 class="screen-title">List</h1>;
}
