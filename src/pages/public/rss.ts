/**
 * RSS 2.0 feeds of public posts, shaped as Mastodon's: `/@name.rss` (the account's public posts,
 * no replies nor boosts) and `/tags/:tag.rss`; each item carries the post's HTML, its hashtags as
 * categories and its attachments as Media RSS `media:content` with type, size and medium.
 */
import type { AppContext } from "../../context";
import { accountTimelineIds } from "../../db/queries/account-timeline";
import { listMediaByIds } from "../../db/queries/media-attachments";
import type { AccountRow } from "../../db/rows";
import { accountViewsFromRows, loadAccountRows } from "../../db/views/accounts";
import { statusList } from "../../db/views/statuses";
import { isValidTagName } from "../../services/tags/names";
import { normalizeTag } from "../../text/format";
import { sanitizePageHtml } from "../../text/sanitize";
import { esc } from "../layout";
import { fullAcct, nameOf } from "./render";
import { tagPageIds } from "./tag";
import { HEARTH_VERSION } from "../../version";

const ITEMS = 20;
type Json = Record<string, any>;

const MEDIUM: Record<string, string> = { image: "image", gifv: "video", video: "video", audio: "audio" };

function rfc822(iso: string | number): string {
  return new Date(iso).toUTCString();
}

function items(ctx: AppContext, statuses: Json[]): string {
  const mediaIds = statuses.flatMap((s) => (s.media_attachments as Json[]).map((m) => Number(m.id)));
  const rows = new Map(listMediaByIds(ctx.db, mediaIds).map((m) => [String(m.id), m]));
  return statuses
    .map((s) => {
      const body = sanitizePageHtml(String(s.content ?? ""));
      const description = s.spoiler_text ? `<p>${esc(s.spoiler_text)}</p><hr>${body}` : body;
      const media = (s.media_attachments as Json[])
        .map((m) => {
          const row = rows.get(String(m.id));
          const type = row?.content_type ?? "";
          const size = row?.file_size ?? 0;
          const alt = m.description ? `<media:description type="plain">${esc(m.description)}</media:description>` : "";
          return `<media:content url="${esc(m.url)}" type="${esc(type)}" fileSize="${esc(size)}" medium="${MEDIUM[m.type] ?? "document"}"><media:rating scheme="urn:simple">${s.sensitive ? "adult" : "nonadult"}</media:rating>${alt}</media:content>`;
        })
        .join("");
      const cats = (s.tags as Json[]).map((t) => `<category>${esc(t.name)}</category>`).join("");
      return `<item><guid isPermaLink="true">${esc(s.url)}</guid><link>${esc(s.url)}</link><pubDate>${rfc822(s.created_at)}</pubDate><description>${esc(description)}</description>${media}${cats}</item>`;
    })
    .join("\n");
}

function channel(o: {
  title: string;
  link: string;
  self: string;
  description: string;
  image?: string;
  body: string;
  noindex?: boolean;
}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:webfeeds="http://webfeeds.org/rss/1.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${esc(o.title)}</title>
<description>${esc(o.description)}</description>
<link>${esc(o.link)}</link>
<atom:link href="${esc(o.self)}" rel="self" type="application/rss+xml"/>
${o.image ? `<image><url>${esc(o.image)}</url><title>${esc(o.title)}</title><link>${esc(o.link)}</link></image>\n<webfeeds:icon>${esc(o.image)}</webfeeds:icon>\n` : ""}<lastBuildDate>${new Date().toUTCString()}</lastBuildDate>
<generator>Hearth ${esc(HEARTH_VERSION)}</generator>
${o.body}
</channel>
</rss>
`;
}

/** Mastodon 4's `application/rss+xml` answer; `noindex` accounts also ask robots not to index. */
export function rssResponse(xml: string, method: string, noindex = false): Response {
  return new Response(method === "HEAD" ? null : xml, {
    headers: {
      "Content-Type": "application/rss+xml; charset=utf-8",
      "Cache-Control": "public, max-age=60",
      ...(noindex ? { "X-Robots-Tag": "noindex, noarchive" } : {}),
    },
  });
}

/** The RSS document of a local, unsuspended account's latest public posts (no replies, no boosts). */
export function accountRss(ctx: AppContext, account: AccountRow): { xml: string; noindex: boolean } {
  const a = accountViewsFromRows(ctx, loadAccountRows(ctx, [account.id])).get(account.id) as Json;
  const ids = accountTimelineIds(
    ctx.db,
    { accountId: account.id, viewerId: null, viewerFollows: false, excludeReplies: true, excludeReblogs: true },
    { limit: ITEMS * 2 },
  );
  const statuses = (statusList(ctx, ids, null) as Json[]).filter((s) => s.visibility === "public").slice(0, ITEMS);
  const xml = channel({
    title: nameOf(a),
    link: ctx.uris.profile(account.username),
    self: ctx.uris.accountRss(account.username),
    description: `Public posts from ${fullAcct(a, ctx.config.localDomain)}`,
    image: String(a.avatar),
    body: items(ctx, statuses),
  });
  return { xml, noindex: !!a.noindex };
}

/** The RSS document of a hashtag's latest public posts a visitor may see; null when `raw` is no hashtag. */
export function tagRss(ctx: AppContext, siteName: string, raw: string): string | null {
  if (!isValidTagName(raw)) return null;
  const name = normalizeTag(raw);
  const statuses = (statusList(ctx, tagPageIds(ctx, name, undefined, ITEMS), null) as Json[]).filter((s) => s.visibility === "public");
  return channel({
    title: `#${raw}`,
    link: ctx.uris.tag(name),
    self: ctx.uris.tagRss(name),
    description: `Public posts tagged #${raw} on ${siteName}`,
    body: items(ctx, statuses),
  });
}
