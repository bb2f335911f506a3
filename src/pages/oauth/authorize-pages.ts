/** HTML for the authorization flow: login form, consent form, out-of-band code and error pages. */
import { hidden, loginForm, mailHelpLinks } from "../forms";
import { esc, layout } from "../layout";
import type { AuthorizeRequest } from "../../oauth/authorize-request";
import { describeScope } from "../../oauth/scope-descriptions";

function appLine(req: AuthorizeRequest): string {
  const name = `<strong>${esc(req.app.name)}</strong>`;
  return req.app.website ? `${name} (<a href="${esc(req.app.website)}" rel="noopener noreferrer">${esc(req.app.website)}</a>)` : name;
}

/** The login form; `fields` carries the OAuth request and the CSRF token. */
export function loginPage(o: {
  title: string;
  req: AuthorizeRequest;
  fields: Record<string, string>;
  error?: string;
  login?: string;
  /** The server sends mail: offer "Forgot your password?". */
  mail?: boolean;
}): string {
  const err = o.error ? `<p class="error" role="alert">${esc(o.error)}</p>` : "";
  return layout(
    `Log in - ${o.title}`,
    `
<h1>Log in to ${esc(o.title)}</h1>
<p>${appLine(o.req)} wants to access your account. Log in to continue.</p>
${err}
${loginForm("/oauth/authorize", o.fields, o.login)}
${mailHelpLinks(!!o.mail)}`,
  );
}

/** The consent form listing the requested scopes, with Authorize and Deny buttons. */
export function consentPage(o: {
  title: string;
  req: AuthorizeRequest;
  fields: Record<string, string>;
  username: string;
  switchUrl: string;
}): string {
  const scopes = o.req.scopes.map((s) => `<li><code>${esc(s)}</code>: ${esc(describeScope(s))}</li>`).join("\n");
  return layout(
    `Authorize ${o.req.app.name} - ${o.title}`,
    `
<h1>Authorize access</h1>
<p>${appLine(o.req)} would like permission to access your account <strong>@${esc(o.username)}</strong> on ${esc(o.title)}.</p>
<p>It asks for:</p>
<ul class="scopes">
${scopes}
</ul>
<form method="post" action="/oauth/authorize">
${hidden(o.fields)}
<button type="submit" name="decision" value="authorize" class="primary">Authorize</button>
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
</form>
<p class="muted">Not @${esc(o.username)}? <a href="${esc(o.switchUrl)}">Log in as someone else</a>.</p>`,
  );
}

/** Shows the authorization code for `urn:ietf:wg:oauth:2.0:oob` clients. */
export function oobCodePage(o: { title: string; appName: string; code: string }): string {
  return layout(
    `Authorization code - ${o.title}`,
    `
<h1>Authorization code</h1>
<p>Copy this code and paste it into <strong>${esc(o.appName)}</strong>:</p>
<p><code id="authorization-code">${esc(o.code)}</code></p>`,
  );
}

/** An error page for requests that cannot be redirected back to the application. */
export function errorPage(o: { title: string; heading: string; message: string }): string {
  return layout(
    `${o.heading} - ${o.title}`,
    `
<h1>${esc(o.heading)}</h1>
<p class="error" role="alert">${esc(o.message)}</p>`,
  );
}
