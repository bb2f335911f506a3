/**
 * Custom emoji: `:shortcode:` in names, content warnings, poll options and post content shown as
 * the server's images (Account.emojis, Status.emojis), each with alt=":shortcode:" so copying and
 * screen readers keep the text.
 */
import type { JSX } from "preact";

/** The part of Mastodon's CustomEmoji the client renders. */
export interface EmojiRef {
  shortcode: string;
  url: string;
  staticUrl?: string | null;
}

const CODE = /:([a-zA-Z0-9_]{2,}):/g;

function byCode(emojis: readonly EmojiRef[] | undefined): Map<string, EmojiRef> {
  return new Map((emojis ?? []).filter((e) => /^(https?:|\/)/i.test(e.url)).map((e) => [e.shortcode, e]));
}

/** `text` with each known `:shortcode:` as an inline image; plain text when there are none. */
export function EmojiText({ text, emojis }: { text: string; emojis?: readonly EmojiRef[] }): JSX.Element {
  const map = byCode(emojis);
  if (!map.size || !text.includes(":")) return <>{text}</>;
  const out: (string | JSX.Element)[] = [];
  let last = 0;
  for (const m of text.matchAll(CODE)) {
    const e = map.get(m[1]!);
    if (!e) continue;
    out.push(text.slice(last, m.index));
    out.push(<img key={m.index} class="custom-emoji" src={e.url} alt={`:${e.shortcode}:`} title={`:${e.shortcode}:`} draggable={false} />);
    last = m.index! + m[0].length;
  }
  out.push(text.slice(last));
  return <>{out}</>;
}

/** Sanitized HTML with known `:shortcode:`s in its text (not in attributes) turned into images. */
export function emojifyHtml(html: string, emojis?: readonly EmojiRef[]): string {
  const map = byCode(emojis);
  if (!map.size || !html.includes(":")) return html;
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  const walker = document.createTreeWalker(tpl.content, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
  for (const t of texts) {
    const value = t.data;
    if (!value.includes(":")) continue;
    const parts: Node[] = [];
    let last = 0;
    for (const m of value.matchAll(CODE)) {
      const e = map.get(m[1]!);
      if (!e) continue;
      parts.push(document.createTextNode(value.slice(last, m.index)));
      const img = document.createElement("img");
      img.className = "custom-emoji";
      img.src = e.url;
      img.alt = img.title = `:${e.shortcode}:`;
      img.draggable = false;
      parts.push(img);
      last = m.index! + m[0].length;
    }
    if (!parts.length) continue;
    parts.push(document.createTextNode(value.slice(last)));
    t.replaceWith(...parts);
  }
  return tpl.innerHTML;
}
