/**
 * Administration › Settings (Hearth's /api/v1/admin/hearth/settings, Manage Settings): what the
 * instance is (title, descriptions, contact, thumbnail), who may join, the default language,
 * who may read the live and topic feeds, trends, the theme colour, and the privacy policy and
 * terms of service in Markdown with a preview. Only changed values are sent; the server checks
 * them all and writes nothing on a 422.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { useApp } from "../../lib/state";
import { ConfirmDialog } from "./common";
import { adminFetch } from "./http";
import { useLoaded } from "./load";
import { ErrorBox, Loading } from "../../components/bits";
import { MarkdownField } from "./markdown";

type Raw = Record<string, string | null>;
const BASE = "/api/v1/admin/hearth/settings";

const FEEDS: [string, string][] = [
  ["local_live_feed_access", "Local live feed"],
  ["remote_live_feed_access", "Federated live feed"],
  ["local_topic_feed_access", "Local hashtag feeds"],
  ["remote_topic_feed_access", "Federated hashtag feeds"],
];
const ACCESS: [string, string][] = [
  ["public", "Everyone, signed in or not"],
  ["authenticated", "Signed-in users only"],
  ["disabled", "Staff only"],
];
/** Defaults the server applies to a setting that was never set (the API answers null for those). */
const DEFAULTS: Record<string, string> = {
  trends: "true",
  trendable_by_default: "false",
  require_invite_text: "false",
  local_live_feed_access: "public",
  remote_live_feed_access: "public",
  local_topic_feed_access: "public",
  remote_topic_feed_access: "public",
  default_locale: "en",
};

