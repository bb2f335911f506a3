/** Filters screen (placeholder until its feature lands). */
import type { JSX } from "preact";

/** Filters. */
export function Filters(_p: Record<string, string>): JSX.Element {
  return <h1 class="screen-title">Filters</h1>;
}
