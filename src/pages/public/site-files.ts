/**
 * The small files every site has: `/robots.txt` (Mastodon's default rules), `/.well-known/security.txt`
 * (RFC 9116, contact from the instance settings) and `/manifest.json` (the web app manifest,
 * named after the instance; `/manifest.webmanifest` of the web client stays as built).
 */
import type { AppContext } from "../../context";
import { readInstanceSettings } from "../../services/instance/settings";

const text = (body: string, method: string, maxAge = 3600) =>
  new Response(method === "HEAD" ? null : body, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": `public, max-age=${maxAge}` },
  });

/** GET /robots.txt: crawlers keep out of the media proxy, the interaction and sign-in pages and the API. */
export function robotsTxt(method: string): Response {
  return text(
    `# See https://www.robotstxt.org/robotstxt.html

User-agent: *
Disallow: /media_proxy/
Disallow: /interact/
Disallow: /authorize_interaction
Disallow: /auth/
Disallow: /oauth/
Disallow: /api/
Disallow: /*/embed
`,
    method,
  );
}

/** GET /.well-known/security.txt: where to report a security problem (the contact e-mail, else the about page). */
export function securityTxt(ctx: AppContext, method: string): Response {
  const s = readInstanceSettings(ctx);
  const expires = new Date(ctx.now() + 365 * 86400_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const contact = s.contactEmail ? `mailto:${s.contactEmail}` : ctx.uris.url("/about");
  return text(
    `Contact: ${contact}
Expires: ${expires}
Preferred-Languages: ${s.defaultLocale}
Canonical: ${ctx.uris.url("/.well-known/security.txt")}
`,
    method,
    86400,
  );
}

/** GET /manifest.json: the web app manifest with the instance's name and theme colour. */
export function manifestJson(ctx: AppContext, method: string): Response {
  const s = readInstanceSettings(ctx);
  const body = {
    id: "/home",
    name: s.title,
    short_name: s.title.length > 12 ? "Hearth" : s.title,
    description: s.shortDescription || "A small, friendly home on the Fediverse",
    start_url: "/home",
    scope: "/",
    display: "standalone",
    background_color: "#16181d",
    theme_color: s.themeColor ?? "#b8461b",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
    ],
  };
  return new Response(method === "HEAD" ? null : JSON.stringify(body), {
    headers: { "Content-Type": "application/manifest+json; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
