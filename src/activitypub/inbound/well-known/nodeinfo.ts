/** NodeInfo discovery (/.well-known/nodeinfo) and documents (/nodeinfo/2.0, /nodeinfo/2.1). */
import type { Req } from "../../../http/route";
import { activeUsers, localPostCount, setting, userCount } from "../../../services/instance/stats";
import { registrationsMode } from "../../../services/instance/settings";
import { HEARTH_VERSION } from "../../../version";

const SCHEMA = (v: string) => `http://nodeinfo.diaspora.software/ns/schema/${v}`;

/** Handler: the JRD with links to both schema versions. */
export function nodeinfoDiscovery(q: Req): Record<string, unknown> {
  return {
    links: ["2.0", "2.1"].map((v) => ({ rel: SCHEMA(v), href: q.ctx.uris.url(`/nodeinfo/${v}`) })),
  };
}

/** The NodeInfo document for schema `version` ("2.0" or "2.1"), with its profile content type. */
export function nodeinfoDocument(version: "2.0" | "2.1") {
  return (q: Req): Response => {
    const ctx = q.ctx;
    const software: Record<string, string> = { name: "hearth", version: HEARTH_VERSION };
    if (version === "2.1") software.homepage = ctx.uris.base;
    const doc = {
      version,
      software,
      protocols: ["activitypub"],
      services: { outbound: [], inbound: [] },
      usage: {
        users: { total: userCount(ctx), activeMonth: activeUsers(ctx, 30), activeHalfyear: activeUsers(ctx, 180) },
        localPosts: localPostCount(ctx),
      },
      openRegistrations: registrationsMode(ctx) !== "none",
      metadata: {
        nodeName: setting(ctx, "site_title") ?? ctx.config.instanceTitle,
        nodeDescription: setting(ctx, "site_short_description") ?? "",
      },
    };
    return new Response(JSON.stringify(doc), {
      headers: { "Content-Type": `application/json; profile="${SCHEMA(version)}#"`, "Cache-Control": "public, max-age=1800" },
    });
  };
}
