/** Account security screen (placeholder until its feature lands). */
import type { JSX } from "preact";

/** Account security. */
export function Security(_p: Record<string, string>): JSX.Element {
  return <h1 class="screen-title">Account security</h1>;
}
