/** GET /api/v1/timelines/tag/:hashtag: public statuses with a hashtag (any[]/all[]/none[]). */
import type { Req, Router } from "../../../http/route";
import { readPage } from "../../../http/pagination";
import { strArr } from "../../../http/params";
import { tagIdsByName, tagTimelineIds } from "../../../db/queries/timelines";
import { publicOptions } from "./public";
import { statusPage } from "./status-page";
import { feedAccessible } from "../../../services/instance/feed-access";

/** Mastodon takes at most four extra tags per mode. */
const PER_MODE = 4;

const names = (q: Req, k: string) =>
  (strArr(q.input, k) ?? [])
    .map((n) => n.replace(/^#/, "").toLowerCase())
    .filter(Boolean)
    .slice(0, PER_MODE);

/** Registers the hashtag timeline. */
export default function register(r: Router): void {
  r.get<Req>("/api/v1/timelines/tag/:hashtag", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const viewer = q.auth?.accountId ?? null;
    if (!feedAccessible(q.ctx, viewer, "topic", publicOptions(q))) return [];
    const main = q.params.hashtag!.replace(/^#/, "").toLowerCase();
    const any = [main, ...names(q, "any")],
      all = names(q, "all"),
      none = names(q, "none");
    const known = tagIdsByName(q.ctx, [...any, ...all, ...none]);
    const ids = (list: string[]) => list.map((n) => known.get(n)).filter((x): x is number => x !== undefined);
    // The main tag must exist (Mastodon answers an empty list), and so must every all[] tag.
    if (!known.has(main) || ids(all).length < new Set(all).size) return [];
    const page = tagTimelineIds(
      q.ctx,
      viewer,
      { ...publicOptions(q), any: [...new Set(ids(any))], all: ids(all), none: ids(none) },
      readPage(q.input),
    );
    return statusPage(q, page, viewer);
  });
}
