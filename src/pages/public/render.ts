/**
 * Renders serialized Mastodon Statuses and Accounts (from the views) as static, escaped HTML;
 * post and bio HTML goes through the sanitizer federation uses (text/sanitize.ts).
 */
import { sanitizePageHtml as sanitize, textOf } from "../../text/sanitize";
import { esc } from "../layout";

type Json = Record<string, any>;

/** Shortens text to `max` characters on a word boundary, with an ellipsis. */
export function clip(text: string, max = 200): string {
  const t = text.replace(/\s+/g, " ").trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)) + "…";
}

/** The local page for an account: /@name for local ones, its own url for remote ones. */
export function accountHref(a: Json): string {
  return String(a.url || "#");
}

/** The page for a status: local ones on this server, remote ones at their origin. */
export function statusHref(s: Json): string {
  return String(s.url || s.uri || "#");
}

/** "Display Name" or the username when blank. */
export function nameOf(a: Json): string {
  return String(a.display_name || "").trim() || String(a.username);
}

/** @user@domain, with the local domain added for local accounts. */
export function fullAcct(a: Json, localDomain: string): string {
  const acct = String(a.acct);
  return "@" + (acct.includes("@") ? acct : `${acct}@${localDomain}`);
}

function when(iso: string): string {
  const d = new Date(iso);
  const text = d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
  return `<time datetime="${esc(iso)}">${esc(text)}</time>`;
}

function media(list: Json[]): string {
  if (!list.length) return "";
  const items = list.map((m) => {
    const alt = String(m.description ?? "");
    const cap = alt ? `<figcaption>${esc(alt)}</figcaption>` : "";
    if (m.type === "video" || m.type === "gifv") {
      return `<li><figure><video src="${esc(m.url)}" poster="${esc(m.preview_url ?? "")}" controls preload="none" aria-label="${esc(alt || "Video without a description")}"></video>${cap}</figure></li>`;
    }
    if (m.type === "audio")
      return `<li><figure><audio src="${esc(m.url)}" controls preload="none" aria-label="${esc(alt || "Audio without a description")}"></audio>${cap}</figure></li>`;
    if (m.type === "image") {
      return `<li><figure><a href="${esc(m.url)}"${alt ? "" : ' aria-label="Image without a description"'}><img src="${esc(m.preview_url ?? m.url)}" alt="${esc(alt)}" loading="lazy" decoding="async"></a>${cap}</figure></li>`;
    }
    return `<li><a href="${esc(m.remote_url ?? m.url)}">${esc(alt || "Attachment")}</a></li>`;
  });
  return `<ul class="media">${items.join("")}</ul>`;
}

function poll(p: Json | null): string {
  if (!p) return "";
  const total = Math.max(1, Number(p.votes_count) || 0);
  const rows = (p.options as Json[]).map((o) => {
    const votes = Number(o.votes_count) || 0;
    const pct = Math.round((votes / total) * 100);
    return `<li><span>${esc(o.title)}</span> <strong>${pct}%</strong><meter class="bar" min="0" max="100" value="${pct}" aria-label="${esc(o.title)}: ${pct}%"></meter></li>`;
  });
  const state = p.expired ? "Closed" : p.expires_at ? `Closes ${when(p.expires_at)}` : "Open";
  const n = Number(p.votes_count) || 0;
  return `<ul class="poll" aria-label="Poll">${rows.join("")}</ul><p class="meta">${n} ${n === 1 ? "vote" : "votes"} · ${state}</p>`;
}

/** Reply / Boost / Favourite links: each opens the remote-interaction page for the post's URI. */
function actions(s: Json): string {
  const uri = String(s.uri || s.url || "");
  if (!/^https?:\/\//i.test(uri)) return "";
  const href = `/authorize_interaction?uri=${encodeURIComponent(uri)}`;
  const who = nameOf(s.account);
  return `<p class="actions">${["Reply", "Boost", "Favourite"].map((a) => `<a href="${esc(href)}" rel="nofollow" aria-label="${a} (post by ${esc(who)})">${a}</a>`).join("")}</p>`;
}

/** One status as an article; `focus` marks the thread's main post (bigger, with counts); `interact` adds the action links. */
export function renderStatus(outer: Json, localDomain: string, focus = false, interact = true): string {
  const s: Json = outer.reblog ?? outer;
  const a: Json = s.account;
  const boost = outer.reblog
    ? `<p class="boost"><a href="${esc(accountHref(outer.account))}">${esc(nameOf(outer.account))}</a> boosted</p>`
    : "";
  const body = `<div class="content"${s.language ? ` lang="${esc(s.language)}"` : ""}>${sanitize(String(s.content ?? ""))}</div>${media(s.media_attachments ?? [])}${poll(s.poll ?? null)}`;
  const inner = s.spoiler_text ? `<details class="cw"><summary>Content warning: ${esc(s.spoiler_text)}</summary>${body}</details>` : body;
  const counts = focus
    ? `<p class="meta">${esc(s.replies_count)} replies · ${esc(s.reblogs_count)} boosts · ${esc(s.favourites_count)} favourites${s.edited_at ? ` · edited ${when(s.edited_at)}` : ""}</p>`
    : "";
  return `<article class="status${focus ? " focus" : ""}" id="s${esc(s.id)}">${boost}
<div class="status-head"><img class="avatar" src="${esc(a.avatar_static ?? a.avatar)}" alt="" width="44" height="44">
<div class="who"><strong><a href="${esc(accountHref(a))}">${esc(nameOf(a))}</a></strong><span>${esc(fullAcct(a, localDomain))}</span></div>
<a class="time" href="${esc(statusHref(s))}">${when(s.created_at)}</a></div>
${inner}${counts}${interact ? actions(s) : ""}</article>`;
}

/** Plain-text summary of a status for meta descriptions (the CW stands in for hidden text). */
export function statusSummary(s: Json): string {
  if (s.spoiler_text) return `Content warning: ${s.spoiler_text}`;
  const text = textOf(String(s.content ?? ""));
  const n = (s.media_attachments ?? []).length;
  return text || (n ? `${n} attachment${n === 1 ? "" : "s"}` : "");
}
