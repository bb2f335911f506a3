/**
 * Edit profile: display name, bio, up to four profile fields (verified links marked), avatar and
 * header with previews before saving, locked (PATCH /api/v1/accounts/update_credentials).
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { errorText } from "../lib/errors";
import { htmlToText } from "../lib/format";
import { useApp } from "../lib/state";

const MAX_FIELDS = 4;

/** A local preview of a picked image (a blob: URL, released when it changes). */
function usePreview(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return url;
}

/** The profile settings form; saves through update_credentials and refreshes the app's account. */
export function EditProfile(): JSX.Element {
  const app = useApp();
  const me = app.me as any;
  const [name, setName] = useState<string>(me.displayName ?? "");
  const [note, setNote] = useState<string>(me.source?.note ?? htmlToText(me.note ?? ""));
  const [locked, setLocked] = useState<boolean>(!!me.locked);
  const [fields, setFields] = useState<{ name: string; value: string; verifiedAt?: string | null }[]>(() => {
    const src: { name: string; value: string; verifiedAt?: string | null }[] = me.source?.fields ?? me.fields ?? [];
    // source.fields has the plain values; the verified mark may only be on the rendered fields.
    const shown: { name: string; verifiedAt?: string | null }[] = me.fields ?? [];
    const rows = src.map((f) => ({
      name: f.name,
      value: me.source?.fields ? f.value : htmlToText(f.value),
      verifiedAt: f.verifiedAt ?? shown.find((x) => x.name === f.name)?.verifiedAt ?? null,
    }));
    while (rows.length < MAX_FIELDS) rows.push({ name: "", value: "", verifiedAt: null });
    return rows.slice(0, MAX_FIELDS);
  });
  const [avatar, setAvatar] = useState<File | null>(null);
  const [header, setHeader] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const avatarPreview = usePreview(avatar);
  const headerPreview = usePreview(header);
  const setField = (i: number, patch: { name?: string; value?: string }) =>
    setFields((all) => all.map((f, j) => (j === i ? { ...f, ...patch, verifiedAt: null } : f)));
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
        fieldsAttributes: fields.map((f) => ({ name: f.name.trim(), value: f.value.trim() })),
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
        <img
          class="ep-avatar-preview"
          src={avatarPreview ?? me.avatarStatic ?? me.avatar}
          alt={avatarPreview ? "Preview of the new avatar" : "Current avatar"}
          width={80}
          height={80}
        />
        <label for="ep-header">Header image</label>
        <input
          id="ep-header"
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          onChange={(e) => setHeader(e.currentTarget.files?.[0] ?? null)}
        />
        {(headerPreview || (me.headerStatic && !String(me.headerStatic).includes("missing"))) && (
          <img
            class="ep-header-preview"
            src={headerPreview ?? me.headerStatic}
            alt={headerPreview ? "Preview of the new header image" : "Current header image"}
          />
        )}
        <fieldset class="ep-fields">
          <legend>Profile fields</legend>
          <p class="muted">
            Up to four labels and values on your profile, such as a website or pronouns. A link to a page that links back to your profile
            with rel="me" is marked as verified.
          </p>
          {fields.map((f, i) => (
            <div class="ep-field" key={i}>
              <label class="visually-hidden" for={`ep-field-name-${i}`}>
                Label {i + 1}
              </label>
              <input
                id={`ep-field-name-${i}`}
                type="text"
                maxLength={255}
                placeholder="Label"
                value={f.name}
                onInput={(e) => setField(i, { name: e.currentTarget.value })}
              />
              <label class="visually-hidden" for={`ep-field-value-${i}`}>
                Content {i + 1}
              </label>
              <input
                id={`ep-field-value-${i}`}
                type="text"
                maxLength={255}
                placeholder="Content"
                value={f.value}
                onInput={(e) => setField(i, { value: e.currentTarget.value })}
              />
              {f.verifiedAt && (
                <span class="verified" title={`Verified on ${new Date(f.verifiedAt).toLocaleDateString()}`}>
                  ✓<span class="visually-hidden"> Verified link</span>
                </span>
              )}
            </div>
          ))}
        </fieldset>
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
