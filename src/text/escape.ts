/** HTML/XML escaping for text placed in element content or quoted attribute values. */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes any value (null/undefined → "") for HTML or XML element content and quoted attribute values. */
export function esc(v: unknown): string {
  return String(v ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
