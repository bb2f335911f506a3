/**
 * A compact choice button for the composer's toolbar (visibility, language) whose menu of radio
 * items is placed in the viewport: below the button when it fits, else above, never past an edge.
 * Extra `sections` add labelled groups of their own radio items to the same menu (the visibility
 * menu's "Who can quote", as Mastodon 4.5 puts both in one place).
 */
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

/** One choice: its value, visible label and an optional hint line. */
export interface Choice {
  value: string;
  label: string;
  hint?: string;
}

/** A further labelled group of radio items in the same menu, with its own value. */
export interface ChoiceSection {
  id: string;
  label: string;
  value: string;
  choices: Choice[];
  /** Shown under the group; when set with `disabled`, says why nothing can be picked. */
  note?: string;
  disabled?: boolean;
  onChange(value: string): void;
}

const MARGIN = 8;
const ITEMS = "[role=menuitemradio]:not([aria-disabled=true])";

/** The button shows `face`; its accessible name is `name` (which should contain any visible face text). */
export function ChoiceMenu({
  id,
  name,
  face,
  title,
  value,
  choices,
  label,
  sections = [],
  disabled,
  onChange,
}: {
  id: string;
  name: string;
  face: ComponentChildren;
  title?: string;
  value: string;
  choices: Choice[];
  /** The label of the main choices' group, shown when there are `sections`. */
  label?: string;
  sections?: ChoiceSection[];
  disabled?: boolean;
  onChange(value: string): void;
}): JSX.Element {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<Record<string, string>>({ visibility: "hidden" });
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  /** Whether the menu is open right now (state lags a render; a pending effect must not refocus a closed menu). */
  const isOpen = useRef(false);

  const close = (refocus = true) => {
    isOpen.current = false;
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Place the menu inside the viewport before it is painted, then focus the checked item.
  useLayoutEffect(() => {
    if (!open || !button.current || !menu.current) return;
    const b = button.current.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    const width = Math.min(260, vw - 2 * MARGIN);
    const natural = menu.current.scrollHeight;
    const below = vh - b.bottom - MARGIN - 4;
    const above = b.top - MARGIN - 4;
    const down = natural <= below || below >= above;
    const maxHeight = Math.max(120, down ? below : above);
    const height = Math.min(natural, maxHeight);
    const left = Math.max(MARGIN, Math.min(b.left, vw - width - MARGIN));
    const top = down ? b.bottom + 4 : b.top - 4 - height;
    setPlace({ left: `${left}px`, top: `${Math.max(MARGIN, top)}px`, width: `${width}px`, maxHeight: `${maxHeight}px` });
  }, [open]);

  // Once placed (a hidden element cannot take focus), focus the checked item.
  useEffect(() => {
    if (!open || !isOpen.current || place.visibility === "hidden" || !menu.current) return;
    const items = menu.current.querySelectorAll<HTMLElement>(ITEMS);
    (Array.from(items).find((i) => i.getAttribute("aria-checked") === "true") ?? items[0])?.focus();
  }, [open, place]);

  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) close(false);
    };
    document.addEventListener("pointerdown", outside, true);
    return () => document.removeEventListener("pointerdown", outside, true);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent) => {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>(ITEMS) ?? []);
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (!open) return;
    if (e.key === "Escape" || e.key === "Tab") {
      if (e.key === "Escape") {
        // The menu takes this Escape: app-wide shortcuts (close the composer, go back) do not.
        e.preventDefault();
        e.stopPropagation();
      }
      close(e.key === "Escape");
    } else if (e.key === "ArrowDown") {
      e.preventDefault();
      go(at + 1);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      go(at - 1);
    } else if (e.key === "Home") {
      e.preventDefault();
      go(0);
    } else if (e.key === "End") {
      e.preventDefault();
      go(items.length - 1);
    }
  };

  return (
    <div class="choice-menu" onKeyDown={onKeyDown}>
      <button
        type="button"
        id={id}
        ref={button}
        class="choice-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        title={title}
        disabled={disabled}
        onClick={() => {
          if (open) return close();
          isOpen.current = true;
          setPlace({ visibility: "hidden" });
          setOpen(true);
        }}
      >
        {face}
        <span class="visually-hidden">{name}</span>
      </button>
      {open && (
        <ul id={`${id}-menu`} ref={menu} class="choice-list" role="menu" aria-label={name} style={place}>
          {sections.length === 0 ? (
            radios(choices, value, (v) => {
              onChange(v);
              close();
            })
          ) : (
            <>
              <li role="group" aria-label={label ?? name} class="choice-group">
                <span class="choice-group-label" aria-hidden="true">
                  {label ?? name}
                </span>
                {radios(
                  choices,
                  value,
                  (v) => {
                    onChange(v);
                    close();
                  },
                  { inGroup: true },
                )}
              </li>
              {sections.map((sec) => (
                <li key={sec.id} role="group" aria-label={sec.label} class="choice-group">
                  <span class="choice-group-label" aria-hidden="true">
                    {sec.label}
                  </span>
                  {radios(
                    sec.choices,
                    sec.value,
                    (v) => {
                      sec.onChange(v);
                      close();
                    },
                    { inGroup: true, disabled: sec.disabled, describedBy: sec.note ? `${sec.id}-note` : undefined },
                  )}
                  {sec.note && (
                    <span id={`${sec.id}-note`} class="choice-note" aria-hidden="true">
                      {sec.note}
                    </span>
                  )}
                </li>
              ))}
            </>
          )}
        </ul>
      )}
    </div>
  );
}

/** The radio items of one group; disabled ones stay visible (the checked one shows what applies) but do nothing. */
function radios(
  choices: Choice[],
  value: string,
  pick: (v: string) => void,
  { inGroup = false, disabled = false, describedBy }: { inGroup?: boolean; disabled?: boolean; describedBy?: string } = {},
) {
  // Directly in the menu's <ul> each item is an <li>; inside a group's <li>, a <span>.
  const Tag = inGroup ? "span" : "li";
  return choices.map((c) => (
    <Tag key={c.value} role="none" class="choice-item">
      <button
        type="button"
        role="menuitemradio"
        aria-checked={c.value === value}
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy}
        onClick={() => {
          if (!disabled) pick(c.value);
        }}
      >
        <span class="choice-label">{c.label}</span>
        {c.hint && <span class="choice-hint">{c.hint}</span>}
      </button>
    </Tag>
  ));
}
