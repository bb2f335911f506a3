/**
 * GET /about, /privacy-policy and /terms-of-service: the instance's admin-written texts (Markdown
 * through the one sanitizer, as the instance API serves them), its rules and its contact.
 */
import type { AppContext } from "../../context";
import { loadInstanceView } from "../../services/instance/view";
import { markdownToHtml } from "../../text/markdown";
import { esc, publicLayout } from "../layout";
import { sanitizePageHtml } from "../../text/sanitize";
import { fullAcct, nameOf } from "./render";

function day(ms: number | null): string {
  return ms ? new Date(ms).toISOString().slice(0, 10) : "";
}

/** The rules as an ordered list ("" when there are none). */
export function rulesHtml(rules: { text: string; hint: string }[]): string {
  if (!rules.length) return "";
  return `<ol class="rules">${rules.map((r) => `<li>${esc(r.text)}${r.hint ? `<br><span class="meta">${esc(r.hint)}</span>` : ""}</li>`).join("")}</ol>`;
}

/** Contact lines: the contact account (linked) and the e-mail address. */
export function contactHtml(ctx: AppContext, v: ReturnType<typeof loadInstanceView>): string {
  const a = v.contactAccount as Record<string, any> | null;
  const parts = [
    a ? `<li>Administered by <a href="${esc(a.url)}">${esc(nameOf(a))}</a> (${esc(fullAcct(a, ctx.config.localDomain))})</li>` : "",
    v.contactEmail ? `<li>Contact: <a href="mailto:${esc(v.contactEmail)}">${esc(v.contactEmail)}</a></li>` : "",
  ].filter(Boolean);
  return parts.length ? `<ul class="contact">${parts.join("")}</ul>` : "";
}

function page(ctx: AppContext, title: string, path: string, description: string, body: string, siteName: string): string {
  return publicLayout({ title: `${title} - ${siteName}`, description, url: ctx.uris.url(path), type: "website", siteName }, body, path);
}

/** GET /about: description, contact, rules and the extended description. */
export function aboutPage(ctx: AppContext): string {
  const v = loadInstanceView(ctx);
  const extended = markdownToHtml(v.settings.extendedDescription);
  const body = `<section class="card" aria-labelledby="about-title"><div class="profile-body">
<h1 id="about-title">About ${esc(v.title)}</h1>
${v.shortDescription ? `<p>${esc(v.shortDescription)}</p>` : ""}
<p class="meta">${esc(ctx.config.localDomain)} is a server of the Fediverse: people here can follow and talk with people on any server that speaks ActivityPub.</p>
${contactHtml(ctx, v)}
</div></section>
${v.rules.length ? `<h2>Server rules</h2><section class="card"><div class="profile-body">${rulesHtml(v.rules)}</div></section>` : ""}
${extended ? `<h2>More about this server</h2><section class="card"><div class="profile-body content">${sanitizePageHtml(extended)}</div></section>` : ""}
<p class="pager"><a href="/privacy-policy">Privacy policy</a> · <a href="/terms-of-service">Terms of service</a></p>`;
  return page(ctx, "About", "/about", v.shortDescription || `About ${v.title}`, body, v.title);
}

/** GET /privacy-policy and /terms-of-service: the text with its date, or a note that there is none yet. */
export function policyPage(ctx: AppContext, which: "privacy" | "terms"): string {
  const v = loadInstanceView(ctx);
  const s = v.settings;
  const [title, path, text, dated] =
    which === "privacy"
      ? ["Privacy policy", "/privacy-policy", s.privacyPolicy, day(s.privacyPolicyUpdatedAt)]
      : ["Terms of service", "/terms-of-service", s.termsOfService, s.termsOfServiceEffectiveDate ?? day(s.termsOfServiceUpdatedAt)];
  const html = markdownToHtml(text);
  const body = `<section class="card" aria-labelledby="policy-title"><div class="profile-body">
<h1 id="policy-title">${title}</h1>
${html && dated ? `<p class="meta">${which === "privacy" ? "Last updated" : "Effective"} ${esc(dated)}</p>` : ""}
<div class="content">${html ? sanitizePageHtml(html) : `<p>${esc(v.title)} has not published ${which === "privacy" ? "a privacy policy" : "terms of service"} yet.</p>`}</div>
${contactHtml(ctx, v)}
</div></section>
<p class="pager"><a href="/about">About ${esc(v.title)}</a></p>`;
  return page(ctx, title, path, `${title} of ${v.title}`, body, v.title);
}
