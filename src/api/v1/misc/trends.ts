/**
 * GET /api/v1/trends/tags (and /api/v1/trends, its deprecated alias), /trends/statuses and
 * /trends/links: what the trends job found, highest score first, `offset`/`limit` paged as
 * Mastodon (Link rel="next" with offset). Only what staff approved is shown, or everything not
 * rejected when the instance auto-approves trends (setting `trendable_by_default`); nothing
 * when the setting `trends` is off. Link trends are preview cards. Statuses and links in the
 * viewer's languages come first (Mastodon's Trends::Statuses/Links query): a signed-in user's
 * chosen languages, else the content locale (`lang`, the user's locale, Accept-Language, the
 * instance's default). Tags are not ordered by language, as in Mastodon.
 */
import { getTrendsAutoApprove, getTrendsEnabled, listTrendsPage, type TrendKind } from "../../../db/queries/trends";
import { getUserByAccountId } from "../../../db/queries/users";
import { int, str } from "../../../http/params";
import type { Req, Router } from "../../../http/route";
import { contentLocale, preferredLanguages } from "../../../model/languages";
import { parseUserSettings } from "../../../services/accounts/chosen-languages";
import { readInstanceSettings } from "../../../services/instance/settings";
import { trendLinksJson, trendStatusesJson, trendTagsJson } from "./trend-json";

/** The languages listed first for this viewer (Mastodon's preferred_languages). */
function viewerLanguages(q: Req): string[] {
  const user = q.auth?.accountId ? getUserByAccountId(q.ctx.db, q.auth.accountId) : null;
  const locale = contentLocale({
    lang: str(q.input, "lang"),
    userLocale: user?.locale,
    acceptLanguage: q.request.headers.get("accept-language"),
    defaultLocale: readInstanceSettings(q.ctx).defaultLocale,
  });
  return preferredLanguages(user ? parseUserSettings(user.settings).chosen_languages : null, locale);
}

function page(q: Req, kind: TrendKind, dflt: number, max: number) {
  const limit = int(q.input, "limit", { min: 1, max: 1000 }) ?? dflt;
  const offset = int(q.input, "offset", { min: 0, max: 1_000_000 }) ?? 0;
  const size = Math.min(limit, max);
  if (!getTrendsEnabled(q.ctx.db)) return [];
  const languages = kind === "tag" ? undefined : viewerLanguages(q);
  const rows = listTrendsPage(q.ctx.db, kind, {
    shownOnly: true,
    autoApprove: getTrendsAutoApprove(q.ctx.db),
    offset,
    limit: size,
    languages,
  });
  if (rows.length === size) {
    const next = new URL(q.url);
    next.searchParams.set("offset", String(offset + size));
    q.set.headers.Link = `<${q.ctx.uris.base}${next.pathname}?${next.searchParams}>; rel="next"`;
  }
  return rows;
}

export default function register(r: Router): void {
  // Mastodon's Api::V1::Trends::TagsController: 10 by default, at most 20.
  for (const path of ["/api/v1/trends", "/api/v1/trends/tags"]) {
    r.get<Req>(path, { auth: "optional" }, (q) => trendTagsJson(q.ctx, page(q, "tag", 10, 20), q.auth?.accountId ?? null));
  }
  // StatusesController: 20 by default, at most 40.
  r.get<Req>("/api/v1/trends/statuses", { auth: "optional" }, (q) =>
    trendStatusesJson(q.ctx, page(q, "status", 20, 40), q.auth?.accountId ?? null),
  );
  // LinksController: 10 by default, at most 20.
  r.get<Req>("/api/v1/trends/links", { auth: "optional" }, (q) => trendLinksJson(q.ctx, page(q, "link", 10, 20)));
}
