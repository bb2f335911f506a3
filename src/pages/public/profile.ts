/** GET /@name: a local account's public profile with its latest public posts, no JavaScript needed. */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { listProfileStatusIds } from "../../db/queries/statuses";
import { accountViewsFromRows, loadAccountRows } from "../../db/views/accounts";
import { statusList } from "../../db/views/statuses";
import { parseId } from "../../model/ids";
import { sanitizePageHtml as sanitize, textOf } from "../../text/sanitize";
import { esc, publicLayout } from "../layout";
import { featuredSection } from "./featured";
import { clip, fullAcct, nameOf, renderStatus } from "./render";

const PAGE = 20;

/** Ids of the account's public and unlisted posts and boosts (no replies to others), newest first. */
function profileStatusIds(ctx: AppContext, account: AccountRow, maxId: number | undefined): number[] {
  return listProfileStatusIds(ctx.db, account.id, maxId ?? Number.MAX_SAFE_INTEGER, PAGE + 1);
}

function count(n: unknown, one: string, many: string): string {
  const v = Number(n) || 0;
  return `<li><strong>${v.toLocaleString("en")}</strong> ${v === 1 ? one : many}</li>`;
}

/** The profile page HTML for a local, unsuspended account; `maxIdRaw` pages back in time. */
export function profilePage(ctx: AppContext, siteName: string, account: AccountRow, maxIdRaw: string | null): string {
  const a = accountViewsFromRows(ctx, loadAccountRows(ctx, [account.id])).get(account.id)! as Record<string, any>;
  const maxId = maxIdRaw ? parseId(maxIdRaw) : undefined;
  const ids = profileStatusIds(ctx, account, maxId);
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
  const older =
    more && lastId
      ? `<p class="pager"><a href="${esc(ctx.uris.profile(account.username))}?max_id=${esc(lastId)}" rel="next">Older posts</a></p>`
      : "";
  const newer = maxId !== undefined ? `<p class="pager"><a href="${esc(ctx.uris.profile(account.username))}">Latest posts</a></p>` : "";
  const body = `<section class="card" aria-labelledby="name">
<img class="header-img" src="${esc(a.header_static ?? a.header)}" alt="">
<div class="profile-body">
<img class="avatar-lg" src="${esc(a.avatar_static ?? a.avatar)}" alt="Avatar of ${esc(nameOf(a))}" width="88" height="88">
<h1 id="name">${esc(nameOf(a))}</h1>
<p class="acct">${esc(fullAcct(a, domain))}${a.locked ? " · approves followers" : ""}${a.bot ? " · automated" : ""}</p>
${moved}<div class="content bio">${sanitize(String(a.note ?? ""))}</div>
${fields}
<ul class="counts" aria-label="Counts">${count(a.statuses_count, "post", "posts")}${count(a.following_count, "following", "following")}${count(a.followers_count, "follower", "followers")}</ul>
</div></section>
${maxId === undefined ? featuredSection(ctx, account.id) : ""}
<h2>Posts</h2>
${newer}<section class="card" aria-label="Posts">${statuses.length ? statuses.map((s) => renderStatus(s, domain)).join("\n") : `<p class="empty">No public posts${maxId !== undefined ? " before this" : " yet"}.</p>`}</section>
${older}`;
  return publicLayout(
    {
      title: `${nameOf(a)} (${fullAcct(a, domain)})`,
      description: clip(bioText || `${Number(a.statuses_count) || 0} posts, ${Number(a.followers_count) || 0} followers`),
      url: ctx.uris.profile(account.username) + (maxId !== undefined ? `?max_id=${maxId}` : ""),
      type: "profile",
      image: String(a.avatar),
      activityUri: account.uri || ctx.uris.actor(account.username),
      siteName,
      noindex: !!a.noindex,
      extra: [["profile:username", String(a.acct)]],
    },
    body,
    `/accounts/${account.id}`,
  );
}
