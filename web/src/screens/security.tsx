/**
 * Account security: explains the server's own security pages (password and browser sessions,
 * two-factor authentication, authorized apps) and links to them with full page loads, as
 * Mastodon's web app does; plus "Sign out of this browser".
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { useApp } from "../lib/state";
import "./security.css";

const PAGES: [href: string, label: string, about: string][] = [
  [
    "/auth/security",
    "Password and browser sessions",
    "Change your password, and see the browsers logged in to this server with when and where they were last used. Log out any you do not recognise.",
  ],
  [
    "/auth/two_factor",
    "Two-factor authentication",
    "Ask for a code from an authenticator app on your phone each time you log in, so a stolen password alone is not enough. You get recovery codes in case you lose the phone.",
  ],
  [
    "/oauth/authorized_applications",
    "Authorized apps",
    "See the apps that can use your account, with what they may do and when they were last used, and revoke any of them.",
  ],
];

/** The account security screen. */
export function Security(_p: Record<string, string>): JSX.Element {
  const app = useApp();
  const [busy, setBusy] = useState(false);
  const signOut = () => {
    setBusy(true);
    app.signOut();
  };
  return (
    <>
      <h1 class="screen-title">Account security</h1>
      <p class="security-lede">
        These settings live on the server's own pages, outside this app. They open in this tab; you may be asked for your password (and your
        two-factor code) first. Each page has a link back here.
      </p>
      <ul class="security-links">
        {PAGES.map(([href, label, about]) => (
          <li key={href}>
            <a href={href}>{label}</a>
            <p>{about}</p>
          </li>
        ))}
      </ul>
      <section class="security-signout" aria-labelledby="security-signout-title">
        <h2 id="security-signout-title">This browser</h2>
        <p>
          Signing out removes this app's access from this browser and ends its login on the server, so the next sign-in asks for your
          password again.
        </p>
        <button type="button" onClick={signOut} disabled={busy}>
          {busy ? "Signing out…" : "Sign out of this browser"}
        </button>
      </section>
    </>
  );
}
