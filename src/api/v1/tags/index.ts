/** Route group: hashtags (/api/v1/tags/:name and its actions, followed_tags, featured_tags, accounts/:id/featured_tags). */
import type { Router } from "../../../http/route";
import show from "./show";
import follow from "./follow";
import feature from "./feature";
import followedTags from "./followed-tags";
import featuredTags from "./featured-tags";
import accountFeaturedTags from "./account-featured-tags";

export default function register(r: Router): void {
  for (const g of [show, follow, feature, followedTags, featuredTags, accountFeaturedTags]) g(r);
}
