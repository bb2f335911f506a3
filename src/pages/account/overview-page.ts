/** HTML of /auth/security: change password, two-factor status, browser sessions, authorized apps. */
import { hidden } from "../forms";
import { esc } from "../layout";
import type { BrowserSession } from "../../services/security/sessions";
import { describeUserAgent, flash, timeTag } from "./chrome";

/** What the page shows. */
export interface OverviewData {
  csrf: string;
  twoFactorSince: number | null;
  sessions: BrowserSession[];
  /** The address, a change awaiting confirmation, the digest setting, and whether the server sends mail. */
  email: { email: string; pending: string | null; digest: boolean; mail: boolean } | null;
  notice?: string;
  error?: string;
}

function passwordSection(csrf: string): string {
  return `<section aria-labelledby="password-heading">
<h2 id="password-heading">Change password</h2>
<p>Changing your password logs out your other browser sessions. Apps you authorized keep their access: revoke them under <a href="/oauth/authorized_applications">Authorized apps</a>.</p>
<form method="post" action="/auth/security/password">
${hidden({ authenticity_token: csrf })}
<label for="current_password">Current password</label>
<input type="password" id="current_password" name="current_password" autocomplete="current-password" required>
<label for="password">New password</label>
<input type="password" id="password" name="password" autocomplete="new-password" minlength="8" maxlength="72" required aria-describedby="password-hint">
<p id="password-hint" class="muted">At least 8 characters.</p>
<label for="password_confirmation">Confirm new password</label>
<input type="password" id="password_confirmation" name="password_confirmation" autocomplete="new-password" minlength="8" maxlength="72" required>
<button type="submit" class="primary">Change password</button>
</form>
</section>`;
}

function emailSection(csrf: string, e: NonNullable<OverviewData["email"]>): string {
  const pending = e.pending
    ? `<p>Waiting for confirmation: <strong>${esc(e.pending)}</strong>. Follow the link we sent to that address to make the change.</p>`
    : "";
  const digest = e.mail
    ? `<form method="post" action="/auth/security/digest">
${hidden({ authenticity_token: csrf, digest: e.digest ? "0" : "1" })}
<p>Notification digest is <strong>${e.digest ? "on" : "off"}</strong>: ${e.digest ? "when you have been away for a day, unread notifications are mailed to you once a day." : "turn it on to get your unread notifications by e-mail when you have been away for a day."}</p>
<button type="submit" class="secondary">${e.digest ? "Turn off the digest" : "Turn on the digest"}</button>
</form>`
    : "";
  return `<section aria-labelledby="email-heading">
<h2 id="email-heading">E-mail address</h2>
<p>Your e-mail address is <strong>${esc(e.email)}</strong>.</p>
${pending}
<form method="post" action="/auth/security/email">
${hidden({ authenticity_token: csrf })}
<label for="email">New e-mail address</label>
<input type="email" id="email" name="email" autocomplete="email" autocapitalize="none" spellcheck="false" maxlength="320" required${e.mail ? ' aria-describedby="email-hint"' : ""}>
${e.mail ? '<p id="email-hint" class="muted">We send a link to the new address; the change takes effect when you follow it.</p>' : ""}
<label for="email_current_password">Current password</label>
<input type="password" id="email_current_password" name="current_password" autocomplete="current-password" required>
<button type="submit" class="primary">Change e-mail address</button>
</form>
${digest}
</section>`;
}

function twoFactorSection(since: number | null): string {
  const status = since
    ? `<p>Two-factor authentication is <strong>on</strong> (since ${timeTag(since)}). Logging in asks for a code from your authenticator app.</p>
<p><a href="/auth/two_factor">Manage two-factor authentication</a></p>`
    : `<p>Two-factor authentication is <strong>off</strong>. Turn it on so that a stolen password alone cannot open your account.</p>
<p><a href="/auth/two_factor">Set up two-factor authentication</a></p>`;
  return `<section aria-labelledby="two-factor-heading">
<h2 id="two-factor-heading">Two-factor authentication</h2>
${status}
</section>`;
}

function sessionItem(s: BrowserSession, csrf: string): string {
  const name = describeUserAgent(s.userAgent);
  const label = `Revoke ${name}${s.current ? " (this session)" : ""}, last seen ${new Date(s.lastSeenAt).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  return `<li>
<strong>${esc(name)}</strong>${s.current ? " <em>(this session)</em>" : ""}<br>
<span class="muted">IP ${esc(s.ip ?? "unknown")} · last seen ${timeTag(s.lastSeenAt)} · logged in ${timeTag(s.createdAt)}</span>
<form method="post" action="/auth/security/sessions/revoke">
${hidden({ authenticity_token: csrf, id: s.ref })}
<button type="submit" class="secondary" aria-label="${esc(label)}">Revoke</button>
</form>
</li>`;
}

/** The page body. */
export function overviewBody(d: OverviewData): string {
  return `${flash(d)}
${passwordSection(d.csrf)}
${d.email ? emailSection(d.csrf, d.email) : ""}
${twoFactorSection(d.twoFactorSince)}
<section aria-labelledby="sessions-heading">
<h2 id="sessions-heading">Browser sessions</h2>
<p>Browsers logged in to these pages and to the server's login form. Revoking one logs it out here; apps it authorized keep working until you revoke them too.</p>
<ul class="sessions">
${d.sessions.map((s) => sessionItem(s, d.csrf)).join("\n")}
</ul>
</section>
<section aria-labelledby="apps-heading">
<h2 id="apps-heading">Authorized apps</h2>
<p>Apps you allowed to use your account, including this server's web app on each device.</p>
<p><a href="/oauth/authorized_applications">Review authorized apps</a></p>
</section>
<form method="post" action="/auth/sign_out">
${hidden({ authenticity_token: d.csrf })}
<button type="submit" class="secondary">Log out of these pages</button>
</form>`;
}
