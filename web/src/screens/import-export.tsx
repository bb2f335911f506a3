/** Import and export screen (placeholder until its feature lands). */
import type { JSX } from "preact";

/** Import and export. */
export function ImportExport(_p: Record<string, string>): JSX.Element {
  return <h1 class="screen-title">Import and export</h1>;
}
