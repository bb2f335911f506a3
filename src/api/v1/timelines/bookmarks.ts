/** GET /api/v1/bookmarks: statuses the viewer bookmarked, paged by bookmark id. */
import type { Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { markedStatusIds } from "../../../db/queries/timelines";
import { statusPage } from "./status-page";

/** Registers the bookmarks list. */
export default function register(r: Router): void {
  r.get("/api/v1/bookmarks", { scopes: ["read:bookmarks"] }, (q) =>
    statusPage(q, markedStatusIds(q.ctx, "bookmarks", q.auth.accountId, readPage(q.input)), q.auth.accountId),
  );
}
