/**
 * Route group: small endpoints without a group of their own (preferences, custom emojis), and
 * the read endpoints of features Hearth does not have yet (domain blocks, announcements,
 * trends, suggestions, directory), which answer the empty list a server without such data
 * gives, so clients that load them at start-up (Elk, Phanpy, Ivory…) work. Creating those
 * things still answers 404.
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
