/**
 * Administration › Announcements (Hearth's /api/v1/admin/hearth/announcements, Manage
 * Announcements): every announcement with its state and period; create, edit, publish or
 * unpublish and delete (with confirmation). Times are entered in the browser's time zone.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { fullTime } from "../../lib/format";
import { useApp } from "../../lib/state";
import { ConfirmDialog } from "./common";
import { adminFetch } from "./http";
import { ListState, useLoaded } from "./load";

interface Announcement {
  id: string;
  text: string;
  content: string;
  starts_at: string | null;
  ends_at: string | null;
  all_day: boolean;
  published: boolean;
  published_at: string | null;
  updated_at: string;
}

const BASE = "/api/v1/admin/hearth/announcements";

/** An ISO time as a datetime-local value in this browser's zone. */
function localInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const isoOf = (v: string) => (v ? new Date(v).toISOString() : null);

/** The announcements page. */
export function Announcements(): JSX.Element {
  const app = useApp();
  const list = useLoaded(() => adminFetch<Announcement[]>(app.token, "GET", BASE, "load the announcements"), "load the announcements");
  const [editing, setEditing] = useState<Announcement | "new" | null>(null);
  const [removing, setRemoving] = useState<Announcement | null>(null);

  const save = async (a: Announcement | null, body: Record<string, unknown>) => {
    const saved = await adminFetch<Announcement>(
      app.token,
      a ? "PUT" : "POST",
      a ? `${BASE}/${a.id}` : BASE,
      "save the announcement",
      body,
    );
    list.set((cur) => (a ? cur.map((x) => (x.id === a.id ? saved : x)) : [saved, ...cur]));
    return saved;
  };
  const togglePublished = async (a: Announcement) => {
    try {
      await save(a, { published: !a.published });
      app.toast(a.published ? "Announcement unpublished" : "Announcement published");
    } catch (err) {
      app.toast(errorText(err, a.published ? "unpublish the announcement" : "publish the announcement"), "error");
    }
  };
  const remove = async (a: Announcement) => {
    try {
      await adminFetch(app.token, "DELETE", `${BASE}/${a.id}`, "delete the announcement");
      list.set((cur) => cur.filter((x) => x.id !== a.id));
      app.toast("Announcement deleted");
    } catch (err) {
      app.toast(errorText(err, "delete the announcement"), "error");
      throw err;
    }
  };

  return (
    <section aria-labelledby="admin-ann-title">
      <h2 id="admin-ann-title" class="admin-subtitle">
        Announcements
      </h2>
      {editing === null ? (
        <div class="form-actions">
          <button type="button" class="primary" onClick={() => setEditing("new")}>
            New announcement
          </button>
        </div>
      ) : (
        <AnnouncementForm
          key={editing === "new" ? "new" : editing.id}
          initial={editing === "new" ? null : editing}
          onCancel={() => setEditing(null)}
          onSave={async (body) => {
            await save(editing === "new" ? null : editing, body);
            app.toast(editing === "new" ? (body.published ? "Announcement published" : "Draft saved") : "Announcement saved");
            setEditing(null);
          }}
        />
      )}
      <ListState l={list} empty="No announcements yet.">
        <ul class="admin-list" aria-label="Announcements">
          {(list.data ?? []).map((a) => (
            <li key={a.id} class="admin-item">
              <span class="admin-item-title">{a.text}</span>
              <span class="muted">
                {a.published ? "Published" : "Draft"}
                {a.starts_at && a.ends_at && ` · ${fullTime(a.starts_at)} – ${fullTime(a.ends_at)}`}
                {a.all_day && " · all day"}
              </span>
              <div class="admin-actions" role="group" aria-label={`Announcement: ${a.text.slice(0, 40)}`}>
                <button type="button" onClick={() => setEditing(a)}>
                  Edit
                </button>
                <button type="button" onClick={() => void togglePublished(a)}>
                  {a.published ? "Unpublish" : "Publish"}
                </button>
                <button type="button" class="danger" onClick={() => setRemoving(a)}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      </ListState>
      {removing && (
        <ConfirmDialog
          title="Delete this announcement?"
          body="It disappears for everyone, with its reactions."
          confirm="Delete announcement"
          danger
          onConfirm={() => remove(removing)}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}

function AnnouncementForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: Announcement | null;
  onSave(body: Record<string, unknown>): Promise<void>;
  onCancel(): void;
}): JSX.Element {
  const app = useApp();
  const [text, setText] = useState(initial?.text ?? "");
  const [starts, setStarts] = useState(localInput(initial?.starts_at ?? null));
  const [ends, setEnds] = useState(localInput(initial?.ends_at ?? null));
  const [allDay, setAllDay] = useState(initial?.all_day ?? false);
  const [publish, setPublish] = useState(initial?.published ?? true);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return app.toast("Write the announcement first", "error");
    if (!starts !== !ends) return app.toast("Give both a start and an end, or neither", "error");
    setBusy(true);
    try {
      await onSave({ text: text.trim(), starts_at: isoOf(starts), ends_at: isoOf(ends), all_day: allDay, published: publish });
    } catch (err) {
      app.toast(errorText(err, "save the announcement"), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="settings admin-panel" onSubmit={submit} aria-labelledby="ann-form-title">
      <h3 id="ann-form-title">{initial ? "Edit announcement" : "New announcement"}</h3>
      <label for="ann-text">Announcement text</label>
      <textarea id="ann-text" rows={4} maxLength={5000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <label for="ann-starts">Starts (optional)</label>
      <input id="ann-starts" type="datetime-local" value={starts} onInput={(e) => setStarts(e.currentTarget.value)} />
      <label for="ann-ends">Ends (optional)</label>
      <input id="ann-ends" type="datetime-local" value={ends} onInput={(e) => setEnds(e.currentTarget.value)} />
      <label class="check">
        <input type="checkbox" checked={allDay} onChange={(e) => setAllDay(e.currentTarget.checked)} /> All-day event (show dates only)
      </label>
      <label class="check">
        <input type="checkbox" checked={publish} onChange={(e) => setPublish(e.currentTarget.checked)} /> Published
      </label>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Saving…" : initial ? "Save announcement" : "Create announcement"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
