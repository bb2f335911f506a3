/** Form pieces shared by the account security pages and the OAuth login: hidden fields and the login form. */
import { esc } from "../text/escape";

/** Hidden inputs for a form (names and values escaped). */
export function hidden(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("\n");
}

/** Under the login forms: "Forgot your password?" and "resend the confirmation", when the server sends mail. */
export function mailHelpLinks(mail: boolean): string {
  if (!mail) return "";
  return `<p class="muted"><a href="/auth/password/new">Forgot your password?</a></p>
<p class="muted"><a href="/auth/confirmation/new">Didn't receive a confirmation e-mail?</a></p>`;
}

/** The username/password form shared by the OAuth login and the account security sign-in. */
export function loginForm(action: string, fields: Record<string, string>, login = ""): string {
  return `<form method="post" action="${esc(action)}">
${hidden(fields)}
<label for="login">Email address or username</label>
<input type="text" id="login" name="login" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${esc(login)}">
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" class="primary">Log in</button>
</form>`;
}
