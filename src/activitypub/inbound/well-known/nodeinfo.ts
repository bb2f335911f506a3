/** NodeInfo discovery (/.well-known/nodeinfo) and documents (/nodeinfo/2.0, /nodeinfo/2.1). */
import type { AppContext } from "../../../context";
import { serveDocument, type BuiltDocument } from "../../../http/cached-document";
import type { Req } from "../../../http/route";
import { setting, usage, USAGE_REFRESH_MS } from "../../../services/instance/stats";
import { registrationsMode } from "../../../services/instance/settings";
import { HEARTH_VERSION } from "../../../version";

const SCHEMA = (v: string) => `http://nodeinfo.diaspora.software/ns/schema/${v}`;

/** Handler: the JRD with links to both schema versions. */
export function nodeinfoDiscovery(q: Req): Record<string, unknown> {
  return {
    links: ["2.0", "2.1"].map((v) => ({ rel: SCHEMA(v), href: q.ctx.uris.url(`/nodeinfo/${v}`) })),
  };
}

/** The NodeInfo document for schema `version` as JSON, kept until a setting changes or the counts are due. */
export function nodeinfoJson(ctx: AppContext, version: "2.0" | "2.1"): BuiltDocument {
  const software: Record<string, string> = { name: "hearth", version: HEARTH_VERSION };
  if (version === "2.1") software.homepage = ctx.uris.base;
  const counts = usage(ctx);
  const doc = {
    version,
    software,
    protocols: ["activitypub"],
    services: { outbound: [], inbound: [] },
    usage: {
      users: { total: counts.userCount, activeMonth: counts.activeMonth, activeHalfyear: counts.activeHalfyear },
      localPosts: counts.statusCount,
    },
    openRegistrations: registrationsMode(ctx) !== "none",
    metadata: {
      nodeName: setting(ctx, "site_title") ?? ctx.config.instanceTitle,
      nodeDescription: setting(ctx, "site_short_description") ?? "",
    },
  };
  return {
    text: JSON.stringify(doc),
    contentType: `application/json; profile="${SCHEMA(version)}#"`,
    headers: { "Cache-Control": "public, max-age=1800" },
    expiresAt: counts.at + USAGE_REFRESH_MS,
  };
}

/** Handler: the NodeInfo document for schema `version` ("2.0" or "2.1"), with its profile content type. */
export function nodeinfoDocument(version: "2.0" | "2.1") {
  return (q: Req): Promise<Response> => serveDocument(q.ctx, q.request, `nodeinfo:${version}`, () => nodeinfoJson(q.ctx, version));
}
