/**
 * FetchLinkCardService: the preview card of a status's first eligible link. The page is read
 * through safeFetch (no private addresses, 1 MB of HTML kept, 10 s, http/https), oEmbed first
 * (link, photo, video; `rich` falls back to OpenGraph as Mastodon), then OpenGraph / Twitter /
 * JSON-LD. Cards are shared by URL and refetched after two weeks. Like Mastodon, robots.txt is
 * not consulted: a card is fetched once, on behalf of a person who posted the link.
 */
import type { AppContext } from "../../context";
import { safeFetch } from "../../activitypub/outbound/fetch";
import { getStatus } from "../../db/queries/statuses";
import {
  attachPreviewCard,
  detachPreviewCard,
  getPreviewCardByUrl,
  getStatusCardId,
  listMentionedAccounts,
  upsertPreviewCard,
  type PreviewCardFields,
  type PreviewCardRow,
} from "../../db/queries/preview-cards";
import { getLocalAccountByUsername, getRemoteAccountByHandle } from "../../db/queries/accounts";
import { transaction } from "../../db/transaction";
import { profileUrl } from "../../serializers/mastodon/account";
import { stripTags } from "../../text/sanitize";
import { extractLinkDetails, firstCardLink, oembedIframe, validUrl } from "../../text/link-details";
import { HEARTH_VERSION } from "../../version";
import { storeCardImage } from "./card-image";

/** Mastodon refreshes a card older than this. */
export const CARD_STALE_MS = 14 * 24 * 3600_000;
/** How much of a page is read (Mastodon's truncated_body: 1 MB) and how long it may take (tests shorten it). */
export const CARD_LIMITS = { htmlBytes: 1024 * 1024, timeoutMs: 10_000 };

/** Mastodon's link-preview User-Agent (`… (Mastodon/x; +https://domain/) Bot`), as Hearth. */
export function cardUserAgent(ctx: AppContext): string {
  return `Hearth/${HEARTH_VERSION} (+${ctx.uris.base}/) Bot`;
}

const isLocalUrl = (ctx: AppContext) => {
  const host = new URL(ctx.uris.base).host;
  return (u: URL) => u.host === host;
};

/**
 * Enqueues the card fetch of status `statusId` whose HTML is `content` (call inside the
 * transaction that wrote it); nothing when it has no link a card could be made for.
 */
export function enqueueLinkCard(ctx: AppContext, statusId: number, content: string): void {
  if (firstCardLink(content, new Set(), isLocalUrl(ctx)) === null) return;
  ctx.jobs.enqueue("preview_card.fetch", { statusId });
}

/** Drops the card of an edited status and fetches it again (Mastodon's reset_preview_card!). */
export function resetLinkCard(ctx: AppContext, statusId: number, content: string): void {
  detachPreviewCard(ctx.db, statusId);
  enqueueLinkCard(ctx, statusId, content);
}

const text = (s: unknown, max = 2000): string =>
  stripTags(typeof s === "string" ? s : "")
    .trim()
    .slice(0, max);

async function getHtml(ctx: AppContext, url: string): Promise<{ url: string; html: string } | null> {
  const res = await safeFetch(ctx, url, {
    headers: { Accept: "text/html", "User-Agent": cardUserAgent(ctx) },
    maxBytes: CARD_LIMITS.htmlBytes,
    truncate: true,
    timeoutMs: CARD_LIMITS.timeoutMs,
  });
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (res.status !== 200 || type !== "text/html") return null;
  return { url: res.url, html: new TextDecoder().decode(res.body) };
}

const blank = (): PreviewCardFields => ({
  title: "",
  description: "",
  type: "link",
  author_name: "",
  author_url: "",
  author_account_id: null,
  provider_name: "",
  provider_url: "",
  html: "",
  width: 0,
  height: 0,
  image_path: null,
  image_remote_url: null,
  image_description: "",
  blurhash: null,
  embed_url: "",
  language: null,
  published_at: null,
});

const num = (v: unknown) =>
  typeof v === "number" && v > 0 ? Math.min(Math.floor(v), 100_000) : Number(v) > 0 ? Math.min(Math.floor(Number(v)), 100_000) : 0;

