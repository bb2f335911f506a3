/** GET /api/v1/timelines/home: statuses from the viewer's precomputed home feed. */
import type { Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { homeTimelineIds } from "../../../db/queries/timelines";
import { statusPage } from "./status-page";

/** Registers the home timeline. */
export default function register(r: Router): void {
  r.get("/api/v1/timelines/home", { scopes: ["read:statuses"] }, (q) => {
    const page = homeTimelineIds(q.ctx, q.auth.accountId, readPage(q.input));
    return statusPage(q, page, q.auth.accountId);
  });
}
