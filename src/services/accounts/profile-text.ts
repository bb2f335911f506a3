/** Turns profile text (bio, field values) into the HTML stored next to the source. */
import type { AppContext } from "../../context";
import { formatText } from "../../text/format";
import { mentionLookup } from "../../db/queries/accounts";

/** Bio HTML: paragraphs, links, mentions and hashtags; empty text stays empty. */
export function noteHtml(ctx: AppContext, text: string): string {
  return text.trim() === "" ? "" : formatText(ctx, text, mentionLookup(ctx.db)).html;
}

/** Field value HTML: like the bio but inline (no surrounding paragraph). */
export function fieldValueHtml(ctx: AppContext, text: string): string {
  if (text.trim() === "") return "";
  const html = formatText(ctx, text, mentionLookup(ctx.db)).html;
  const m = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return m && !m[1]!.includes("</p>") ? m[1]! : html;
}