/** The settings page. */
export function InstanceSettings(): JSX.Element {
  const app = useApp();
  const loaded = useLoaded(() => adminFetch<Raw>(app.token, "GET", BASE, "load the settings"), "load the settings");
  const [values, setValues] = useState<Raw>({});
  const [baseline, setBaseline] = useState<Raw>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!loaded.data) return;
    const v: Raw = {};
    for (const [k, x] of Object.entries(loaded.data)) v[k] = x ?? DEFAULTS[k] ?? "";
    const reg = (app.instance as any)?.registrations;
    if (!loaded.data.registrations_mode)
      v.registrations_mode = reg?.enabled === false ? "none" : reg?.approvalRequired ? "approved" : "open";
    if (!loaded.data.site_title) v.site_title = app.instance?.title ?? "";
    setValues(v);
    setBaseline(v);
  }, [loaded.data]);

  if (loaded.error) return <ErrorBox text={loaded.error} retry={() => void loaded.reload()} />;
  if (!loaded.data) return <Loading />;
  const val = (k: string) => values[k] ?? "";
  const set = (k: string) => (v: string) => setValues((cur) => ({ ...cur, [k]: v }));
  const text = (k: string, label: string, opts: { type?: "text" | "email" | "date"; max?: number; hint?: string } = {}) => (
    <>
      <label for={`set-${k}`}>{label}</label>
      <input
        id={`set-${k}`}
        type={(opts.type ?? "text") as "text"}
        maxLength={opts.max}
        value={val(k)}
        aria-describedby={opts.hint ? `set-${k}-hint` : undefined}
        onInput={(e) => set(k)(e.currentTarget.value)}
      />
      {opts.hint && (
        <span id={`set-${k}-hint`} class="muted">
          {opts.hint}
        </span>
      )}
    </>
  );
  const check = (k: string, label: string) => (
    <label class="check">
      <input type="checkbox" checked={val(k) === "true"} onChange={(e) => set(k)(e.currentTarget.checked ? "true" : "false")} /> {label}
    </label>
  );

  const save = async (e: Event) => {
    e.preventDefault();
    const changed: Raw = {};
    for (const [k, v] of Object.entries(values)) if (v !== baseline[k]) changed[k] = k === "default_locale" && !v ? null : v;
    if (!Object.keys(changed).length) return app.toast("Nothing has changed");
    setBusy(true);
    try {
      const saved = await adminFetch<Raw>(app.token, "PUT", BASE, "save the settings", { settings: changed });
      loaded.set(() => saved);
      app.toast("Settings saved");
    } catch (err) {
      app.toast(errorText(err, "save the settings"), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="admin-settings-title">
      <h2 id="admin-settings-title" class="admin-subtitle">
        Server settings
      </h2>
      <Thumbnail />
      <form class="settings admin-settings" onSubmit={save} aria-labelledby="admin-settings-title">
        <fieldset>
          <legend>About this server</legend>
          {text("site_title", "Server name", { max: 200 })}
          <label for="set-site_short_description">Short description</label>
          <textarea
            id="set-site_short_description"
            rows={3}
            maxLength={2000}
            value={val("site_short_description")}
            onInput={(e) => set("site_short_description")(e.currentTarget.value)}
          />
          <MarkdownField
            id="set-site_extended_description"
            label="Extended description"
            value={val("site_extended_description")}
            onInput={set("site_extended_description")}
          />
          {text("site_contact_username", "Contact account (username)", { hint: "A local account people can write to." })}
          {text("site_contact_email", "Contact e-mail", { type: "email", max: 320 })}
          {text("default_locale", "Default language (ISO code, e.g. en)", { max: 12 })}
          <label for="set-theme_color">Theme colour</label>
          <div class="admin-colour">
            <input
              id="set-theme_color"
              type="color"
              value={val("theme_color") || "#3a6ea5"}
              onInput={(e) => set("theme_color")(e.currentTarget.value)}
            />
            <span class="muted">{val("theme_color") || "Not set (the app's default)"}</span>
            {val("theme_color") && (
              <button type="button" onClick={() => set("theme_color")("")}>
                Use the default
              </button>
            )}
          </div>
        </fieldset>
        <fieldset>
          <legend>Sign-ups</legend>
          <label for="set-registrations_mode">Who can sign up</label>
          <select
            id="set-registrations_mode"
            value={val("registrations_mode")}
            onChange={(e) => set("registrations_mode")(e.currentTarget.value)}
          >
            <option value="open">Anyone</option>
            <option value="approved">Anyone, after a moderator approves</option>
            <option value="none">Nobody (closed)</option>
          </select>
          {check("require_invite_text", "Ask for a reason to join when approval is needed")}
          <label for="set-closed_registrations_message">Message shown when sign-ups are closed</label>
          <textarea
            id="set-closed_registrations_message"
            rows={3}
            maxLength={5000}
            value={val("closed_registrations_message")}
            onInput={(e) => set("closed_registrations_message")(e.currentTarget.value)}
          />
        </fieldset>
        <fieldset>
          <legend>Who can read the feeds</legend>
          {FEEDS.map(([k, label]) => (
            <div key={k} class="admin-field">
              <label for={`set-${k}`}>{label}</label>
              <select id={`set-${k}`} value={val(k)} onChange={(e) => set(k)(e.currentTarget.value)}>
                {ACCESS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Trends</legend>
          {check("trends", "Show trending hashtags, posts and links")}
          {check("trendable_by_default", "Let new hashtags and links trend without review")}
        </fieldset>
        <fieldset>
          <legend>Policies</legend>
          <MarkdownField id="set-privacy_policy" label="Privacy policy" value={val("privacy_policy")} onInput={set("privacy_policy")} />
          <MarkdownField
            id="set-terms_of_service"
            label="Terms of service"
            value={val("terms_of_service")}
            onInput={set("terms_of_service")}
          />
          {text("terms_of_service_effective_date", "Terms take effect on", { type: "date" })}
        </fieldset>
        <div class="form-actions admin-sticky-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Saving…" : "Save settings"}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The thumbnail: the current one from /api/v2/instance, a new file previewed before uploading, and removal. */
function Thumbnail(): JSX.Element {
  const app = useApp();
  // Without an uploaded thumbnail the instance answers a default image and no versions.
  const uploaded = (t: any): string | null => (t?.versions ? (t.url ?? null) : null);
  const [current, setCurrent] = useState<string | null>(uploaded((app.instance as any)?.thumbnail));
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [input, setInput] = useState(0);
  const refresh = async () => {
    const i = await fetch("/api/v2/instance").then((r) => r.json());
    setCurrent(uploaded(i?.thumbnail));
  };
  useEffect(() => void refresh().catch(() => undefined), []);
  useEffect(() => {
    if (!file) return setPreview(null);
    const u = URL.createObjectURL(file);
    setPreview(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  const upload = async () => {
    if (!file) return;
    const form = new FormData();
    form.append("thumbnail", file);
    setBusy(true);
    try {
      await adminFetch(app.token, "PUT", `${BASE}/thumbnail`, "upload the thumbnail", form);
      setFile(null);
      setInput((n) => n + 1);
      await refresh();
      app.toast("Thumbnail saved");
    } catch (err) {
      app.toast(errorText(err, "upload the thumbnail"), "error");
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    try {
      await adminFetch(app.token, "DELETE", `${BASE}/thumbnail`, "remove the thumbnail");
      await refresh();
      app.toast("Thumbnail removed");
    } catch (err) {
      app.toast(errorText(err, "remove the thumbnail"), "error");
      throw err;
    }
  };
  const shown = preview ?? current;
  return (
    <div class="settings admin-panel" role="group" aria-labelledby="admin-thumb-title">
      <h3 id="admin-thumb-title">Thumbnail</h3>
      {shown ? (
        <img class="admin-thumbnail" src={shown} alt={preview ? "Preview of the new thumbnail" : "The current thumbnail"} />
      ) : (
        <p class="muted">No thumbnail yet.</p>
      )}
      <label for="thumb-file">Image (shown at 1200×630 where the server is shared)</label>
      <input key={input} id="thumb-file" type="file" accept="image/*" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
      <div class="form-actions">
        <button type="button" class="primary" disabled={!file || busy} onClick={() => void upload()}>
          {busy ? "Uploading…" : "Upload thumbnail"}
        </button>
        {current && !preview && (
          <button type="button" class="danger" onClick={() => setRemoving(true)}>
            Remove thumbnail
          </button>
        )}
      </div>
      {removing && (
        <ConfirmDialog
          title="Remove the thumbnail?"
          body="Links to this server will be shared without an image."
          confirm="Remove thumbnail"
          danger
          onConfirm={remove}
          onClose={() => setRemoving(false)}
        />
      )}
    </div>
  );
}
