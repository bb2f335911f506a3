/** HTML of the login forms: the password form of /auth/sign_in and the two-factor code form (also used by /oauth/authorize). */
import { hidden, loginForm, mailHelpLinks } from "../forms";
import { esc, layout } from "../layout";

function errorBox(error: string | undefined): string {
  return error ? `<p class="error" role="alert">${esc(error)}</p>` : "";
}

/** The password form for the account security pages. */
export function signInPage(o: { site: string; fields: Record<string, string>; error?: string; login?: string; mail?: boolean }): string {
  return layout(
    `Log in - ${o.site}`,
    `
<p class="muted"><a href="/settings">Back to Hearth</a></p>
<h1>Log in to ${esc(o.site)}</h1>
<p>Log in again to manage your account security.</p>
${errorBox(o.error)}
${loginForm("/auth/sign_in", o.fields, o.login)}
${mailHelpLinks(!!o.mail)}`,
  );
}

/** The second step: a code from the authenticator app or a recovery code; `action` is where the form posts. */
export function otpPage(o: { site: string; action: string; fields: Record<string, string>; error?: string }): string {
  return layout(
    `Two-factor authentication - ${o.site}`,
    `
<h1>Two-factor authentication</h1>
<p>Enter the 6-digit code from your authenticator app. If you lost your phone, enter one of your recovery codes instead.</p>
${errorBox(o.error)}
<form method="post" action="${esc(o.action)}">
${hidden(o.fields)}
<label for="otp_attempt">Two-factor code</label>
<input type="text" id="otp_attempt" name="otp_attempt" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="20" required autofocus>
<button type="submit" class="primary">Verify</button>
</form>
<p class="muted">Lost your phone and your recovery codes? Ask the administrator of this server.</p>`,
  );
}
