/**
 * The Explore screen: a search box and five tabs. Posts (GET /api/v1/trends/statuses), Hashtags
 * (/api/v1/trends/tags, with use counts and a week's sparkline), News (/api/v1/trends/links as
 * link cards), For you (GET /api/v2/suggestions with Follow and DELETE /api/v1/suggestions/:id)
 * and Directory (/api/v1/directory, active or new, local only). Each empty tab says why and what to do.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { navigate } from "../../lib/router";
import { Directory, ForYou } from "./people";
import { TrendingLinks, TrendingPosts, TrendingTags } from "./trends";
import "./explore.css";

const TABS: [key: string, path: string, label: string][] = [
  ["posts", "/explore", "Posts"],
  ["tags", "/explore/tags", "Hashtags"],
  ["links", "/explore/links", "News"],
  ["suggestions", "/explore/suggestions", "For you"],
  ["directory", "/explore/directory", "Directory"],
];

/** Explore with the tab named by the URL (posts when none). */
export function ExploreScreen({ tab = "posts" }: { tab?: string }): JSX.Element {
  const [q, setQ] = useState("");
  const current = TABS.some(([k]) => k === tab) ? tab : "posts";
  return (
    <div class="explore">
      <h1 class="screen-title">Explore</h1>
      <form
        role="search"
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim()) navigate(`/search?q=${encodeURIComponent(q.trim())}`);
        }}
      >
        <label for="explore-q" class="visually-hidden">
          Search people, hashtags or posts
        </label>
        <input
          id="explore-q"
          type="search"
          placeholder="Search or paste a handle or URL"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
        <button type="submit">Search</button>
      </form>
      <nav class="tabs explore-tabs" aria-label="Explore">
        {TABS.map(([key, path, label]) => (
          <a key={key} href={path} data-route aria-current={key === current ? "page" : undefined}>
            {label}
          </a>
        ))}
      </nav>
      {current === "posts" && <TrendingPosts />}
      {current === "tags" && <TrendingTags />}
      {current === "links" && <TrendingLinks />}
      {current === "suggestions" && <ForYou />}
      {current === "directory" && <Directory />}
    </div>
  );
}
