/**
 * GET /api/v1/timelines/link?url= (Mastodon 4.3): public statuses sharing a link, only while
 * that link is a trend shown to everyone (as Mastodon's LinkController, 404 otherwise, and when
 * trends are off); id paging as the other timelines.
 */
import type { Req, Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { str } from "../../../http/params";
import { linkTimelineIds } from "../../../db/queries/timelines";
import { getShownLinkTrendCardId, getTrendsAutoApprove, getTrendsEnabled } from "../../../db/queries/trends";
import { notFound } from "../../../model/errors";
import { feedAccessible } from "../../../services/instance/feed-access";
import { statusPage } from "./status-page";

/** Registers the link timeline. */
export default function register(r: Router): void {
  r.get<Req>("/api/v1/timelines/link", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const viewer = q.auth?.accountId ?? null;
    const url = str(q.input, "url", { max: 2048 });
    const db = q.ctx.db;
    const cardId = url && getTrendsEnabled(db) ? getShownLinkTrendCardId(db, url, getTrendsAutoApprove(db)) : null;
    if (cardId === null) throw notFound();
    if (!feedAccessible(q.ctx, viewer, "topic", {})) return [];
    return statusPage(q, linkTimelineIds(q.ctx, viewer, cardId, readPage(q.input)), viewer);
  });
}
