/** HTML of /auth/two_factor: the setup steps (QR code, key, confirm), the recovery codes, and the "on" state. */
import { renderSVG } from "uqr";
import { hidden } from "../forms";
import { esc } from "../layout";
import { flash, timeTag } from "./chrome";

/** The QR code of an otpauth:// URI as inline SVG (no script, no external image). */
function qrSvg(uri: string): string {
  return renderSVG(uri, { ecc: "M", border: 2, pixelSize: 4 }).replace(
    "<svg ",
    `<svg role="img" aria-label="QR code for your authenticator app" width="220" height="220" style="display:block;margin:1rem auto;max-width:100%;height:auto" `,
  );
}

/** Setup: scan or type the key, then confirm with a code. */
export function setupBody(o: { csrf: string; secret: string; uri: string; notice?: string; error?: string }): string {
  const grouped = o.secret.replace(/(.{4})/g, "$1 ").trim();
  return `${flash(o)}
<p>Two-factor authentication is <strong>off</strong>. With it on, logging in needs your password and a 6-digit code from an authenticator app on your phone (for example Aegis, FreeOTP, Google Authenticator or 1Password).</p>
<h2>1. Add this account to your app</h2>
<p>Scan the QR code with your authenticator app:</p>
${qrSvg(o.uri)}
<p>Or enter this key by hand (time-based, 6 digits, every 30 seconds):</p>
<p><code id="otp-secret">${esc(grouped)}</code></p>
<details><summary>Setup link (otpauth URI)</summary><p><code id="otp-uri">${esc(o.uri)}</code></p></details>
<h2>2. Confirm with a code and your password</h2>
<form method="post" action="/auth/two_factor">
${hidden({ authenticity_token: o.csrf })}
<label for="code">Code from the app</label>
<input type="text" id="code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="10" required aria-describedby="code-hint">
<p id="code-hint" class="muted">The 6 digits your app shows now for this account.</p>
<label for="enable-password">Your password</label>
<input type="password" id="enable-password" name="password" autocomplete="current-password" required>
<button type="submit" class="primary">Turn on two-factor authentication</button>
</form>`;
}

/** The recovery codes, shown once after setup or after making new ones. */
export function recoveryCodesBody(o: { codes: string[]; justEnabled: boolean }): string {
  const intro = o.justEnabled
    ? `<p role="status">Two-factor authentication is now <strong>on</strong>.</p>`
    : `<p role="status">Your old recovery codes no longer work.</p>`;
  return `${intro}
<h2>Your recovery codes</h2>
<p>If you lose your phone, each of these codes lets you log in once instead of a code from the app. Save them somewhere safe (print them or keep them in a password manager): <strong>they are shown only this once.</strong></p>
<ul id="recovery-codes">
${o.codes.map((c) => `<li><code>${esc(c)}</code></li>`).join("\n")}
</ul>
<p><a href="/auth/security">Done, back to account security</a></p>`;
}

/** 2FA is on: status, new recovery codes, turn off. */
export function enabledBody(o: { csrf: string; since: number; codesLeft: number; notice?: string; error?: string }): string {
  return `${flash(o)}
<p>Two-factor authentication is <strong>on</strong> since ${timeTag(o.since)}. You have ${o.codesLeft} unused recovery ${o.codesLeft === 1 ? "code" : "codes"}.</p>
<h2>New recovery codes</h2>
<p>Makes 10 new codes; the old ones stop working.</p>
<form method="post" action="/auth/two_factor/recovery_codes">
${hidden({ authenticity_token: o.csrf })}
<label for="recovery-code">Code from the app</label>
<input type="text" id="recovery-code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="20" required>
<button type="submit" class="secondary">Make new recovery codes</button>
</form>
<h2>Turn off two-factor authentication</h2>
<p>Needs your password and a code from the app (or a recovery code).</p>
<form method="post" action="/auth/two_factor/disable">
${hidden({ authenticity_token: o.csrf })}
<label for="disable-password">Password</label>
<input type="password" id="disable-password" name="password" autocomplete="current-password" required>
<label for="disable-code">Code from the app or a recovery code</label>
<input type="text" id="disable-code" name="code" autocomplete="one-time-code" autocapitalize="none" spellcheck="false" maxlength="20" required>
<button type="submit" class="secondary">Turn off two-factor authentication</button>
</form>`;
}
