/**
 * The custom emoji a page of statuses or accounts uses, in one query: shortcodes are scanned
 * from the text (as Mastodon's CustomEmoji.from_text) and looked up on the author's domain.
 */
import type { AppContext } from "../../context";
import { findEnabledCustomEmojis } from "../queries/custom-emojis";
import { shortcodesIn } from "../../text/custom-emoji";
import type { CustomEmojiRow } from "../../serializers/mastodon/custom-emoji";
import type { AccountRow } from "../rows";

/** Emoji rows keyed by `domain|shortcode` ('' for local). */
export type EmojiMap = Map<string, CustomEmojiRow>;

/** One text to look up: its shortcodes and its author's domain (null: local). */
export interface EmojiWant {
  codes: string[];
  domain: string | null;
}

/** The texts of an account that may hold shortcodes: display name, bio and profile fields. */
export function accountEmojiTexts(a: Pick<AccountRow, "display_name" | "note" | "fields">): string[] {
  return [a.display_name, a.note, a.fields];
}

/** Loads every emoji `wants` name, in one query (none when no text has a shortcode). */
export function loadEmojiMap(ctx: AppContext, wants: readonly EmojiWant[]): EmojiMap {
  const pairs = new Map<string, [string, string]>();
  for (const w of wants) for (const c of w.codes) pairs.set(`${w.domain ?? ""}|${c}`, [c, w.domain ?? ""]);
  const out: EmojiMap = new Map();
  if (pairs.size === 0) return out;
  for (const r of findEnabledCustomEmojis(ctx.db, [...pairs.values()])) out.set(`${r.domain ?? ""}|${r.shortcode}`, r);
  return out;
}

/** The emoji rows of one text's shortcodes found in `map`, in order of use. */
export function emojisOf(map: EmojiMap, w: EmojiWant): CustomEmojiRow[] {
  const out: CustomEmojiRow[] = [];
  for (const c of w.codes) {
    const r = map.get(`${w.domain ?? ""}|${c}`);
    if (r) out.push(r);
  }
  return out;
}

/** Shortcodes of an account's texts, as an EmojiWant. */
export function accountWant(a: Pick<AccountRow, "display_name" | "note" | "fields" | "domain">): EmojiWant {
  return { codes: shortcodesIn(...accountEmojiTexts(a)), domain: a.domain };
}
