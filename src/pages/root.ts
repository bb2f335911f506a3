/** GET /: a plain server-rendered landing page until the web client is built and embedded. */
import { currentInvocation, selfCommand } from "../config/invocation";
import type { AppContext } from "../context";
import { countUsers } from "../db/queries/users";
import type { Req } from "../http/route";
import { userCount } from "../services/instance/stats";
import { readInstanceSettings } from "../services/instance/settings";
import { loadRules } from "../services/instance/view";
import { HEARTH_VERSION } from "../version";
import { esc, htmlResponse, layout } from "./layout";

/** Handler for GET / (registered only while the web client is not embedded). */
export function rootPage(q: Req): Response {
  return htmlResponse(rootHtml(q.ctx));
}

/** The page: instance title, short description, registrations and server rules, and first-run instructions when there are no users. */
export function rootHtml(ctx: AppContext): string {
  const settings = readInstanceSettings(ctx);
  const title = settings.title;
  const description = settings.shortDescription;
  const anyone = countUsers(ctx.db) > 0;
  const users = anyone ? userCount(ctx) : 0;
  const setup = anyone
    ? ""
    : `
<h2>Set up this server</h2>
<p>There are no accounts yet. Create the owner account on the server with:</p>
<pre><code>hearth admin accounts create NAME --email E --role owner</code></pre>
<p class="muted">As this server was started: <code>${esc(selfCommand(currentInvocation(ctx.config.dataDir)))} admin accounts create NAME --email E --role owner</code>. The command prints the new password.</p>`;
  const regs =
    settings.registrationsMode === "none"
      ? "Registrations are closed."
      : settings.registrationsMode === "approved"
        ? "Registrations require approval."
        : "Registrations are open.";
  // Whoever signs up agrees to these (Mastodon shows them before the sign-up form).
  const rules = loadRules(ctx);
  const rulesHtml = rules.length
    ? `<h2>Server rules</h2>\n<ol>${rules.map((r) => `<li>${esc(r.text)}${r.hint ? `<br><span class="muted">${esc(r.hint)}</span>` : ""}</li>`).join("")}</ol>`
    : "";
  const body = `
<h1>${esc(title)}</h1>
${description ? `<p>${esc(description)}</p>` : ""}
<p>${esc(ctx.config.localDomain)} is a Fediverse server running Hearth ${esc(HEARTH_VERSION)}. Use any Mastodon app to log in.</p>
<p>${esc(regs)} ${anyone ? `${users} ${users === 1 ? "user" : "users"}.` : ""}</p>
${rulesHtml}
${setup}`;
  return layout(title, body);
}
