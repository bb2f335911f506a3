/**
 * GET /tags/:tag: the public posts with a hashtag (where every hashtag link points), readable
 * without JavaScript; what a visitor sees follows the topic-feed access settings, as the
 * hashtag timeline API does.
 */
import type { AppContext } from "../../context";
import { tagIdsByName, tagTimelineIds } from "../../db/queries/timelines";
import { statusList } from "../../db/views/statuses";
import { parseId } from "../../model/ids";
import { readInstanceSettings } from "../../services/instance/settings";
import { isValidTagName } from "../../services/tags/names";
import { normalizeTag } from "../../text/format";
import { esc, publicLayout } from "../layout";
import { renderStatus } from "./render";

const PAGE = 20;

/** Which public posts a visitor may list for hashtags: all, local only, or none (topic-feed access). */
export function visitorTopicScope(ctx: AppContext): { local: boolean; remote: boolean } | null {
  const f = readInstanceSettings(ctx).feeds;
  if (f.localTopic !== "public") return null;
  return f.remoteTopic === "public" ? { local: false, remote: false } : { local: true, remote: false };
}

/** Ids of public posts tagged `name` a visitor may see, newest first, below `maxId` (PAGE + 1 of them). */
export function tagPageIds(ctx: AppContext, name: string, maxId: number | undefined, limit = PAGE + 1): number[] {
  const scope = visitorTopicScope(ctx);
  const id = tagIdsByName(ctx, [name]).get(name);
  if (!scope || id === undefined) return [];
  return tagTimelineIds(ctx, null, { ...scope, any: [id], all: [], none: [] }, { maxId, limit }).ids;
}

/** The page for hashtag `rawTag`; null (→ 404) when it is no valid hashtag. */
export function tagPage(ctx: AppContext, siteName: string, rawTag: string, maxIdRaw: string | null): string | null {
  const asked = rawTag.replace(/^#/, "");
  if (!isValidTagName(asked)) return null;
  const name = normalizeTag(asked);
  const maxId = maxIdRaw ? parseId(maxIdRaw) : undefined;
  const ids = tagPageIds(ctx, name, maxId);
  const more = ids.length > PAGE;
  const statuses = statusList(ctx, ids.slice(0, PAGE), null) as Record<string, any>[];
  const domain = ctx.config.localDomain;
  const here = ctx.uris.tag(name);
  const lastId = statuses.length ? statuses[statuses.length - 1]!.id : null;
  const older = more && lastId ? `<p class="pager"><a href="${esc(here)}?max_id=${esc(lastId)}" rel="next">Older posts</a></p>` : "";
  const newer = maxId !== undefined ? `<p class="pager"><a href="${esc(here)}">Latest posts</a></p>` : "";
  const hidden = visitorTopicScope(ctx) === null;
  const empty = hidden
    ? `<p class="empty">Sign in to see the posts with #${esc(asked)}.</p>`
    : `<p class="empty">No public posts with #${esc(asked)}${maxId !== undefined ? " before this" : " yet"}.</p>`;
  const body = `<section class="card" aria-labelledby="tag-title"><div class="profile-body">
<h1 id="tag-title">#${esc(asked)}</h1>
<p class="acct">Public posts with this hashtag. <a href="${esc(ctx.uris.tagRss(name))}">RSS feed</a></p>
</div></section>
${newer}<section class="card" aria-label="Posts tagged #${esc(asked)}">${statuses.length ? statuses.map((s) => renderStatus(s, domain)).join("\n") : empty}</section>
${older}`;
  return publicLayout(
    {
      title: `#${asked} - ${siteName}`,
      description: `Public posts tagged #${asked} on ${siteName}`,
      url: here + (maxId !== undefined ? `?max_id=${maxId}` : ""),
      type: "website",
      rss: ctx.uris.tagRss(name),
      siteName,
    },
    body,
    `/tags/${encodeURIComponent(name)}`,
  );
}
