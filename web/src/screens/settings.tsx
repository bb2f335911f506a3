/** Settings hub: links to every settings screen (profile, preferences, filters, import/export, security). */
import type { JSX } from "preact";

const ENTRIES: [href: string, label: string, about: string][] = [
  ["/settings/profile", "Edit profile", "Name, bio, avatar, header and profile fields."],
  ["/settings/preferences", "Preferences", "Posting defaults and how posts are shown."],
  [
    "/settings/notifications",
    "Push notifications",
    "Notifications on this device, even when Hearth is closed: which kinds, and from whom.",
  ],
  ["/settings/filters", "Filters", "Hide or warn about posts with words you choose."],
  ["/scheduled", "Scheduled posts", "Posts waiting to be published."],
  ["/settings/import-export", "Import and export", "Move follows, blocks, mutes, lists and bookmarks between servers."],
  ["/settings/security", "Account security", "Password, two-factor authentication, sessions and authorized apps."],
];

/** The settings hub screen. */
export function Settings(): JSX.Element {
  return (
    <>
      <h1 class="screen-title">Settings</h1>
      <ul class="settings-hub">
        {ENTRIES.map(([href, label, about]) => (
          <li key={href}>
            <a href={href} data-route>
              {label}
            </a>
            <p>{about}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
