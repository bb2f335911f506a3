/**
 * GET / for visitors: what this instance is (title, description, contact, rules, sign in and
 * sign up) and, when the owner lets visitors read the local live feed, its latest local public
 * posts. Rendered on the server inside the web client's document, so it reads without
 * JavaScript and the client takes the page over when its script runs.
 */
import type { AppContext } from "../../context";
import { publicTimelineIds } from "../../db/queries/timelines";
import { statusList } from "../../db/views/statuses";
import { loadInstanceView } from "../../services/instance/view";
import { esc, publicLayout } from "../layout";
import { contactHtml, rulesHtml } from "./about";
import { renderStatus } from "./render";

const POSTS = 10;

/** Scoped to `.landing` so nothing leaks into the client once it takes over. */
export const LANDING_CSS = `.landing{max-width:40rem;margin:0 auto;padding:1rem;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.landing .card{border:1px solid #8884;border-radius:10px;padding:0 1rem;margin:0 0 1rem}
.landing .status-head{display:flex;gap:.6rem;align-items:center}.landing .avatar{width:2.75rem;height:2.75rem;border-radius:8px;object-fit:cover}
.landing .who strong,.landing .who span{display:block}.landing article.status{padding:.8rem 0;border-bottom:1px solid #8884}
.landing .media{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(8rem,1fr));gap:.4rem}.landing .media img{max-width:100%}
.landing .actions{display:flex;gap:1rem}.landing .btn{display:inline-block;padding:.45rem .9rem;border-radius:6px;border:1px solid currentColor;font-weight:600;margin-right:.5rem}
.landing .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}`;

/** The landing page's content (inside the client's #app, or in the public layout without a client). */
export function landingBody(ctx: AppContext): { title: string; description: string; html: string } {
  const v = loadInstanceView(ctx);
  const s = v.settings;
  const showPosts = s.feeds.localLive === "public";
  const ids = showPosts ? publicTimelineIds(ctx, null, { local: true }, { limit: POSTS }).ids : [];
  const posts = statusList(ctx, ids, null) as Record<string, any>[];
  const signUp =
    s.registrationsMode === "none"
      ? `<p>${esc(s.closedRegistrationsMessage ?? "Registrations are closed on this server.")}</p>`
      : `<p>${s.registrationsMode === "approved" ? "Sign-ups are reviewed by the staff." : "Registrations are open."} Create an account with any Mastodon app.</p>`;
  const html = `<main class="landing">
<section class="card" aria-labelledby="site-title"><div class="profile-body">
<h1 id="site-title">${esc(v.title)}</h1>
${v.shortDescription ? `<p>${esc(v.shortDescription)}</p>` : ""}
<p>${esc(ctx.config.localDomain)} is a server of the Fediverse: its people can follow and talk with people on Mastodon and any other server that speaks ActivityPub.</p>
<p><a class="btn" href="/auth/sign_in">Sign in</a></p>
${signUp}
${contactHtml(ctx, v)}
<p><a href="/about">About</a> · <a href="/privacy-policy">Privacy policy</a> · <a href="/terms-of-service">Terms of service</a></p>
</div></section>
${v.rules.length ? `<section class="card" aria-labelledby="rules-title"><div class="profile-body"><h2 id="rules-title">Server rules</h2>${rulesHtml(v.rules)}</div></section>` : ""}
${showPosts ? `<h2>Latest posts from ${esc(v.title)}</h2><section class="card" aria-label="Latest posts">${posts.length ? posts.map((p) => renderStatus(p, ctx.config.localDomain)).join("\n") : `<p class="empty">No public posts yet.</p>`}</section>` : ""}
</main>`;
  return { title: v.title, description: v.shortDescription || `${v.title}, a server of the Fediverse`, html };
}

/** The landing page inside the web client's index.html: meta tags in <head>, the content in #app. */
export function landingInClient(ctx: AppContext, index: string): string {
  const b = landingBody(ctx);
  const head = [
    `<meta name="description" content="${esc(b.description)}">`,
    `<meta property="og:site_name" content="${esc(b.title)}">`,
    `<meta property="og:title" content="${esc(b.title)}">`,
    `<meta property="og:description" content="${esc(b.description)}">`,
    `<meta property="og:url" content="${esc(ctx.uris.base)}/">`,
    `<meta property="og:type" content="website">`,
    `<link rel="alternate" type="application/activity+json" href="${esc(ctx.uris.instanceActor())}">`,
    `<link rel="stylesheet" href="/landing.css">`,
  ].join("\n");
  return index
    .replace(/<title>[^<]*<\/title>/, `<title>${esc(b.title)}</title>`)
    .replace("</head>", `${head}\n</head>`)
    .replace(/<div id="app">[\s\S]*?<\/div>/, () => `<div id="app">${b.html}</div>`)
    .replace(/<link rel="manifest" href="[^"]*"/, '<link rel="manifest" href="/manifest.json"');
}

/** The landing page as a plain public page (when the web client is not embedded). */
export function landingPage(ctx: AppContext): string {
  const b = landingBody(ctx);
  return publicLayout(
    {
      title: b.title,
      description: b.description,
      url: `${ctx.uris.base}/`,
      type: "website",
      siteName: b.title,
      activityUri: ctx.uris.instanceActor(),
    },
    b.html.replace(/^<main class="landing">|<\/main>$/g, ""),
    "/home",
  );
}
