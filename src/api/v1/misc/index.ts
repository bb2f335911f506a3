/**
 * Route group: small endpoints without a group of their own: preferences, custom emojis, the
 * user's domain blocks, trends, follow suggestions and the profile directory; announcements,
 * which Hearth does not have yet, answer the empty list so clients that load them at start-up work.
 */
import type { Router } from "../../../http/route";
import preferences from "./preferences";
import customEmojis from "./custom-emojis";
import domainBlocks from "./domain-blocks";
import announcements from "./announcements";
import trends from "./trends";
import suggestions from "./suggestions";
import directory from "./directory";

export default function register(r: Router): void {
  for (const g of [preferences, customEmojis, domainBlocks, announcements, trends, suggestions, directory]) g(r);
}
