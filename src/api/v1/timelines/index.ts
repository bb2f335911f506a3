/** Route group: timelines (home, public, tag, link), favourites and bookmarks lists, markers. */
import type { Router } from "../../../http/route";
import home from "./home";
import publicTimeline from "./public";
import tagTimeline from "./tag";
import linkTimeline from "./link";
import favourites from "./favourites";
import bookmarks from "./bookmarks";
import markers from "./markers";

/** Registers this group's endpoints. */
export default function register(r: Router): void {
  for (const g of [home, publicTimeline, tagTimeline, linkTimeline, favourites, bookmarks, markers]) g(r);
}
