/**
 * Administration › Custom emoji (Hearth's /api/v1/admin/hearth/custom_emojis, Manage Custom
 * Emojis): upload (PNG, GIF or WebP, previewed before sending), then for each local emoji rename,
 * category, shown in the picker, disable/enable and delete (confirmed); remote emoji seen in
 * posts can be copied into local ones.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { useApp } from "../../lib/state";
import { ConfirmDialog } from "./common";
import { adminFetch } from "./http";
import { ListState, useLoaded } from "./load";

interface Emoji {
  id: string;
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
  category: string | null;
  domain: string | null;
  disabled: boolean;
}

const BASE = "/api/v1/admin/hearth/custom_emojis";

/** The custom emoji page. */
export function CustomEmojis(): JSX.Element {
  const app = useApp();
  const [remote, setRemote] = useState(false);
  return (
    <section aria-labelledby="admin-emoji-title">
      <h2 id="admin-emoji-title" class="admin-subtitle">
        Custom emoji
      </h2>
      <div class="admin-switch" role="group" aria-label="Which emoji">
        <button type="button" aria-pressed={!remote} onClick={() => setRemote(false)}>
          This server's
        </button>
        <button type="button" aria-pressed={remote} onClick={() => setRemote(true)}>
          Seen on other servers
        </button>
      </div>
      {remote ? <RemoteEmojis key="remote" /> : <LocalEmojis key="local" token={app.token} />}
    </section>
  );
}

function LocalEmojis({ token }: { token: string }): JSX.Element {
  const app = useApp();
  const list = useLoaded(() => adminFetch<Emoji[]>(token, "GET", `${BASE}?limit=1000`, "load the custom emoji"), "load the custom emoji");
  const [removing, setRemoving] = useState<Emoji | null>(null);
  const update = async (e: Emoji, body: Record<string, unknown>, done: string) => {
    try {
      const saved = await adminFetch<Emoji>(token, "PATCH", `${BASE}/${e.id}`, `change :${e.shortcode}:`, body);
      list.set((cur) => cur.map((x) => (x.id === e.id ? saved : x)));
      app.toast(done);
      return true;
    } catch (err) {
      app.toast(errorText(err, `change :${e.shortcode}:`), "error");
      return false;
    }
  };
  const remove = async (e: Emoji) => {
    try {
      await adminFetch(token, "DELETE", `${BASE}/${e.id}`, `delete :${e.shortcode}:`);
      list.set((cur) => cur.filter((x) => x.id !== e.id));
      app.toast(`Deleted :${e.shortcode}:`);
    } catch (err) {
      app.toast(errorText(err, `delete :${e.shortcode}:`), "error");
      throw err;
    }
  };
  return (
    <>
      <Upload token={token} onAdded={(e) => list.set((cur) => [e, ...cur.filter((x) => x.id !== e.id)])} />
      <ListState l={list} empty="No custom emoji yet. Upload one above.">
        <ul class="admin-list" aria-label="Custom emoji">
          {(list.data ?? []).map((e) => (
            <EmojiRow key={e.id} e={e} onUpdate={(b, d) => update(e, b, d)} onRemove={() => setRemoving(e)} />
          ))}
        </ul>
      </ListState>
      {removing && (
        <ConfirmDialog
          title={`Delete :${removing.shortcode}:?`}
          body="Posts that use it will show the shortcode as plain text."
          confirm="Delete emoji"
          danger
          onConfirm={() => remove(removing)}
          onClose={() => setRemoving(null)}
        />
      )}
    </>
  );
}

