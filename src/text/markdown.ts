/**
 * Admin-written Markdown (about text, privacy policy, terms, announcements) → HTML, through
 * `marked` (no dependencies, GFM) and then the one sanitizer, so nothing unsafe is ever served.
 */
import { Marked } from "marked";
import { sanitizeHtml } from "./sanitize";

const md = new Marked({ gfm: true, breaks: false, async: false });

/** Renders Markdown to sanitized HTML ("" for blank input). */
export function markdownToHtml(text: string): string {
  if (!text.trim()) return "";
  return sanitizeHtml(md.parse(text, { async: false }) as string);
}
