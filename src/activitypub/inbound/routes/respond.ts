/** ActivityPub JSON responses with our content type and cache headers. */
import type { AppContext } from "../../../context";
import { AP_CONTENT_TYPE } from "../../../serializers/activitypub/context";

/** The headers of an ActivityPub JSON answer other than its content type: Vary, Cache-Control, CORS. */
export function apHeaders(ctx: AppContext, status = 200): Record<string, string> {
  return {
    Vary: ctx.config.authorizedFetch ? "Accept, Accept-Encoding, Signature" : "Accept, Accept-Encoding",
    "Cache-Control": status !== 200 ? "no-store" : ctx.config.authorizedFetch ? "private, max-age=60" : "public, max-age=180",
    "Access-Control-Allow-Origin": "*",
  };
}

/** An ActivityPub JSON response with our content type and cache headers. */
export function apJson(ctx: AppContext, doc: unknown, status = 200, extra: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(doc), {
    status,
    headers: { "Content-Type": AP_CONTENT_TYPE, ...apHeaders(ctx, status), ...extra },
  });
}

/** A JSON error for ActivityPub clients. */
export function apError(ctx: AppContext, status: number, error: string): Response {
  return apJson(ctx, { error }, status);
}
