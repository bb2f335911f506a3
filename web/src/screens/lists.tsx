/**
 * Your lists (GET/POST/PUT/DELETE /api/v1/lists): create one by title, change its title,
 * replies policy and exclusivity, delete it after a confirmation; each opens its timeline.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../components/bits";
import { ListSettings, REPLIES_POLICY_TEXT, type List } from "../components/list-settings";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import "./lists.css";

const byTitle = (a: List, b: List) => a.title.localeCompare(b.title);

/** The lists screen. */
export function Lists(_p: Record<string, string>): JSX.Element {
  const app = useApp();
  const [lists, setLists] = useState<List[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setLists([...(await app.client.v1.lists.list())].sort(byTitle));
    } catch (e) {
      setError(errorText(e, "load your lists"));
    }
  };
  useEffect(() => void load(), []);

  const create = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) return app.toast("A list needs a title", "error");
    setBusy(true);
    try {
      const l = await app.client.v1.lists.create({ title: title.trim() });
      setLists((cur) => [...(cur ?? []), l].sort(byTitle));
      setTitle("");
      app.toast(`Created the list “${l.title}”`);
    } catch (err) {
      app.toast(errorText(err, "create the list"), "error");
    } finally {
      setBusy(false);
    }
  };

  const remove = async (l: List) => {
    if (!confirm(`Delete the list “${l.title}”? You keep following its members.`)) return;
    try {
      await app.client.v1.lists.$select(l.id).remove();
      setLists((cur) => (cur ?? []).filter((x) => x.id !== l.id));
      app.toast(`Deleted the list “${l.title}”`);
    } catch (err) {
      app.toast(errorText(err, "delete the list"), "error");
    }
  };

  const saved = (l: List) => {
    setLists((cur) => (cur ?? []).map((x) => (x.id === l.id ? l : x)).sort(byTitle));
    setEditing(null);
  };

  return (
    <>
      <h1 class="screen-title">Lists</h1>
      <form class="list-create" onSubmit={create}>
        <label for="new-list-title">New list title</label>
        <div class="list-create-row">
          <input
            id="new-list-title"
            type="text"
            maxLength={256}
            value={title}
            onInput={(e) => setTitle(e.currentTarget.value)}
            placeholder="e.g. Friends, News, Work"
          />
          <button type="submit" class="primary" disabled={busy}>
            Create list
          </button>
        </div>
      </form>
      {error && <ErrorBox text={error} retry={load} />}
      {!lists && !error && <Loading />}
      {lists && lists.length === 0 && <p class="empty">You have no lists yet. A list shows posts from the people you put on it.</p>}
      {lists && lists.length > 0 && (
        <ul class="lists" aria-label="Your lists">
          {lists.map((l) => (
            <li key={l.id} class="list-item">
              <div class="list-line">
                <a class="list-title" href={`/lists/${l.id}`} data-route>
                  {l.title}
                </a>
                <span class="list-actions">
                  <button type="button" aria-expanded={editing === l.id} onClick={() => setEditing(editing === l.id ? null : l.id)}>
                    Edit<span class="visually-hidden"> {l.title}</span>
                  </button>
                  <button type="button" class="danger" onClick={() => remove(l)}>
                    Delete<span class="visually-hidden"> {l.title}</span>
                  </button>
                </span>
              </div>
              <p class="muted list-meta">
                {REPLIES_POLICY_TEXT[l.repliesPolicy] ?? l.repliesPolicy}
                {l.exclusive && <span class="badge">Exclusive</span>}
              </p>
              {editing === l.id && <ListSettings list={l} onSaved={saved} onCancel={() => setEditing(null)} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
