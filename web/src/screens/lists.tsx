/** Lists screen (placeholder until its feature lands). */
import type { JSX } from "preact";

/** Lists. */
export function Lists(_p: Record<string, string>): JSX.Element {
  return <h1 class="screen-title">Lists</h1>;
}
