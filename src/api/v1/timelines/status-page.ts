/** The tail of every status-list endpoint (timelines, favourites, bookmarks, lists): serialize a page of ids and set the Link header. */
import { JsonText, type Req } from "../../../http/route";
import { setLinkHeader } from "../../../http/pagination";
import { statusListJson } from "../../../db/views/status-json";
import type { IdPage } from "../../../db/queries/timelines";

/** Serialized statuses of `page` for `viewerId` (as JSON text); Link carries the page's pagination ids. */
export function statusPage(r: Req, page: IdPage, viewerId: number | null): JsonText {
  setLinkHeader(r, page.cursors[0], page.cursors[page.cursors.length - 1]);
  return new JsonText(statusListJson(r.ctx, page.ids, viewerId));
}
