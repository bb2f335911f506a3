/**
 * GET /@name/tagged/:tag: a local account's public (and unlisted) posts carrying one hashtag,
 * the page a featured hashtag's `url` points to; no JavaScript needed.
 */
import type { AppContext } from "../../context";
import type { AccountRow } from "../../db/rows";
import { listTaggedStatusIdsOfAccount } from "../../db/queries/statuses";
import { getTagDisplayForAccount } from "../../db/queries/tags";
import { accountViewsFromRows, loadAccountRows } from "../../db/views/accounts";
import { statusList } from "../../db/views/statuses";
import { parseId } from "../../model/ids";
import { isValidTagName } from "../../services/tags/names";
import { normalizeTag } from "../../text/format";
import { esc, publicLayout } from "../layout";
import { fullAcct, nameOf, renderStatus } from "./render";

const PAGE = 20;

/** How the owner wrote the tag: their featured tag's name, else the tag's display name, else as asked. */
function displayTag(ctx: AppContext, accountId: number, name: string, asked: string): string {
  const row = getTagDisplayForAccount(ctx.db, accountId, name);
  return row?.featured ?? row?.display ?? asked;
}

/** The page for local, unsuspended `account` and hashtag `rawTag`; null (→ 404) when it is no hashtag. */
export function taggedPage(ctx: AppContext, siteName: string, account: AccountRow, rawTag: string, maxIdRaw: string | null): string | null {
  const asked = rawTag.replace(/^#/, "");
  if (!isValidTagName(asked)) return null;
  const name = normalizeTag(asked);
  const a = accountViewsFromRows(ctx, loadAccountRows(ctx, [account.id])).get(account.id) as Record<string, any> | undefined;
  if (!a) return null;
  const tag = displayTag(ctx, account.id, name, asked);
  const maxId = maxIdRaw ? parseId(maxIdRaw) : undefined;
  // What Mastodon shows a logged-out reader of the account's posts filtered by the tag.
  const ids = listTaggedStatusIdsOfAccount(ctx.db, account.id, name, maxId ?? Number.MAX_SAFE_INTEGER, PAGE + 1);
  const more = ids.length > PAGE;
  const statuses = statusList(ctx, ids.slice(0, PAGE), null) as Record<string, any>[];
  const domain = ctx.config.localDomain;
  const here = ctx.uris.accountTag(account.username, name);
  const profile = ctx.uris.profile(account.username);
  const lastId = statuses.length ? statuses[statuses.length - 1]!.id : null;
  const older = more && lastId ? `<p class="pager"><a href="${esc(here)}?max_id=${esc(lastId)}" rel="next">Older posts</a></p>` : "";
  const newer = maxId !== undefined ? `<p class="pager"><a href="${esc(here)}">Latest posts</a></p>` : "";
  const who = `${nameOf(a)} (${fullAcct(a, domain)})`;
  const body = `<section class="card" aria-labelledby="tag-title"><div class="profile-body">
<div class="status-head" style="padding-top:1rem"><img class="avatar" src="${esc(a.avatar_static ?? a.avatar)}" alt="" width="44" height="44">
<div class="who"><strong><a href="${esc(profile)}">${esc(nameOf(a))}</a></strong><span>${esc(fullAcct(a, domain))}</span></div></div>
<h1 id="tag-title">#${esc(tag)}</h1>
<p class="acct">Public posts by ${esc(nameOf(a))} with this hashtag.</p>
</div></section>
${newer}<section class="card" aria-label="Posts tagged #${esc(tag)}">${statuses.length ? statuses.map((s) => renderStatus(s, domain)).join("\n") : `<p class="empty">No public posts with #${esc(tag)}${maxId !== undefined ? " before this" : " yet"}.</p>`}</section>
${older}
<p class="pager"><a href="${esc(profile)}">All posts by ${esc(nameOf(a))}</a></p>`;
  return publicLayout(
    {
      title: `#${tag} · ${who}`,
      description: `Public posts by ${who} tagged #${tag}`,
      url: here + (maxId !== undefined ? `?max_id=${maxId}` : ""),
      type: "website",
      image: String(a.avatar),
      siteName,
      noindex: !!a.noindex,
    },
    body,
    `/accounts/${account.id}`,
  );
}
