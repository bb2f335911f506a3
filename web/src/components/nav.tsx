/** Main navigation: the screens, the unread badge, compose (on small screens) and sign out. */
import type { JSX } from "preact";
import { useLocation } from "../lib/router";
import { useApp } from "../lib/state";
import { Avatar } from "./bits";

/** True when the signed-in account's role may moderate (Mastodon's manage_reports permission, bit 1 << 4). */
function isStaff(me: object): boolean {
  const p = Number((me as { role?: { permissions?: string } }).role?.permissions ?? 0);
  return (p & 1) === 1 || (p & 16) === 16;
}

/** The site header with navigation links. */
export function Nav({ unread }: { unread: number }): JSX.Element {
  const app = useApp();
  const loc = useLocation();
  const link = (href: string, label: string, extra?: JSX.Element | false) => (
    <li>
      <a href={href} data-route aria-current={loc.pathname === href || (href === "/home" && loc.pathname === "/") ? "page" : undefined}>
        {label}
        {extra}
      </a>
    </li>
  );
  return (
    <header class="site-header">
      <div class="brand-row">
        <a class="brand" href="/home" data-route>
          <img src="/icon.svg" alt="" width={28} height={28} /> <span>{app.instance?.title || "Hearth"}</span>
        </a>
        <a class="button primary compose-link" href="/compose" data-route>
          New post
        </a>
      </div>
      <nav aria-label="Main">
        <ul>
          {link("/home", "Home")}
          {link(
            "/notifications",
            "Notifications",
            unread > 0 && (
              <span class="badge">
                <span class="visually-hidden">, </span>
                {unread}
                <span class="visually-hidden"> unread</span>
              </span>
            ),
          )}
          {link("/conversations", "Conversations")}
          {link("/local", "Local")}
          {link("/federated", "Federated")}
          {link("/search", "Search")}
          {link("/bookmarks", "Bookmarks")}
          {link("/favourites", "Favourites")}
          {link("/lists", "Lists")}
          {link("/followed-tags", "Followed hashtags")}
          {link("/follow-requests", "Follow requests")}
          {link(`/accounts/${app.me.id}`, "Profile")}
          {link("/settings/profile", "Edit profile")}
          {link("/settings/preferences", "Preferences")}
          {link("/settings", "Settings")}
          {isStaff(app.me) && link("/admin", "Moderation")}
        </ul>
      </nav>
      <div class="me-row">
        <Avatar account={app.me} size={32} />
        <span class="acct">@{app.me.acct}</span>
        <button type="button" class="link" onClick={() => app.signOut()}>
          Sign out
        </button>
      </div>
    </header>
  );
}
