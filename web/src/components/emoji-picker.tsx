/**
 * The custom emoji picker for the composer: the server's emojis (GET /api/v1/custom_emojis) in a
 * searchable "Custom" section, grouped by category; picking one inserts `:shortcode:`. Hidden when
 * the server has none.
 */
import type { JSX } from "preact";
import { Icon } from "./icons";
import "./emoji-picker.css";
import { useEffect, useRef, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";

type Emoji = mastodon.v1.CustomEmoji;
let cache: Promise<Emoji[]> | null = null;
const UNCATEGORIZED = "Uncategorized";

/** The emojis by category (Mastodon's CustomEmoji.category), named categories first, A–Z. */
function groups(list: Emoji[]): [string, Emoji[]][] {
  const by = new Map<string, Emoji[]>();
  for (const e of list) {
    const c = e.category?.trim() || UNCATEGORIZED;
    by.set(c, [...(by.get(c) ?? []), e]);
  }
  return [...by].sort(([a], [b]) => (a === UNCATEGORIZED ? 1 : b === UNCATEGORIZED ? -1 : a.localeCompare(b)));
}

/** A button that opens the emoji grid; `onPick` gets the shortcode. */
export function EmojiPicker({ onPick }: { onPick(shortcode: string): void }): JSX.Element | null {
  const app = useApp();
  const [emojis, setEmojis] = useState<Emoji[]>([]);
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [error, setError] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const list = (cache ??= Promise.resolve(app.client.v1.customEmojis.list()));
    list.then(
      (list) => setEmojis(list.filter((e) => e.visibleInPicker !== false)),
      (e) => {
        cache = null;
        setError(errorText(e, "load the custom emojis"));
      },
    );
  }, []);
  useEffect(() => {
    if (open) search.current?.focus();
  }, [open]);

  if (error)
    return (
      <p class="error-text" role="alert">
        {error}
      </p>
    );
  if (!emojis.length) return null;
  const needle = q.trim().toLowerCase().replace(/:/g, "");
  const shown = emojis.filter((e) => e.shortcode.toLowerCase().includes(needle));
  const close = () => {
    setOpen(false);
    setQ("");
    button.current?.focus();
  };
  return (
    <div class="emoji-picker">
      <button
        type="button"
        ref={button}
        aria-expanded={open}
        aria-controls="emoji-panel"
        onClick={() => (open ? close() : setOpen(true))}
        title="Emoji"
      >
        <Icon name="smile" />
        <span class="visually-hidden">Emoji</span>
      </button>
      {open && (
        <div
          id="emoji-panel"
          class="emoji-panel"
          role="group"
          aria-label="Custom emojis"
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.preventDefault();
              e.stopPropagation();
              close();
            }
          }}
        >
          <label for="emoji-search" class="visually-hidden">
            Search emojis
          </label>
          <input
            id="emoji-search"
            ref={search}
            type="search"
            placeholder="Search emojis"
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
          <div class="emoji-sections">
            <h2 class="emoji-section-title">Custom</h2>
            {groups(shown).map(([category, list]) => (
              <section key={category} class="emoji-category" aria-label={category}>
                {category !== UNCATEGORIZED && <h3>{category}</h3>}
                <ul class="emoji-grid">
                  {list.map((e) => (
                    <li key={e.shortcode}>
                      <button
                        type="button"
                        title={`:${e.shortcode}:`}
                        aria-label={`:${e.shortcode}:`}
                        onClick={() => {
                          onPick(e.shortcode);
                          close();
                        }}
                      >
                        <img src={e.staticUrl || e.url} alt="" width={28} height={28} loading="lazy" />
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
          {!shown.length && (
            <p class="muted" role="status">
              No emoji matches “{q}”.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
