/** Home, local, federated and hashtag timelines, and the bookmarks and favourites lists. */
import type { JSX } from "preact";
import { useCallback } from "preact/hooks";
import { Feed } from "../components/feed";
import { HomeTop } from "../components/home-top";
import { useApp } from "../lib/state";
import { TagActions } from "./followed-tags";

export type TimelineKind = "home" | "local" | "federated" | "bookmarks" | "favourites";

const TITLES: Record<TimelineKind, string> = {
  home: "Home",
  local: "Local timeline",
  federated: "Federated timeline",
  bookmarks: "Bookmarks",
  favourites: "Favourites",
};

/** One of the built-in timelines, with live updates where the streaming API has them. */
export function Timeline({ kind }: { kind: TimelineKind }): JSX.Element {
  const { client } = useApp();
  const source = useCallback(() => {
    const limit = 20;
    switch (kind) {
      case "home":
        return client.v1.timelines.home.list({ limit });
      case "local":
        return client.v1.timelines.public.list({ local: true, limit });
      case "federated":
        return client.v1.timelines.public.list({ limit });
      case "bookmarks":
        return client.v1.bookmarks.list({ limit });
      case "favourites":
        return client.v1.favourites.list({ limit });
    }
  }, [kind, client]);
  const stream =
    kind === "home"
      ? { name: "user" }
      : kind === "local"
        ? { name: "public:local" }
        : kind === "federated"
          ? { name: "public" }
          : undefined;
  const empty = {
    home: "Your home timeline is empty. Follow people to see their posts here.",
    local: "Nobody on this server has posted publicly yet.",
    federated: "No public posts yet.",
    bookmarks: "You have no bookmarks yet.",
    favourites: "You have not favourited any posts yet.",
  }[kind];
  const emptyAction = {
    home: { href: "/search", label: "Find people to follow" },
    local: undefined,
    federated: { href: "/local", label: "See the local timeline" },
    bookmarks: { href: "/home", label: "Go to your home timeline" },
    favourites: { href: "/home", label: "Go to your home timeline" },
  }[kind];
  return (
    <>
      <h1 class="screen-title">{TITLES[kind]}</h1>
      {kind === "home" && <HomeTop />}
      <Feed
        key={kind}
        source={source}
        stream={stream}
        acceptOwnPosts={kind === "home" || kind === "local" || kind === "federated"}
        context={kind === "home" ? "home" : kind === "local" || kind === "federated" ? "public" : undefined}
        label={TITLES[kind]}
        empty={empty}
        emptyAction={emptyAction}
        doing={`load the ${TITLES[kind].toLowerCase()}`}
      />
    </>
  );
}

/** Posts with a hashtag, live. */
export function TagTimeline({ tag }: { tag: string }): JSX.Element {
  const { client } = useApp();
  const source = useCallback(() => client.v1.timelines.tag.$select(tag).list({ limit: 20 }), [tag, client]);
  return (
    <>
      <h1 class="screen-title">#{tag}</h1>
      <TagActions tag={tag} />
      <Feed
        key={tag}
        source={source}
        stream={{ name: "hashtag", params: { tag } }}
        context="public"
        label={`Posts tagged #${tag}`}
        empty={`No posts tagged #${tag} yet.`}
        doing={`load posts tagged #${tag}`}
      />
    </>
  );
}
