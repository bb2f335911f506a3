/**
 * Preferences: posting defaults (visibility, sensitive media, language) saved to the account
 * through update_credentials' source[…], and reading preferences (content warnings, sensitive
 * media) kept in this browser, starting from the server's /api/v1/preferences.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../components/bits";
import { errorText } from "../lib/errors";
import { hasReadingPrefs, readingPrefs, saveReadingPrefs, type ReadingPrefs } from "../lib/prefs";
import { useApp } from "../lib/state";

interface Posting {
  privacy: string;
  sensitive: boolean;
  language: string;
}

const LANGUAGES: [string, string][] = [
  ["", "Same as the browser"],
  ["en", "English"],
  ["de", "Deutsch"],
  ["es", "Español"],
  ["fr", "Français"],
  ["it", "Italiano"],
  ["ja", "日本語"],
  ["nl", "Nederlands"],
  ["pl", "Polski"],
  ["pt", "Português"],
  ["sv", "Svenska"],
  ["uk", "Українська"],
  ["zh", "中文"],
];

/** The preferences screen. */
export function Preferences(): JSX.Element {
  const app = useApp();
  const [posting, setPosting] = useState<Posting | null>(null);
  const [reading, setReading] = useState<ReadingPrefs>(readingPrefs);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  const load = async () => {
    setError(null);
    try {
      const res = await fetch("/api/v1/preferences", { headers: { Authorization: `Bearer ${app.token}` } });
      if (!res.ok) throw Object.assign(new Error(res.statusText), { statusCode: res.status });
      const p = await res.json();
      setPosting({
        privacy: p["posting:default:visibility"] ?? "public",
        sensitive: !!p["posting:default:sensitive"],
        language: p["posting:default:language"] ?? "",
      });
      if (!hasReadingPrefs()) {
        setReading({ expandSpoilers: !!p["reading:expand:spoilers"], expandMedia: p["reading:expand:media"] ?? "default" });
      }
    } catch (e) {
      setError(errorText(e, "load your preferences"));
    }
  };
  useEffect(() => void load(), []);

  const save = async (e: Event) => {
    e.preventDefault();
    if (!posting) return;
    setBusy(true);
    setSaved(false);
    try {
      const me = await app.client.v1.accounts.updateCredentials({
        // masto.js sends this as a form: an undefined value would arrive as the string "undefined".
        source: {
          privacy: posting.privacy as any,
          sensitive: posting.sensitive,
          ...(posting.language ? { language: posting.language } : {}),
        },
      } as any);
      app.setMe(me);
      saveReadingPrefs(reading);
      setSaved(true);
      app.toast("Preferences saved");
    } catch (err) {
      app.toast(errorText(err, "save your preferences"), "error");
    } finally {
      setBusy(false);
    }
  };

  if (error)
    return (
      <>
        <h1 class="screen-title">Preferences</h1>
        <ErrorBox text={error} retry={load} />
      </>
    );
  if (!posting)
    return (
      <>
        <h1 class="screen-title">Preferences</h1>
        <Loading />
      </>
    );
  const setP = (patch: Partial<Posting>) => {
    setPosting({ ...posting, ...patch });
    setSaved(false);
  };
  const setR = (patch: Partial<ReadingPrefs>) => {
    setReading({ ...reading, ...patch });
    setSaved(false);
  };
  return (
    <>
      <h1 class="screen-title">Preferences</h1>
      <form class="settings prefs" onSubmit={save}>
        <fieldset>
          <legend>Posting</legend>
          <label for="pref-privacy">Default visibility</label>
          <select id="pref-privacy" value={posting.privacy} onChange={(e) => setP({ privacy: e.currentTarget.value })}>
            <option value="public">Public</option>
            <option value="unlisted">Unlisted</option>
            <option value="private">Followers only</option>
          </select>
          <label for="pref-language">Default language</label>
          <select id="pref-language" value={posting.language} onChange={(e) => setP({ language: e.currentTarget.value })}>
            {!LANGUAGES.some(([c]) => c === posting.language) && <option value={posting.language}>{posting.language}</option>}
            {LANGUAGES.map(([c, n]) => (
              <option key={c} value={c}>
                {n}
              </option>
            ))}
          </select>
          <label class="check">
            <input type="checkbox" checked={posting.sensitive} onChange={(e) => setP({ sensitive: e.currentTarget.checked })} /> Always mark
            my media as sensitive
          </label>
        </fieldset>
        <fieldset>
          <legend>Reading (this browser)</legend>
          <label class="check">
            <input type="checkbox" checked={reading.expandSpoilers} onChange={(e) => setR({ expandSpoilers: e.currentTarget.checked })} />{" "}
            Always show posts behind content warnings
          </label>
          <label for="pref-media">Sensitive media</label>
          <select
            id="pref-media"
            value={reading.expandMedia}
            onChange={(e) => setR({ expandMedia: e.currentTarget.value as ReadingPrefs["expandMedia"] })}
          >
            <option value="default">Hide media marked as sensitive</option>
            <option value="show_all">Always show media</option>
            <option value="hide_all">Always hide media</option>
          </select>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Saving…" : "Save preferences"}
          </button>
          {saved && (
            <span class="ok" role="status">
              Saved
            </span>
          )}
        </div>
      </form>
    </>
  );
}
