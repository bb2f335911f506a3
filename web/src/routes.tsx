/** Client routes → screens. Paths avoid the server's own (/@user pages, /users, /api, /oauth…). */
import type { JSX } from "preact";
import { Compose } from "./components/compose";
import { match, navigate } from "./lib/router";
import { useApp } from "./lib/state";
import { Conversations } from "./screens/conversations";
import { EditProfile } from "./screens/edit-profile";
import { FollowRequests } from "./screens/follow-requests";
import { Notifications } from "./screens/notifications";
import { NotificationRequests } from "./screens/notification-requests";
import { Preferences } from "./screens/preferences";
import { Profile } from "./screens/profile";
import { Search } from "./screens/search";
import { Explore } from "./screens/explore";
import { Thread } from "./screens/thread";
import { Lists } from "./screens/lists";
import { ListTimeline } from "./screens/list-timeline";
import { Filters } from "./screens/filters";
import { FollowedTags } from "./screens/followed-tags";
import { Scheduled } from "./screens/scheduled";
import { ImportExport } from "./screens/import-export";
import { Security } from "./screens/security";
import { Admin } from "./screens/admin";
import { Settings } from "./screens/settings";
import { TagTimeline, Timeline } from "./screens/timelines";
import { lazyScreen } from "./lib/lazy";

// Screens in their own chunks (loaded on first visit).
const PushSettings = lazyScreen(() => import("./screens/push/screen"), "PushSettings", "Push notifications");
const Onboarding = lazyScreen(() => import("./screens/onboarding/screen"), "Onboarding", "Welcome to Hearth");

type Render = (p: Record<string, string>, loc: URL) => JSX.Element;

const ROUTES: [string, Render][] = [
  ["/", () => <Timeline kind="home" />],
  ["/home", () => <Timeline kind="home" />],
  ["/local", () => <Timeline kind="local" />],
  ["/federated", () => <Timeline kind="federated" />],
  ["/bookmarks", () => <Timeline kind="bookmarks" />],
  ["/favourites", () => <Timeline kind="favourites" />],
  ["/notifications", () => <Notifications />],
  ["/notifications/requests", (p) => <NotificationRequests {...p} />],
  ["/conversations", () => <Conversations />],
  ["/search", (_p, loc) => <Search q={loc.searchParams.get("q") ?? ""} />],
  ["/explore", () => <Explore />],
  ["/explore/:tab", (p) => <Explore tab={p.tab} />],
  ["/tags/:tag", (p) => <TagTimeline tag={p.tag!} />],
  ["/statuses/:id", (p) => <Thread id={p.id!} />],
  ["/accounts/:id", (p) => <Profile id={p.id!} tab="posts" />],
  ["/accounts/:id/media", (p) => <Profile id={p.id!} tab="media" />],
  ["/accounts/:id/followers", (p) => <Profile id={p.id!} tab="followers" />],
  ["/accounts/:id/following", (p) => <Profile id={p.id!} tab="following" />],
  ["/follow-requests", () => <FollowRequests />],
  ["/settings/profile", () => <EditProfile />],
  ["/settings/preferences", () => <Preferences />],
  ["/settings", () => <Settings />],
  ["/settings/filters", (p) => <Filters {...p} />],
  ["/settings/import-export", (p) => <ImportExport {...p} />],
  ["/settings/security", (p) => <Security {...p} />],
  ["/settings/notifications", () => <PushSettings />],
  ["/start", () => <Onboarding />],
  ["/lists", (p) => <Lists {...p} />],
  ["/lists/:id", (p) => <ListTimeline {...p} />],
  ["/followed-tags", (p) => <FollowedTags {...p} />],
  ["/scheduled", (p) => <Scheduled {...p} />],
  ["/admin", (p) => <Admin {...p} />],
  ["/admin/:section", (p) => <Admin {...p} />],
  ["/admin/:section/:id", (p) => <Admin {...p} />],
  ["/compose", () => <ComposeScreen />],
];

function ComposeScreen(): JSX.Element {
  const { editing } = useApp();
  return (
    <>
      <h1 class="screen-title">{editing && !editing.mention ? (editing.redraft ? "Redraft post" : "Edit post") : "New post"}</h1>
      <Compose autoFocus onPosted={() => (history.length > 1 ? history.back() : navigate("/home"))} />
    </>
  );
}

/** Renders the screen for the current location, or a not-found message. */
export function Routes({ loc }: { loc: URL }): JSX.Element {
  for (const [pattern, render] of ROUTES) {
    const p = match(pattern, loc.pathname);
    if (p) return render(p, loc);
  }
  return (
    <>
      <h1 class="screen-title">Page not found</h1>
      <p>
        There is nothing at this address.{" "}
        <a href="/home" data-route>
          Go to your home timeline
        </a>
        .
      </p>
    </>
  );
}
