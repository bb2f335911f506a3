/**
 * Hints for Mastodon's search operators (from:, has:, is:, language:, before:/after:/during:,
 * in:library|public, "phrase", -word), shown under the search box while typing: the ones that
 * match the word at the caret, each with a short explanation, inserted by click or by keyboard
 * (arrows, then Enter or Tab; Escape closes).
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import "./search-hints.css";

interface Hint {
  /** What is inserted in place of the word at the caret. */
  insert: string;
  /** The operator as shown. */
  label: string;
  explain: string;
  /** Where the caret goes, counted from the end of `insert` (for "…" it goes inside the quotes). */
  back?: number;
}

/** Mastodon's operators (docs: "Search" in the user guide), in its order. */
export const SEARCH_HINTS: Hint[] = [
  { insert: "from:", label: "from:", explain: "Posts by one account: from:@name or from:me" },
  { insert: "has:", label: "has:", explain: "Posts with media, image, video, audio, poll, link or embed" },
  { insert: "is:", label: "is:", explain: "Posts that are a reply or sensitive: is:reply, is:sensitive" },
  { insert: "language:", label: "language:", explain: "Posts in a language, by its code: language:en" },
  { insert: "before:", label: "before:", explain: "Posts before a day: before:2025-01-31" },
  { insert: "after:", label: "after:", explain: "Posts after a day: after:2025-01-01" },
  { insert: "during:", label: "during:", explain: "Posts on one day: during:2025-06-15" },
  { insert: "in:library", label: "in:library", explain: "Only posts you wrote, boosted, favourited, bookmarked or were mentioned in" },
  { insert: "in:public", label: "in:public", explain: "All public posts this server can search" },
  { insert: '""', label: '"phrase"', explain: "Posts with these exact words in this order", back: 1 },
  { insert: "-", label: "-word", explain: "Leave out posts with this word (or -has:, -from:…)" },
];

/** The word at the caret: its start and text. */
function wordAt(value: string, caret: number): { start: number; word: string } {
  const start = value.slice(0, caret).search(/\S*$/);
  return { start, word: value.slice(start, caret) };
}

/** The values Mastodon knows after has: and is:, with what each finds. */
const VALUES: Hint[] = [
  ["has:media", "Posts with any attachment"],
  ["has:image", "Posts with an image"],
  ["has:video", "Posts with a video"],
  ["has:audio", "Posts with audio"],
  ["has:poll", "Posts with a poll"],
  ["has:link", "Posts with a link"],
  ["has:embed", "Posts with an embedded video"],
  ["is:reply", "Replies"],
  ["is:sensitive", "Posts marked sensitive or behind a content warning"],
].map(([insert, explain]) => ({ insert: insert!, label: insert!, explain: explain! }));

/** The hints that fit `word`: every operator for an empty word, matching operators, or has:/is: values. */
function matching(word: string): Hint[] {
  const w = word.toLowerCase().replace(/^-/, "");
  if (!w) return word === "-" ? [] : SEARCH_HINTS;
  if (w.startsWith('"')) return [];
  if (/^(has|is):/.test(w)) return VALUES.filter((h) => h.label.startsWith(w) && h.label !== w);
  return SEARCH_HINTS.filter((h) => /^[a-z]/.test(h.label) && h.label.startsWith(w) && h.label !== w);
}

/**
 * Hint state for a search input: props for the input (combobox wiring, key handling) and the
 * list to render under it. `set` receives the new value and caret after an insertion.
 */
export function useSearchHints(value: string, set: (value: string, caret: number) => void) {
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(-1);
  const [dismissed, setDismissed] = useState(false);
  const token = caret === null ? null : wordAt(value, Math.min(caret, value.length));
  const items = token && !dismissed ? matching(token.word) : [];
  const open = items.length > 0;

  const track = (el: HTMLInputElement) => {
    setCaret(el.selectionStart ?? el.value.length);
    setActive(-1);
  };
  const choose = (h: Hint) => {
    if (!token) return;
    const neg = token.word.startsWith("-") && h.insert !== "-" ? "-" : "";
    const insert = neg + h.insert;
    const next = value.slice(0, token.start) + insert + value.slice(token.start + token.word.length);
    const at = token.start + insert.length - (h.back ?? 0);
    setDismissed(!h.insert.endsWith(":") && h.insert !== "-" && !h.back);
    setActive(-1);
    setCaret(at);
    set(next, at);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      setActive((i) => (e.key === "ArrowDown" ? (i + 1) % items.length : i <= 0 ? items.length - 1 : i - 1));
    } else if ((e.key === "Enter" || e.key === "Tab") && active >= 0) {
      choose(items[active]!);
    } else if (e.key === "Escape") {
      setDismissed(true);
    } else return;
    e.preventDefault();
  };

  return {
    inputProps: {
      role: "combobox" as const,
      "aria-expanded": open,
      "aria-autocomplete": "list" as const,
      "aria-controls": "search-hints",
      "aria-activedescendant": open && active >= 0 ? `search-hint-${active}` : undefined,
      onKeyDown,
      onKeyUp: (e: KeyboardEvent) => {
        if (e.key.startsWith("Arrow") && e.key !== "ArrowDown" && e.key !== "ArrowUp") track(e.currentTarget as HTMLInputElement);
      },
      onInput: (e: Event) => {
        setDismissed(false);
        track(e.currentTarget as HTMLInputElement);
      },
      onFocus: (e: Event) => track(e.currentTarget as HTMLInputElement),
      onClick: (e: Event) => track(e.currentTarget as HTMLInputElement),
      onBlur: () => setTimeout(() => setCaret(null), 150),
    },
    list: (
      <div class="search-hints-wrap">
        {open && (
          <>
            <p class="visually-hidden" role="status">
              {items.length} search operators. Use the up and down arrows and Enter to insert one.
            </p>
            <ul id="search-hints" class="search-hints" role="listbox" aria-label="Search operators">
              {items.map((h, i) => (
                <li
                  key={h.label}
                  id={`search-hint-${i}`}
                  role="option"
                  aria-selected={i === active}
                  class={i === active ? "active" : ""}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(h);
                  }}
                >
                  <code>{h.label}</code> <span class="hint-explain">{h.explain}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    ),
  };
}
