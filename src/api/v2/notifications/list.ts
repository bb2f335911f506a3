/** GET /api/v2/notifications: a page of notification groups, newest first, with a Link header. */
import type { AppContext } from "../../../context";
import type { Params } from "../../../http/params";
import { JsonText, type Router } from "../../../http/route";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { compressBody, MIN_COMPRESS_BYTES, offeredEncoding, type Encoding } from "../../../http/compression";
import { groupDataFromWalk, walkGroups } from "../../../db/queries/notification-groups";
import { emptyGroupedResults, SAMPLE_ACCOUNTS } from "../../../db/views/notification-groups";
import { groupedNotificationsJson } from "../../../db/views/notification-groups-json";
import { cachedGroupedAnswer, type GroupedAnswer } from "../../../db/views/notification-groups-cache";
import { readNotificationFilter } from "../../v1/notifications/filter";
import { readExpandAccounts, readGroupedTypes } from "./params";

/**
 * The answer to the query `input` of `viewerId`, built afresh (limit counts groups: 40 by
 * default, at most 80). Pagination follows Mastodon: max_id / since_id walk down, min_id walks
 * up, the Link ids point past the notifications the page covers.
 */
export function groupedNotificationsAnswer(ctx: AppContext, viewerId: number, input: Params): GroupedAnswer {
  const expand = readExpandAccounts(input);
  const grouped = readGroupedTypes(input);
  const f = readNotificationFilter(input);
  const empty = { json: JSON.stringify(emptyGroupedResults(expand)), link: null };
  if (!f) return empty;
  const page = readPage(input, 40, 80);
  const asc = page.minId !== undefined;
  const walk = walkGroups(ctx, viewerId, f, { ...page, asc }, grouped);
  const reps = walk.reps;
  if (reps.length === 0) return empty;
  const first = reps[0]!.row.id;
  const last = reps[reps.length - 1]!.row.id;
  let range = { lo: last, hi: first };
  // A short page is the last one that way: it covers everything up to the query's bound.
  if (reps.length < page.limit) {
    range = asc
      ? { lo: last, hi: page.maxId !== undefined ? page.maxId - 1 : Number.MAX_SAFE_INTEGER }
      : { lo: page.sinceId !== undefined ? page.sinceId + 1 : 0, hi: first };
  }
  const data = (keys: string[], lo: number, hi: number) => groupDataFromWalk(ctx, viewerId, walk, keys, lo, hi, SAMPLE_ACCOUNTS);
  const out = groupedNotificationsJson(ctx, viewerId, reps, { range, expand, data });
  // The links skip what the page's groups already cover: on a full page that is exactly
  // Mastodon's (oldest and newest representative), on a short one it ends the walk there.
  const next = Math.min(last, ...out.groups.map((g) => g.page!.minId));
  const prev = Math.max(first, ...out.groups.map((g) => g.page!.maxId));
  return { json: out.json, link: [prev, next] };
}

/**
 * A kept answer's body compressed for `request` as the compression wrap would compress it (same
 * coding and level, so the same bytes and headers), compressed once per coding and kept with the
 * answer; null when the wrap would send it as it is. A body with Content-Encoding passes the wrap.
 */
async function encodedBody(request: Request, answer: GroupedAnswer): Promise<{ coding: Encoding; body: Uint8Array<ArrayBuffer> } | null> {
  if (!answer.encoded || request.method === "HEAD") return null;
  const coding = offeredEncoding(request.headers.get("accept-encoding"));
  if (!coding) return null;
  let body = answer.encoded.get(coding);
  if (!body) {
    const plain = new TextEncoder().encode(answer.json) as Uint8Array<ArrayBuffer>;
    if (plain.byteLength < MIN_COMPRESS_BYTES) return null;
    body = await compressBody(plain, coding);
    answer.encoded.set(coding, body);
  }
  return { coding, body };
}

/**
 * Registers the grouped list. Answers are kept per viewer and query until anything changes
 * (notification-groups-cache.ts), and so are their compressed bodies.
 */
export default function register(r: Router): void {
  r.get("/api/v2/notifications", { scopes: ["read:notifications"] }, async (q) => {
    const viewerId = q.auth.accountId;
    const answer = cachedGroupedAnswer(q.ctx, viewerId, JSON.stringify(q.input), () =>
      groupedNotificationsAnswer(q.ctx, viewerId, q.input),
    );
    if (answer.link) setLinkHeader(q, answer.link[0], answer.link[1]);
    const encoded = await encodedBody(q.request, answer);
    if (!encoded) return new JsonText(answer.json);
    return new Response(encoded.body, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Encoding": encoded.coding,
        Vary: "Accept-Encoding",
      },
    });
  });
}
