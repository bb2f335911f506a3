/**
 * The "Featured" part of the server-rendered profile page: the account's featured hashtags
 * (linking to /@name/tagged/:tag) and the profiles it features (Mastodon 4.4 shows both together).
 */
import type { AppContext } from "../../context";
import { listEndorsedAccountIds } from "../../db/queries/endorsements";
import { loadAccountViews } from "../../db/views/accounts";
import { loadFeaturedTags } from "../../db/views/tags";
import { esc } from "../layout";
import { accountHref, fullAcct, nameOf } from "./render";

/** How many featured profiles the page shows (the app pages through the rest). */
const MAX_PROFILES = 12;

/** The Featured section for `accountId` as HTML, or "" when it features nothing (3-4 queries). */
export function featuredSection(ctx: AppContext, accountId: number): string {
  const tags = loadFeaturedTags(ctx, accountId);
  const ids = listEndorsedAccountIds(ctx.db, accountId, MAX_PROFILES);
  const views = loadAccountViews(ctx, ids);
  const profiles = ids.map((id) => views.get(id) as Record<string, any> | undefined).filter((v): v is Record<string, any> => !!v);
  if (!tags.length && !profiles.length) return "";
  const domain = ctx.config.localDomain;
  const tagList = tags.length
    ? `<h3>Hashtags</h3><ul class="featured-tags">${tags
        .map(
          (t) =>
            `<li><a href="${esc(ctx.uris.accountTag(t.username, t.tag_name))}">#${esc(t.name)}</a> <span class="meta">${t.statuses_count} ${t.statuses_count === 1 ? "post" : "posts"}</span></li>`,
        )
        .join("")}</ul>`
    : "";
  const profileList = profiles.length
    ? `<h3>Profiles</h3><ul class="featured-profiles">${profiles
        .map(
          (
            a,
          ) => `<li class="status-head"><img class="avatar" src="${esc(a.avatar_static ?? a.avatar)}" alt="" width="44" height="44" loading="lazy">
<div class="who"><strong><a href="${esc(accountHref(a))}">${esc(nameOf(a))}</a></strong><span>${esc(fullAcct(a, domain))}</span></div></li>`,
        )
        .join("\n")}</ul>`
    : "";
  return `<h2>Featured</h2>
<section class="card featured" aria-label="Featured"><div class="profile-body">${tagList}${profileList}</div></section>`;
}
