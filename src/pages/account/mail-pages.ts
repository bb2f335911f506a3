/** HTML of the pages reached from mail or leading to it: forgot password, set a new password, confirm or resend a confirmation. */
import { hidden } from "../forms";
import { esc, layout } from "../layout";
import { flash } from "./chrome";

/** A page with a heading, an optional message box and `body` (already escaped). */
function page(site: string, heading: string, body: string, msg: { notice?: string; error?: string } = {}): string {
  return layout(
    `${heading} - ${site}`,
    `
<h1>${esc(heading)}</h1>
${flash(msg)}
${body}`,
  );
}

/** "Forgot your password?": asks for the account's e-mail address. */
export function forgotPasswordPage(o: { site: string; fields: Record<string, string>; mail: boolean; error?: string }): string {
  if (!o.mail)
    return page(
      o.site,
      "Forgot your password?",
      `<p>This server does not send e-mail. Ask its administrator to reset your password.</p>
<p><a href="/auth/sign_in">Back to log in</a></p>`,
    );
  return page(
    o.site,
    "Forgot your password?",
    `<p>Enter the e-mail address of your account. We will send you a link to choose a new password.</p>
<form method="post" action="/auth/password">
${hidden(o.fields)}
<label for="email">E-mail address</label>
<input type="email" id="email" name="email" autocomplete="email" autocapitalize="none" spellcheck="false" maxlength="320" required autofocus>
<button type="submit" class="primary">Send the link</button>
</form>
<p class="muted"><a href="/auth/sign_in">Back to log in</a></p>`,
    { error: o.error },
  );
}

/** The same answer whether or not the address has an account (Devise's paranoid mode). */
export function mailSentPage(o: { site: string; what: "reset" | "confirmation" }): string {
  const text =
    o.what === "reset"
      ? "If your e-mail address exists in our database, you will receive a password recovery link at your e-mail address in a few minutes."
      : "If your e-mail address exists in our database and awaits confirmation, you will receive a new confirmation link in a few minutes.";
  return page(o.site, "Check your e-mail", `<p>${esc(text)}</p>\n<p class="muted">Check your spam folder if it does not arrive.</p>`);
}

/** The form behind a reset link: the new password twice. */
export function newPasswordPage(o: { site: string; fields: Record<string, string>; error?: string }): string {
  return page(
    o.site,
    "Choose a new password",
    `<form method="post" action="/auth/password/edit">
${hidden(o.fields)}
<label for="password">New password</label>
<input type="password" id="password" name="password" autocomplete="new-password" minlength="8" maxlength="72" required autofocus aria-describedby="password-hint">
<p id="password-hint" class="muted">At least 8 characters. Setting it logs you out of every app and browser.</p>
<label for="password_confirmation">Confirm new password</label>
<input type="password" id="password_confirmation" name="password_confirmation" autocomplete="new-password" minlength="8" maxlength="72" required>
<button type="submit" class="primary">Change password</button>
</form>`,
    { error: o.error },
  );
}

/** A page that only says something (link used, password changed, address confirmed…), with a link onwards. */
export function messagePage(o: {
  site: string;
  heading: string;
  notice?: string;
  error?: string;
  link: [href: string, label: string];
}): string {
  return page(o.site, o.heading, `<p><a href="${esc(o.link[0])}">${esc(o.link[1])}</a></p>`, { notice: o.notice, error: o.error });
}

/** "Didn't receive the confirmation e-mail?": asks for the address to send it to again. */
export function resendConfirmationPage(o: { site: string; fields: Record<string, string> }): string {
  return page(
    o.site,
    "Resend the confirmation e-mail",
    `<form method="post" action="/auth/confirmation">
${hidden(o.fields)}
<label for="email">E-mail address</label>
<input type="email" id="email" name="email" autocomplete="email" autocapitalize="none" spellcheck="false" maxlength="320" required autofocus>
<button type="submit" class="primary">Resend</button>
</form>
<p class="muted"><a href="/auth/sign_in">Back to log in</a></p>`,
  );
}
