/** The settings of one list: title, which replies it shows, and whether it is exclusive. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { mastodon } from "masto";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";

export type List = mastodon.v1.List;

/** Human words for a replies policy (Mastodon's List#replies_policy). */
export const REPLIES_POLICY_TEXT: Record<string, string> = {
  followed: "Replies to anyone you follow",
  list: "Replies to members of the list",
  none: "No replies to others",
};

/** An edit form for `list`; calls `onSaved` with the server's copy after PUT /api/v1/lists/:id. */
export function ListSettings({ list, onSaved, onCancel }: { list: List; onSaved(l: List): void; onCancel(): void }): JSX.Element {
  const app = useApp();
  const [title, setTitle] = useState(list.title);
  const [policy, setPolicy] = useState<string>(list.repliesPolicy ?? "list");
  const [exclusive, setExclusive] = useState(!!list.exclusive);
  const [busy, setBusy] = useState(false);
  const base = `list-${list.id}`;
  const save = async (e: Event) => {
    e.preventDefault();
    if (!title.trim()) return app.toast("A list needs a title", "error");
    setBusy(true);
    try {
      const l = await app.client.v1.lists.$select(list.id).update({ title: title.trim(), repliesPolicy: policy, exclusive } as any);
      onSaved(l);
      app.toast(`Saved “${l.title}”`);
    } catch (err) {
      app.toast(errorText(err, "save the list"), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="list-settings" onSubmit={save} aria-label={`Settings of ${list.title}`}>
      <label for={`${base}-title`}>Title</label>
      <input id={`${base}-title`} type="text" maxLength={256} required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      <label for={`${base}-policy`}>Show replies</label>
      <select id={`${base}-policy`} value={policy} onChange={(e) => setPolicy(e.currentTarget.value)}>
        {Object.entries(REPLIES_POLICY_TEXT).map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <label class="check">
        <input type="checkbox" checked={exclusive} onChange={(e) => setExclusive(e.currentTarget.checked)} />
        Hide members' posts from Home (exclusive list)
      </label>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          Save
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
