/** GET /api/v1/timelines/public: public top-level statuses; logged-out access allowed. */
import type { Req, Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { bool } from "../../../http/params";
import { publicTimelineIds, type PublicOptions } from "../../../db/queries/timelines";
import { statusPage } from "./status-page";
import { feedAccessible } from "../../../services/instance/feed-access";

/** local / remote / only_media as Mastodon reads them. */
export function publicOptions(q: Req): PublicOptions {
  return {
    local: bool(q.input, "local") ?? false,
    remote: bool(q.input, "remote") ?? false,
    onlyMedia: bool(q.input, "only_media") ?? false,
  };
}

/** Registers the public timeline. */
export default function register(r: Router): void {
  r.get<Req>("/api/v1/timelines/public", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const viewer = q.auth?.accountId ?? null;
    const o = publicOptions(q);
    if (!feedAccessible(q.ctx, viewer, "live", o)) return [];
    return statusPage(q, publicTimelineIds(q.ctx, viewer, o, readPage(q.input)), viewer);
  });
}
