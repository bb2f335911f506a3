/** Edit profile: display name, bio, avatar, header, locked (PATCH /api/v1/accounts/update_credentials). */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { errorText } from "../lib/errors";
import { htmlToText } from "../lib/format";
import { useApp } from "../lib/state";

/** The profile settings form; saves through update_credentials and refreshes the app's account. */
export function EditProfile(): JSX.Element {
  const app = useApp();
  const me = app.me as any;
  const [name, setName] = useState<string>(me.displayName ?? "");
  const [note, setNote] = useState<string>(me.source?.note ?? htmlToText(me.note ?? ""));
  const [locked, setLocked] = useState<boolean>(!!me.locked);
  const [avatar, setAvatar] = useState<File | null>(null);
  const [header, setHeader] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await app.client.v1.accounts.updateCredentials({
        displayName: name,
        note,
        locked,
        ...(avatar ? { avatar } : {}),
        ...(header ? { header } : {}),
      } as any);
      app.setMe(updated);
      setSaved(true);
      app.toast("Profile saved");
    } catch (err) {
      setError(errorText(err, "save your profile"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1 class="screen-title">Edit profile</h1>
      <form class="settings" onSubmit={submit}>
        <label for="ep-name">Display name</label>
        <input id="ep-name" type="text" maxLength={30} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="ep-note">Bio</label>
        <textarea id="ep-note" rows={4} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        <label for="ep-avatar">Avatar (PNG, GIF or JPEG)</label>
        <input
          id="ep-avatar"
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          onChange={(e) => setAvatar(e.currentTarget.files?.[0] ?? null)}
        />
        <label for="ep-header">Header image</label>
        <input
          id="ep-header"
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          onChange={(e) => setHeader(e.currentTarget.files?.[0] ?? null)}
        />
        <label class="check">
          <input type="checkbox" checked={locked} onChange={(e) => setLocked(e.currentTarget.checked)} /> Approve followers by hand
        </label>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Saving…" : "Save changes"}
          </button>
          <a href={`/accounts/${app.me.id}`} data-route>
            View profile
          </a>
        </div>
        {saved && (
          <p role="status" class="ok">
            Your profile was saved.
          </p>
        )}
        {error && (
          <p role="alert" class="error-text">
            {error}
          </p>
        )}
      </form>
    </>
  );
}
