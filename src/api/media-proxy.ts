/**
 * GET /media_proxy/:id/:style (Mastodon's MediaProxyController): a remote attachment whose cached
 * files the retention removed is fetched again here on its first view; the answer redirects to
 * the stored copy (or, when the remote cannot be reached, to the remote file).
 */
import type { Req, Router } from "../http/route";
import { ApiError } from "../model/errors";
import { parseId } from "../model/ids";
import { viewRemoteMedia, type MediaStyle } from "../services/media/recache";

const STYLES = new Set<string>(["original", "small"]);

export default function register(r: Router): void {
  r.get<Req>("/media_proxy/:id/:style", { auth: "none" }, async (q) => {
    const id = parseId(q.params.id);
    const style = q.params.style ?? "";
    const target = id !== undefined && STYLES.has(style) ? await viewRemoteMedia(q.ctx, id, style as MediaStyle) : null;
    if (!target) throw new ApiError(404, "Record not found");
    // Short-lived: the target changes when the copy is removed or fetched again.
    return new Response(null, { status: 302, headers: { Location: target, "Cache-Control": "public, max-age=300" } });
  });
}
