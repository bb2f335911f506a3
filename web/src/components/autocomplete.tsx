/**
 * Mention and hashtag autocomplete for the composer: watches the word at the caret, asks
 * /api/v1/accounts/search (for @) or /api/v2/search?type=hashtags (for #), and shows an ARIA
 * listbox that the arrow keys, Enter/Tab and Escape drive while focus stays in the text box.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { displayName } from "../lib/format";
import { useApp } from "../lib/state";

interface Suggestion {
  key: string;
  /** What replaces the typed word (without the trailing space). */
  insert: string;
  label: string;
  detail: string;
  avatar?: string;
}

/** The @word or #word that ends at `caret`, with where it starts. */
export function tokenAt(text: string, caret: number): { start: number; word: string } | null {
  const m = /(^|[\s(])([@#][\p{L}\p{N}_.@-]*)$/u.exec(text.slice(0, caret));
  if (!m || m[2]!.length < 2) return null;
  return { start: caret - m[2]!.length, word: m[2]! };
}

export interface AutocompleteApi {
  /** ARIA props for the textarea. */
  inputProps: Record<string, unknown>;
  /** Call from the textarea's keydown first; true when the key was used. */
  onKeyDown(e: KeyboardEvent): boolean;
  /** Call after each input or caret move. */
  update(): void;
  list: JSX.Element | null;
}

/** Autocomplete bound to a textarea; `replace` writes the new text and caret. */
export function useAutocomplete(
  area: { current: HTMLTextAreaElement | null },
  replace: (text: string, caret: number) => void,
): AutocompleteApi {
  const app = useApp();
  const [items, setItems] = useState<Suggestion[]>([]);
  const [active, setActive] = useState(0);
  const [token, setToken] = useState<{ start: number; word: string } | null>(null);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const close = () => {
    seq.current++;
    setItems([]);
    setToken(null);
  };

  const search = async (t: { start: number; word: string }, n: number) => {
    const q = t.word.slice(1);
    try {
      let found: Suggestion[];
      if (t.word[0] === "@") {
        const accounts = await app.client.v1.accounts.search.list({ q, limit: 5, resolve: false });
        found = accounts.map((a) => ({
          key: a.id,
          insert: `@${a.acct}`,
          label: displayName(a),
          detail: `@${a.acct}`,
          avatar: a.avatarStatic || a.avatar,
        }));
      } else {
        const res = await app.client.v2.search.list({ q, type: "hashtags", limit: 5 });
        found = res.hashtags.map((h) => ({ key: h.name, insert: `#${h.name}`, label: `#${h.name}`, detail: "" }));
      }
      if (n !== seq.current) return;
      setItems(found);
      setActive(0);
    } catch {
      // Suggestions are a convenience: a failed lookup just shows none.
      if (n === seq.current) setItems([]);
    }
  };

  const update = () => {
    const el = area.current;
    if (!el) return;
    const t = tokenAt(el.value, el.selectionStart ?? el.value.length);
    clearTimeout(timer.current);
    if (!t) {
      if (token || items.length) close();
      return;
    }
    setToken(t);
    const n = ++seq.current;
    timer.current = setTimeout(() => void search(t, n), 200);
  };

  useEffect(() => () => clearTimeout(timer.current), []);

  const choose = (s: Suggestion) => {
    const el = area.current;
    if (!el || !token) return;
    const end = token.start + token.word.length;
    const next = el.value.slice(0, token.start) + s.insert + " " + el.value.slice(end);
    close();
    replace(next, token.start + s.insert.length + 1);
  };

  const open = items.length > 0 && token !== null;
  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (!open) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      setActive((i) => (i + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length);
    } else if ((e.key === "Enter" && !e.ctrlKey && !e.metaKey) || e.key === "Tab") {
      choose(items[active]!);
    } else if (e.key === "Escape") {
      close();
    } else return false;
    e.preventDefault();
    e.stopPropagation();
    return true;
  };

  const list = open ? (
    <>
      <p class="visually-hidden" role="status">
        {items.length} suggestions. Use the up and down arrows and Enter to choose.
      </p>
      <ul
        id="compose-suggestions"
        class="suggestions"
        role="listbox"
        aria-label={token!.word[0] === "@" ? "Matching accounts" : "Matching hashtags"}
      >
        {items.map((s, i) => (
          <li
            key={s.key}
            id={`suggestion-${i}`}
            role="option"
            aria-selected={i === active}
            class={i === active ? "active" : ""}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(s);
            }}
          >
            {s.avatar && <img src={s.avatar} alt="" width={24} height={24} class="avatar" />}
            <bdi>{s.label}</bdi> {s.detail && <span class="acct">{s.detail}</span>}
          </li>
        ))}
      </ul>
    </>
  ) : null;

  return {
    inputProps: {
      // A textarea keeps its textbox role (combobox is not allowed on it); the listbox is tied
      // to it through aria-controls and aria-activedescendant, and its size is announced.
      "aria-autocomplete": "list",
      "aria-controls": open ? "compose-suggestions" : undefined,
      "aria-activedescendant": open ? `suggestion-${active}` : undefined,
    },
    onKeyDown,
    update,
    list,
  };
}
