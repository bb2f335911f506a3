/** GET /: a plain server-rendered landing page until the web client is built and embedded. */
import { currentInvocation, selfCommand } from "../config/invocation";
import type { AppContext } from "../context";
import { countUsers } from "../db/queries/users";
import type { Req } from "../http/route";
import { setting, userCount } from "../services/instance/stats";
import { HEARTH_VERSION } from "../version";
import { esc, htmlResponse, layout } from "./layout";

/** Handler for GET / (registered only while the web client is not embedded). */
export function rootPage(q: Req): Response {
  return htmlResponse(rootHtml(q.ctx));
}

/** The page: instance title, short description, and first-run instructions when there are no users. */
export function rootHtml(ctx: AppContext): string {
  const title = setting(ctx, "site_title") ?? ctx.config.instanceTitle;
  const description = setting(ctx, "site_short_description") ?? "";
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
    ctx.config.registrations === "closed"
      ? "Registrations are closed."
      : ctx.config.registrations === "approval"
        ? "Registrations require approval."
        : "Registrations are open.";
  const body = `
<h1>${esc(title)}</h1>
${description ? `<p>${esc(description)}</p>` : ""}
<p>${esc(ctx.config.localDomain)} is a Fediverse server running Hearth ${esc(HEARTH_VERSION)}. Use any Mastodon app to log in.</p>
<p>${esc(regs)} ${anyone ? `${users} ${users === 1 ? "user" : "users"}.` : ""}</p>
${setup}`;
  return layout(title, body);
}
