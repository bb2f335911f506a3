/**
 * The "Lists" control on a profile you follow: tick the lists the account should be on
 * (GET /api/v1/accounts/:id/lists, POST/DELETE /api/v1/lists/:id/accounts).
 */
import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import type { List } from "./list-settings";
import "../screens/lists.css";

/** A button opening a checklist of your lists for account `accountId` (called `name`). */
export function ProfileLists({ accountId, name }: { accountId: string; name: string }): JSX.Element {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [lists, setLists] = useState<List[] | null>(null);
  const [on, setOn] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);

  const show = async () => {
    setOpen(true);
    try {
      const [all, mine] = await Promise.all([app.client.v1.lists.list(), app.client.v1.accounts.$select(accountId).lists.list()]);
      setLists([...all].sort((a, b) => a.title.localeCompare(b.title)));
      setOn(new Set(mine.map((l) => l.id)));
    } catch (e) {
      setOpen(false);
      app.toast(errorText(e, "load your lists"), "error");
    }
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const mark = (id: string, add: boolean) =>
    setOn((cur) => {
      const n = new Set(cur);
      if (add) n.add(id);
      else n.delete(id);
      return n;
    });
  const toggle = async (l: List, add: boolean) => {
    // The box shows the new state at once and goes back if the server refuses.
    mark(l.id, add);
    setBusy(l.id);
    try {
      const api = app.client.v1.lists.$select(l.id).accounts;
      await (add ? api.create({ accountIds: [accountId] }) : api.remove({ accountIds: [accountId] }));
      app.toast(add ? `Added ${name} to “${l.title}”` : `Removed ${name} from “${l.title}”`);
    } catch (e) {
      mark(l.id, !add);
      app.toast(errorText(e, add ? `add ${name} to “${l.title}”` : `remove ${name} from “${l.title}”`), "error");
    } finally {
      setBusy(null);
    }
  };

  return (
    <div
      class="profile-lists"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button type="button" ref={button} aria-expanded={open} onClick={() => (open ? close() : void show())}>
        Lists
      </button>
      {open && (
        <div class="menu-list">
          {!lists ? (
            <p class="loading" role="status">
              Loading…
            </p>
          ) : (
            <fieldset>
              <legend>
                Lists with <bdi>{name}</bdi>
              </legend>
              {lists.length === 0 && <p class="muted">You have no lists yet.</p>}
              {lists.map((l) => (
                <label key={l.id} class="check">
                  <input
                    type="checkbox"
                    checked={on.has(l.id)}
                    disabled={busy === l.id}
                    onChange={(e) => toggle(l, e.currentTarget.checked)}
                  />
                  {l.title}
                </label>
              ))}
            </fieldset>
          )}
          <a href="/lists" data-route>
            {lists?.length === 0 ? "Create a list" : "Manage lists"}
          </a>
        </div>
      )}
    </div>
  );
}
