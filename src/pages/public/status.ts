/** GET /@name/:id: one public or unlisted post with the public part of its thread, no JavaScript needed. */
import type { AppContext } from "../../context";
import type { AccountRow, StatusRow } from "../../db/rows";
import { loadStatusViews } from "../../db/views/statuses";
import { ANONYMOUS, mayViewStatus } from "../../model/visibility";
import { loadThread } from "../../services/statuses/thread";
import { esc, publicLayout } from "../layout";
import { clip, fullAcct, nameOf, renderStatus, statusSummary } from "./render";

/** The page for status `s` by local `account` (the caller checked both), or null when hidden. */
export function statusPage(ctx: AppContext, siteName: string, account: AccountRow, s: StatusRow): string | null {
  if (s.account_id !== account.id || s.reblog_of_id !== null || !mayViewStatus(s.visibility, ANONYMOUS)) return null;
  // Logged out: loadThread keeps only what an anonymous reader may see (public and unlisted).
  const t = loadThread(ctx, s, null);
  const open = (r: StatusRow) => mayViewStatus(r.visibility, ANONYMOUS);
  const ancestors = t.ancestors.filter(open);
  const replies = t.descendants.filter(open);
  const views = loadStatusViews(ctx, [s.id, ...ancestors.map((r) => r.id), ...replies.map((r) => r.id)], null);
  const main = views.get(s.id) as Record<string, any> | undefined;
  if (!main) return null;
  const pick = (rows: StatusRow[]) =>
    rows.map((r) => views.get(r.id) as Record<string, any> | undefined).filter((v): v is Record<string, any> => !!v);
  const domain = ctx.config.localDomain;
  const a = main.account as Record<string, any>;
  const before = pick(ancestors);
  const after = pick(replies);
  const firstImage =
    !main.sensitive && !main.spoiler_text
      ? (main.media_attachments as Record<string, any>[]).find((m) => m.type === "image" || m.type === "gifv" || m.type === "video")
      : undefined;
  const body = `<h1 class="visually-hidden">Post by ${esc(nameOf(a))}</h1>
${before.length ? `<section class="card" aria-label="Earlier in the thread">${before.map((v) => renderStatus(v, domain)).join("\n")}</section>` : ""}
<section class="card" aria-label="Post">${renderStatus(main, domain, true)}</section>
<h2>${after.length ? `${after.length} ${after.length === 1 ? "reply" : "replies"}` : "No public replies yet"}</h2>
${after.length ? `<section class="card" aria-label="Replies">${after.map((v) => renderStatus(v, domain)).join("\n")}</section>` : ""}`;
  const summary = statusSummary(main);
  return publicLayout(
    {
      title: `${nameOf(a)}: "${clip(summary, 60)}"`,
      description: clip(summary || `A post by ${fullAcct(a, domain)}`),
      url: ctx.uris.statusUrl(account.username, s.id),
      type: "article",
      image: firstImage ? String(firstImage.preview_url ?? firstImage.url) : String(a.avatar),
      largeImage: !!firstImage,
      activityUri: s.uri,
      oembed: ctx.uris.url(`/api/oembed?url=${encodeURIComponent(ctx.uris.statusUrl(account.username, s.id))}`),
      siteName,
      noindex: !!a.noindex,
      extra: [
        ["article:published_time", String(main.created_at)],
        ["article:author", String(a.url)],
        ...(firstImage?.description ? ([["og:image:alt", String(firstImage.description)]] as [string, string][]) : []),
      ],
    },
    body,
    `/statuses/${s.id}`,
  );
}
