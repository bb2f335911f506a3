/** federation.resanitize_html: the one-time pass over stored remote HTML (see the service). */
import type { AppContext } from "../../context";
import { type ResanitizeStep, resanitizeRemoteHtml } from "../../services/federation/resanitize-html";

/** federation.resanitize_html {table, afterId}: re-sanitizes one batch and enqueues the next. */
export function runResanitizeHtml(ctx: AppContext, p: ResanitizeStep): void {
  resanitizeRemoteHtml(ctx, p);
}