/** FetchOEmbedService: the card from the page's JSON oEmbed endpoint, or null. */
async function fromOembed(ctx: AppContext, endpoint: string): Promise<PreviewCardFields | null> {
  const res = await safeFetch(ctx, endpoint, {
    headers: { Accept: "application/json", "User-Agent": cardUserAgent(ctx) },
    maxBytes: CARD_LIMITS.htmlBytes,
    timeoutMs: CARD_LIMITS.timeoutMs,
  });
  if (res.status !== 200) return null;
  let e: Record<string, any>;
  try {
    e = JSON.parse(new TextDecoder().decode(res.body));
  } catch {
    return null;
  }
  if (!e || typeof e !== "object") return null;
  const f = blank();
  f.type = String(e.type);
  f.title = text(e.title, 500);
  f.author_name = text(e.author_name, 500);
  f.author_url = validUrl(e.author_url, endpoint) ?? "";
  f.provider_name = text(e.provider_name, 500);
  f.provider_url = validUrl(e.provider_url, endpoint) ?? "";
  switch (f.type) {
    case "link":
      f.image_remote_url = validUrl(e.thumbnail_url, endpoint);
      return f;
    case "photo": {
      const u = validUrl(e.url, endpoint);
      if (!u) return null;
      f.embed_url = u;
      f.image_remote_url = u;
      f.width = num(e.width);
      f.height = num(e.height);
      return f;
    }
    case "video":
      f.width = num(e.width);
      f.height = num(e.height);
      f.html = oembedIframe(typeof e.html === "string" ? e.html : "");
      f.image_remote_url = validUrl(e.thumbnail_url, endpoint);
      return f;
    default:
      // `rich` (providers rely on <script>) and unknown types: no oEmbed card.
      return null;
  }
}

/** The known account `@user@domain` names, when the page's host is its domain (our stand-in for attribution domains). */
function creatorAccountId(ctx: AppContext, handle: string | null, pageUrl: string): number | null {
  const m = /^@?([^@\s]+)@([^@\s]+)$/.exec(handle ?? "");
  if (!m) return null;
  const [, user, domain] = m as unknown as [string, string, string];
  const host = new URL(pageUrl).host.toLowerCase();
  const d = domain.toLowerCase();
  if (host !== d && !host.endsWith(`.${d}`)) return null;
  const local = d === new URL(ctx.uris.base).host.toLowerCase();
  const a = local ? getLocalAccountByUsername(ctx.db, user) : getRemoteAccountByHandle(ctx.db, user, d);
  return a?.id ?? null;
}

async function buildCard(ctx: AppContext, url: string): Promise<{ url: string; fields: PreviewCardFields } | null> {
  const page = await getHtml(ctx, url);
  if (!page) return null;
  const d = extractLinkDetails(page.url, page.html);
  if (d.oembedUrl) {
    const f = await fromOembed(ctx, d.oembedUrl).catch(() => null);
    if (f) return { url: page.url, fields: f };
  }
  const f = blank();
  f.title = text(d.title, 500);
  f.description = text(d.description);
  f.type = d.type;
  f.html = d.html;
  f.width = d.width;
  f.height = d.height;
  f.image_remote_url = d.image;
  f.image_description = text(d.imageDescription, 1500);
  f.provider_name = text(d.providerName, 500);
  f.provider_url = d.providerUrl;
  f.author_name = text(d.authorName, 500);
  f.author_url = d.authorUrl;
  f.author_account_id = creatorAccountId(ctx, d.authorAccount, d.canonicalUrl);
  f.embed_url = d.embedUrl;
  f.language = d.language;
  const published = d.publishedAt ? Date.parse(d.publishedAt) : NaN;
  f.published_at = Number.isFinite(published) ? published : null;
  if (!f.title && !f.html) return null;
  return { url: d.canonicalUrl, fields: f };
}

/**
 * The job: finds the status's card link, reuses a fresh card of that URL or fetches the page
 * (and its thumbnail), then links the card to the status. Network failures leave no card; the
 * job does not retry them (Mastodon logs and gives up too).
 */
export async function fetchLinkCard(ctx: AppContext, statusId: number): Promise<void> {
  const s = getStatus(ctx.db, statusId);
  if (!s || s.reblog_of_id !== null || getStatusCardId(ctx.db, statusId) !== null) return;
  const mentionUrls = new Set(listMentionedAccounts(ctx.db, statusId).map((a) => profileUrl(ctx, a)));
  const link = firstCardLink(s.content, mentionUrls, isLocalUrl(ctx));
  if (!link) return;
  let card: PreviewCardRow | null = getPreviewCardByUrl(ctx.db, link);
  if (!card || card.updated_at <= ctx.now() - CARD_STALE_MS || (card.image_remote_url && !card.image_path)) {
    let built: Awaited<ReturnType<typeof buildCard>>;
    try {
      built = await buildCard(ctx, link);
    } catch (e) {
      ctx.log.debug(`no card for ${link}: ${e instanceof Error ? e.message : e}`);
      return;
    }
    if (!built) return;
    const id = transaction(ctx.db, () => upsertPreviewCard(ctx.db, ctx.ids.next(), built!.url, built!.fields, ctx.now()));
    await storeCardImage(ctx, id, built.fields.image_remote_url);
    card = getPreviewCardByUrl(ctx.db, built.url);
  }
  if (!card) return;
  const cardId = card.id;
  transaction(ctx.db, () => {
    if (getStatus(ctx.db, statusId)) attachPreviewCard(ctx.db, statusId, cardId, link);
  });
}