function Upload({ token, onAdded }: { token: string; onAdded(e: Emoji): void }): JSX.Element {
  const app = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [shortcode, setShortcode] = useState("");
  const [category, setCategory] = useState("");
  const [busy, setBusy] = useState(false);
  const [input, setInput] = useState(0);
  useEffect(() => {
    if (!file) return setPreview(null);
    const u = URL.createObjectURL(file);
    setPreview(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) return app.toast("Choose an image first", "error");
    if (!shortcode.trim()) return app.toast("Give the emoji a shortcode", "error");
    const form = new FormData();
    form.append("shortcode", shortcode.trim().replace(/^:|:$/g, ""));
    if (category.trim()) form.append("category", category.trim());
    form.append("image", file);
    setBusy(true);
    try {
      const added = await adminFetch<Emoji>(token, "POST", BASE, "upload the emoji", form);
      onAdded(added);
      setFile(null);
      setShortcode("");
      setInput((n) => n + 1);
      app.toast(`Added :${added.shortcode}:`);
    } catch (err) {
      app.toast(errorText(err, "upload the emoji"), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="settings admin-panel" onSubmit={submit} aria-labelledby="emoji-upload-title">
      <h3 id="emoji-upload-title">Upload an emoji</h3>
      <label for="emoji-file">Image (PNG, GIF or WebP, up to 256 KB)</label>
      <input
        key={input}
        id="emoji-file"
        type="file"
        accept="image/png,image/gif,image/webp"
        onChange={(e) => {
          const f = e.currentTarget.files?.[0] ?? null;
          setFile(f);
          if (f && !shortcode) setShortcode(f.name.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_]/g, "_"));
        }}
      />
      {preview && <img class="admin-emoji-preview" src={preview} alt="Preview of the chosen image" width={48} height={48} />}
      <label for="emoji-shortcode">Shortcode (letters, numbers and _)</label>
      <input
        id="emoji-shortcode"
        type="text"
        autoComplete="off"
        spellcheck={false}
        maxLength={64}
        value={shortcode}
        onInput={(e) => setShortcode(e.currentTarget.value)}
      />
      <label for="emoji-category">Category (optional)</label>
      <input id="emoji-category" type="text" maxLength={100} value={category} onInput={(e) => setCategory(e.currentTarget.value)} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Uploading…" : "Upload emoji"}
        </button>
      </div>
    </form>
  );
}

function EmojiRow({
  e,
  onUpdate,
  onRemove,
}: {
  e: Emoji;
  onUpdate(body: Record<string, unknown>, done: string): Promise<boolean>;
  onRemove(): void;
}): JSX.Element {
  const [editing, setEditing] = useState(false);
  const [shortcode, setShortcode] = useState(e.shortcode);
  const [category, setCategory] = useState(e.category ?? "");
  const save = async (ev: Event) => {
    ev.preventDefault();
    if (await onUpdate({ shortcode: shortcode.trim(), category: category.trim() || null }, `Saved :${shortcode.trim()}:`))
      setEditing(false);
  };
  return (
    <li class="admin-item admin-emoji">
      <div class="admin-emoji-head">
        <img src={e.static_url} alt="" width={32} height={32} />
        <span class="admin-item-title">:{e.shortcode}:</span>
        <span class="muted">
          {e.category ? `${e.category} · ` : ""}
          {e.disabled ? "disabled" : e.visible_in_picker ? "in the picker" : "hidden from the picker"}
        </span>
      </div>
      {editing ? (
        <form class="settings" onSubmit={save} aria-label={`Edit :${e.shortcode}:`}>
          <label for={`emoji-sc-${e.id}`}>Shortcode</label>
          <input id={`emoji-sc-${e.id}`} type="text" value={shortcode} onInput={(x) => setShortcode(x.currentTarget.value)} />
          <label for={`emoji-cat-${e.id}`}>Category</label>
          <input id={`emoji-cat-${e.id}`} type="text" value={category} onInput={(x) => setCategory(x.currentTarget.value)} />
          <div class="form-actions">
            <button type="submit" class="primary">
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div class="admin-actions" role="group" aria-label={`:${e.shortcode}:`}>
          <button type="button" onClick={() => setEditing(true)}>
            Rename or categorise
          </button>
          <label class="check">
            <input
              type="checkbox"
              checked={e.visible_in_picker}
              onChange={(x) =>
                void onUpdate(
                  { visible_in_picker: x.currentTarget.checked },
                  x.currentTarget.checked ? `:${e.shortcode}: is in the picker` : `:${e.shortcode}: is hidden from the picker`,
                )
              }
            />{" "}
            Show in picker
          </label>
          <button
            type="button"
            onClick={() => void onUpdate({ disabled: !e.disabled }, e.disabled ? `Enabled :${e.shortcode}:` : `Disabled :${e.shortcode}:`)}
          >
            {e.disabled ? "Enable" : "Disable"}
          </button>
          <button type="button" class="danger" onClick={onRemove}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

function RemoteEmojis(): JSX.Element {
  const app = useApp();
  const list = useLoaded(
    () => adminFetch<Emoji[]>(app.token, "GET", `${BASE}?remote=true&limit=200`, "load the remote emoji"),
    "load the remote emoji",
  );
  const copy = async (e: Emoji) => {
    try {
      const c = await adminFetch<Emoji>(app.token, "POST", `${BASE}/${e.id}/copy`, `copy :${e.shortcode}:`);
      app.toast(`Copied :${c.shortcode}: to this server`);
    } catch (err) {
      app.toast(errorText(err, `copy :${e.shortcode}:`), "error");
    }
  };
  return (
    <ListState l={list} empty="No emoji from other servers seen yet.">
      <ul class="admin-list" aria-label="Remote emoji">
        {(list.data ?? []).map((e) => (
          <li key={e.id} class="admin-item admin-emoji">
            <div class="admin-emoji-head">
              <img src={e.static_url} alt="" width={32} height={32} />
              <span class="admin-item-title">:{e.shortcode}:</span>
              <span class="muted">{e.domain}</span>
            </div>
            <div class="admin-actions">
              <button type="button" onClick={() => void copy(e)} aria-label={`Copy to this server: :${e.shortcode}: from ${e.domain}`}>
                Copy to this server
              </button>
            </div>
          </li>
        ))}
      </ul>
    </ListState>
  );
}
