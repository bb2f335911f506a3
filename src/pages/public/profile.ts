/** GET /@name: a local account's public profile with its latest public posts, no JavaScript needed. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { accountTimelineIds } from "../../db/queries/account-timeline";
import { listProfileStatusIds } from "../../db/queries/statuses";
import { accountViewsFromRows, loadAccountRows } from "../../db/views/accounts";
import { statusList } from "../../db/views/statuses";
import { parseId } from "../../model/ids";
import { sanitizePageHtml as sanitize, textOf } from "../../text/sanitize";
import { esc, publicLayout } from "../layout";
import { featuredSection } from "./featured";
import { clip, fullAcct, nameOf, renderStatus } from "./render";

const PAGE = 20;

/** The profile's tabs, as Mastodon's: posts, posts and replies, media. */
export type ProfileTab = "posts" | "with_replies" | "media";

const TABS: [ProfileTab, string, string][] = [
  ["posts", "", "Posts"],
  ["with_replies", "/with_replies", "Posts and replies"],
  ["media", "/media", "Media"],
];

/** Ids of the tab's public and unlisted posts (the posts tab: with boosts, no replies to others), newest first. */
function profileStatusIds(ctx: AppContext, account: AccountRow, maxId: number | undefined, tab: ProfileTab): number[] {
  if (tab === "posts") return listProfileStatusIds(ctx.db, account.id, maxId ?? Number.MAX_SAFE_INTEGER, PAGE + 1);
  return accountTimelineIds(
    ctx.db,
    { accountId: account.id, viewerId: null, viewerFollows: false, onlyMedia: tab === "media" },
    { maxId, limit: PAGE + 1 },
  );
}

function count(n: unknown, one: string, many: string): string {
  const v = Number(n) || 0;
  return `<li><strong>${v.toLocaleString("en")}</strong> ${v === 1 ? one : many}</li>`;
}

/** The profile page HTML for a local, unsuspended account; `maxIdRaw` pages back in time. */
export function profilePage(
  ctx: AppContext,
  siteName: string,
  account: AccountRow,
  maxIdRaw: string | null,
  tab: ProfileTab = "posts",
): string {
  const a = accountViewsFromRows(ctx, loadAccountRows(ctx, [account.id])).get(account.id)! as Record<string, any>;
  const maxId = maxIdRaw ? parseId(maxIdRaw) : undefined;
  const ids = profileStatusIds(ctx, account, maxId, tab);
  const base = ctx.uris.profile(account.username) + TABS.find((t) => t[0] === tab)![1];
  const more = ids.length > PAGE;
  const statuses = statusList(ctx, ids.slice(0, PAGE), null) as Record<string, any>[];
  const domain = ctx.config.localDomain;
  const bioText = textOf(String(a.note ?? ""));
  const fields = (a.fields as { name: string; value: string }[]).length
    ? `<dl class="fields">${(a.fields as { name: string; value: string }[]).map((f) => `<div><dt>${esc(f.name)}</dt><dd>${sanitize(f.value)}</dd></div>`).join("")}</dl>`
    : "";
  const moved = a.moved
    ? `<p class="meta">This account has moved to <a href="${esc(a.moved.url)}">${esc(fullAcct(a.moved, domain))}</a>.</p>`
    : "";
  const lastId = statuses.length ? statuses[statuses.length - 1]!.id : null;
  const older = more && lastId ? `<p class="pager"><a href="${esc(base)}?max_id=${esc(lastId)}" rel="next">Older posts</a></p>` : "";
  const newer = maxId !== undefined ? `<p class="pager"><a href="${esc(base)}">Latest posts</a></p>` : "";
  const tabs = `<nav aria-label="Profile sections"><ul class="tabs">${TABS.map(
    ([t, suffix, label]) =>
      `<li><a href="${esc(ctx.uris.profile(account.username) + suffix)}"${t === tab ? ' aria-current="page"' : ""}>${label}</a></li>`,
  ).join("")}</ul></nav>`;
  const follow = `<p><a class="btn" href="${esc(ctx.uris.interactWith(account.uri || ctx.uris.actor(account.username)))}" rel="nofollow">Follow</a> <a href="${esc(ctx.uris.accountRss(account.username))}">RSS feed</a></p>`;
  const body = `<section class="card" aria-labelledby="name">
<img class="header-img" src="${esc(a.header_static ?? a.header)}" alt="">
<div class="profile-body">
<img class="avatar-lg" src="${esc(a.avatar_static ?? a.avatar)}" alt="Avatar of ${esc(nameOf(a))}" width="88" height="88">
<h1 id="name">${esc(nameOf(a))}</h1>
<p class="acct">${esc(fullAcct(a, domain))}${a.locked ? " · approves followers" : ""}${a.bot ? " · automated" : ""}</p>
${moved}<div class="content bio">${sanitize(String(a.note ?? ""))}</div>
${fields}
${follow}<ul class="counts" aria-label="Counts">${count(a.statuses_count, "post", "posts")}${count(a.following_count, "following", "following")}${count(a.followers_count, "follower", "followers")}</ul>
</div></section>
${maxId === undefined && tab === "posts" ? featuredSection(ctx, account.id) : ""}
${tabs}
<h2>${TABS.find((t) => t[0] === tab)![2]}</h2>
${newer}<section class="card" aria-label="Posts">${statuses.length ? statuses.map((s) => renderStatus(s, domain)).join("\n") : `<p class="empty">No public posts${maxId !== undefined ? " before this" : " yet"}.</p>`}</section>
${older}`;
  return publicLayout(
    {
      title: `${nameOf(a)} (${fullAcct(a, domain)})`,
      description: clip(bioText || `${Number(a.statuses_count) || 0} posts, ${Number(a.followers_count) || 0} followers`),
      url: base + (maxId !== undefined ? `?max_id=${maxId}` : ""),
      type: "profile",
      image: String(a.avatar),
      activityUri: account.uri || ctx.uris.actor(account.username),
      siteName,
      noindex: !!a.noindex,
      rss: ctx.uris.accountRss(account.username),
      extra: [["profile:username", String(a.acct)]],
    },
    body,
    `/accounts/${account.id}`,
  );
}
