/** GET /api/v1/favourites: statuses the viewer favourited, paged by favourite id. */
import type { Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { markedStatusIds } from "../../../db/queries/timelines";
import { statusPage } from "./status-page";

/** Registers the favourites list. */
export default function register(r: Router): void {
  r.get("/api/v1/favourites", { scopes: ["read:favourites"] }, (q) =>
    statusPage(q, markedStatusIds(q.ctx, "favourites", q.auth.accountId, readPage(q.input)), q.auth.accountId),
  );
}
