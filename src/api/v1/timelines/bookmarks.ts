/** GET /api/v1/bookmarks: statuses the viewer bookmarked, paged by bookmark id. */
import type { Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { markedStatusIds } from "../../../db/queries/timelines";
import { statusPage } from "./respond";

/** Registers the bookmarks list. */
export default function bookmarks(r: Router): void {
  r.get("/api/v1/bookmarks", { scopes: ["read:bookmarks"] }, (q) =>
    statusPage(q, markedStatusIds(q.ctx, "bookmarks", q.auth.accountId, readPage(q.input)), q.auth.accountId));
}
