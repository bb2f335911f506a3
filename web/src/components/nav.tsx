/**
 * Main navigation. On phones and narrow windows: a slim top bar (brand, New post) and a tab bar
 * fixed to the bottom (Home, Search, Notifications with the unread badge, More); More opens a
 * sheet with every other screen and Sign out. On wide screens: a compact, grouped sidebar that
 * fits 800 px of height with Sign out. The current screen is marked with aria-current.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useLocation } from "../lib/router";
import { useApp } from "../lib/state";
import { Avatar } from "./bits";
import { Icon } from "./icons";

/** True when the signed-in account's role may moderate (Mastodon's manage_reports permission, bit 1 << 4). */
function isStaff(me: object): boolean {
  const p = Number((me as { role?: { permissions?: string } }).role?.permissions ?? 0);
  return (p & 1) === 1 || (p & 16) === 16;
}

type Item = [href: string, label: string];

/** Whether `href` is the screen at `path` (Home is also "/"; sections own their sub-pages). */
function current(href: string, path: string): boolean {
  if (href === "/home") return path === "/home" || path === "/";
  if (href === "/settings") return path === "/settings";
  return path === href || (href !== "/accounts" && path.startsWith(`${href}/`) && href !== "/notifications");
}

/** The site header with navigation; `wide` picks the sidebar, otherwise the bottom tab bar. */
export function Nav({ unread, wide }: { unread: number; wide: boolean }): JSX.Element {
  const app = useApp();
  const loc = useLocation();
  const [more, setMore] = useState(false);
  useEffect(() => setMore(false), [loc.pathname]);
  const profile = `/accounts/${app.me.id}`;
  const badge = unread > 0 && (
    <span class="badge">
      <span class="visually-hidden">, </span>
      {unread}
      <span class="visually-hidden"> unread</span>
    </span>
  );
  const link = ([href, label]: Item, icon?: string, also?: string) => (
    <li key={href}>
      <a href={href} data-route aria-current={current(href, loc.pathname) || (also && current(also, loc.pathname)) ? "page" : undefined}>
        {icon && <Icon name={icon} size={22} />}
        <span class="nav-label">{label}</span>
        {href === "/notifications" && badge}
      </a>
    </li>
  );
  const groups: [string, Item[]][] = [
    [
      "Timelines",
      [
        ["/home", "Home"],
        ["/notifications", "Notifications"],
        ["/search", "Search"],
        ["/explore", "Explore"],
        ["/conversations", "Conversations"],
        ["/local", "Local"],
        ["/federated", "Federated"],
      ],
    ],
    [
      "Library",
      [
        ["/bookmarks", "Bookmarks"],
        ["/favourites", "Favourites"],
        ["/lists", "Lists"],
        ["/followed-tags", "Followed hashtags"],
      ],
    ],
    [
      "You",
      [
        [profile, "Profile"],
        ["/follow-requests", "Follow requests"],
        ["/settings/profile", "Edit profile"],
        ["/settings/preferences", "Preferences"],
        ["/settings", "Settings"],
        ...(isStaff(app.me) ? ([["/admin", "Moderation"]] as Item[]) : []),
      ],
    ],
  ];
  const signOut = (
    <button type="button" class="link sign-out" onClick={() => app.signOut()}>
      Sign out
    </button>
  );

  if (wide) {
    return (
      <header class="site-header sidebar">
        <div class="brand-row">
          <a class="brand" href="/home" data-route>
            <img src="/icon.svg" alt="" width={24} height={24} /> <span>{app.instance?.title || "Hearth"}</span>
          </a>
        </div>
        <nav aria-label="Main">
          {groups.map(([title, items], i) => (
            <div class="nav-group" key={title}>
              <h2 class="nav-group-title" id={`nav-group-${i}`}>
                {title}
              </h2>
              <ul aria-labelledby={`nav-group-${i}`}>{items.map((it) => link(it))}</ul>
            </div>
          ))}
        </nav>
        <div class="me-row">
          <Avatar account={app.me} size={28} />
          <span class="acct">@{app.me.acct}</span>
          {signOut}
        </div>
      </header>
    );
  }

  const tabs: Item[] = [
    ["/home", "Home"],
    // Search and Explore share a tab on phones: Explore, with its search box.
    ["/explore", "Search"],
    ["/notifications", "Notifications"],
  ];
  const tabHrefs = new Set([...tabs.map(([h]) => h), "/search"]);
  const rest = groups.flatMap(([, items]) => items).filter(([h]) => !tabHrefs.has(h));
  const inMore = rest.some(([h]) => current(h, loc.pathname));
  return (
    <header class="site-header phone">
      <div class="brand-row">
        <a class="brand" href="/home" data-route>
          <img src="/icon.svg" alt="" width={24} height={24} /> <span>{app.instance?.title || "Hearth"}</span>
        </a>
        <a class="button primary compose-link" href="/compose" data-route>
          New post
        </a>
      </div>
      <nav aria-label="Main" class="tab-bar">
        <ul class="tabs">
          {link(tabs[0]!, "home")}
          {link(tabs[1]!, "search", "/search")}
          {link(tabs[2]!, "bell")}
          <li>
            <button
              type="button"
              class={`more-tab${inMore ? " current" : ""}`}
              aria-expanded={more}
              aria-controls="more-sheet"
              onClick={() => setMore(!more)}
            >
              <Icon name="menu" size={22} />
              <span class="nav-label">More</span>
            </button>
          </li>
        </ul>
        <div id="more-sheet" class="more-sheet" hidden={!more}>
          <ul>{rest.map((it) => link(it))}</ul>
          <div class="me-row">
            <Avatar account={app.me} size={28} />
            <span class="acct">@{app.me.acct}</span>
            {signOut}
          </div>
        </div>
      </nav>
    </header>
  );
}
