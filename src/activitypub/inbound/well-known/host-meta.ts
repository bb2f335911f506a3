/** GET /.well-known/host-meta: XRD pointing WebFinger clients at our lrdd template. */
import type { Req } from "../../../http/route";
import { esc } from "../../../text/escape";

/** Handler: `application/xrd+xml`. */
export function hostMeta(q: Req): Response {
  const template = `${q.ctx.uris.url("/.well-known/webfinger")}?resource={uri}`;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
  <Link rel="lrdd" template="${esc(template)}"/>
</XRD>
`;
  return new Response(xml, {
    headers: { "Content-Type": "application/xrd+xml; charset=utf-8", "Cache-Control": "public, max-age=259200" },
  });
}
