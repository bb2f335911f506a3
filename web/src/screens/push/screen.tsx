/**
 * Push notifications for this browser (/settings/notifications): turning Web Push on asks for
 * permission, subscribes the service worker's PushManager with the server's VAPID key and
 * registers the subscription at POST /api/v1/push/subscription with the chosen alerts and policy
 * (Mastodon's `data[alerts]`, `data[policy]`); saving changes them (PUT); turning off removes
 * both (DELETE, unsubscribe). The service worker (sw.js) shows what arrives.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../../components/bits";
import { apiErrorText, readJson, UserError, errorText } from "../../lib/errors";
import { PUSH_CACHE } from "../../lib/oauth";
import { useApp } from "../../lib/state";
import "./push.css";

/** Alert types the server knows, with words for each; `staff` ones only for moderators. */
const ALERTS: { key: string; label: string; staff?: boolean; on: boolean }[] = [
  { key: "mention", label: "Mentions and replies", on: true },
  { key: "follow", label: "New followers", on: true },
  { key: "follow_request", label: "New follow requests", on: true },
  { key: "favourite", label: "Favourites of your posts", on: true },
  { key: "reblog", label: "Boosts of your posts", on: true },
  { key: "quote", label: "Quotes of your posts", on: true },
  { key: "poll", label: "Polls you voted in or created have ended", on: true },
  { key: "status", label: "New posts from people you get notified about", on: false },
  { key: "update", label: "Edits of posts you boosted", on: false },
  { key: "quoted_update", label: "Edits of posts you quoted", on: false },
  { key: "moderation_warning", label: "Moderation decisions about your account", on: true },
  { key: "severed_relationships", label: "Follows lost when a server is blocked", on: true },
  { key: "admin.sign_up", label: "New sign-ups", staff: true, on: true },
  { key: "admin.report", label: "New reports", staff: true, on: true },
];

const POLICIES: [string, string][] = [
  ["all", "Anyone"],
  ["followed", "People you follow"],
  ["follower", "People who follow you"],
  ["none", "Nobody"],
];

interface Choice {
  alerts: Record<string, boolean>;
  policy: string;
}

/** The subscription as the server answers it (snake_case, alerts keyed by Mastodon's names). */
interface ServerSubscription {
  id: string;
  endpoint: string;
  policy: string;
  server_key: string;
  alerts: Record<string, boolean>;
}

function isStaff(me: object): boolean {
  const p = Number((me as { role?: { permissions?: string } }).role?.permissions ?? 0);
  return (p & 1) === 1 || (p & 16) === 16;
}

function supported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window && window.isSecureContext;
}

/** The VAPID public key (base64url) as the bytes PushManager.subscribe wants. */
function keyBytes(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/**
 * Leaves the token and the server's VAPID key where the service worker finds them, so it can
 * subscribe again and re-register on its own when the push service changes the subscription
 * (pushsubscriptionchange in public/sw.js). Removed on turning off and on sign-out.
 */
async function rememberForWorker(token: string, key: string | undefined): Promise<void> {
  if (!("caches" in window)) return;
  const body = JSON.stringify({ token, key: key ?? null });
  await (await caches.open(PUSH_CACHE)).put("/push-state", new Response(body, { headers: { "Content-Type": "application/json" } }));
}
/** The screen. */
export function PushSettings(): JSX.Element {
  const app = useApp();
  const staff = isStaff(app.me);
  const alerts = ALERTS.filter((a) => !a.staff || staff);
  const [sub, setSub] = useState<ServerSubscription | null | undefined>(undefined);
  const [choice, setChoice] = useState<Choice>(() => ({
    alerts: Object.fromEntries(alerts.map((a) => [a.key, a.on])),
    policy: "all",
  }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [permission, setPermission] = useState(() => ("Notification" in window ? Notification.permission : "default"));

  const call = async (method: string, body?: unknown, doing = "update push notifications"): Promise<any> => {
    const res = await fetch("/api/v1/push/subscription", {
      method,
      headers: { Authorization: `Bearer ${app.token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await readJson(res);
    if (method === "GET" && res.status === 404) return null;
    if (!res.ok) throw new UserError(apiErrorText(res.status, json, doing));
    return json;
  };

  const load = () => {
    setError(null);
    setSub(undefined);
    call("GET", undefined, "load your push settings").then(
      (s: ServerSubscription | null) => {
        setSub(s);
        if (s) setChoice({ alerts: { ...s.alerts }, policy: s.policy });
        if (s) void rememberForWorker(app.token, s.server_key).catch(() => undefined);
      },
      (e) => setError(errorText(e, "load your push settings")),
    );
  };
  useEffect(load, []);

  const data = () => ({ alerts: choice.alerts, policy: choice.policy });

  const turnOn = async () => {
    setBusy(true);
    setSaved(false);
    try {
      const granted = await Notification.requestPermission();
      setPermission(granted);
      if (granted !== "granted")
        throw new UserError("Notifications are blocked for this site. Allow them in the browser's site settings, then try again.");
      // ready never settles when the worker could not be registered: give up after a while.
      const reg = await Promise.race([
        navigator.serviceWorker.ready,
        new Promise<never>((_, reject) =>
          setTimeout(
            () => reject(new UserError("Hearth's service worker is not running in this browser. Reload the page and try again.")),
            10_000,
          ),
        ),
      ]);
      let key = (app.instance?.configuration as any)?.vapid?.publicKey as string | undefined;
      if (!key) key = (await (await fetch("/api/v2/instance")).json())?.configuration?.vapid?.public_key;
      if (!key) throw new UserError("This server does not offer push notifications.");
      const subscribe = async (k: string) => {
        const old = await reg.pushManager.getSubscription();
        if (old) await old.unsubscribe();
        return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(k) });
      };
      let ps = await subscribe(key);
      const register = (p: PushSubscription) => {
        const j = p.toJSON();
        return call(
          "POST",
          { subscription: { endpoint: j.endpoint, keys: j.keys, standard: true }, data: data() },
          "turn on push notifications",
        );
      };
      let s: ServerSubscription = await register(ps);
      // The server's key is the one its pushes are signed with: subscribe again if ours was stale.
      if (s.server_key && s.server_key !== key) {
        ps = await subscribe(s.server_key);
        s = await register(ps);
      }
      setSub(s);
      setChoice({ alerts: { ...s.alerts }, policy: s.policy });
      await rememberForWorker(app.token, s.server_key || key);
      app.toast("Push notifications are on");
    } catch (e) {
      app.toast(errorText(e, "turn on push notifications"), "error");
    } finally {
      setBusy(false);
    }
  };

  const turnOff = async () => {
    setBusy(true);
    try {
      await call("DELETE", undefined, "turn off push notifications");
      await caches.delete(PUSH_CACHE).catch(() => false);
      const reg = await navigator.serviceWorker.getRegistration();
      const ps = await reg?.pushManager.getSubscription();
      await ps?.unsubscribe().catch(() => false);
      setSub(null);
      app.toast("Push notifications are off");
    } catch (e) {
      app.toast(errorText(e, "turn off push notifications"), "error");
    } finally {
      setBusy(false);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (!sub) return turnOn();
    setBusy(true);
    try {
      const s: ServerSubscription = await call("PUT", { data: data() }, "save your push settings");
      setSub(s);
      setSaved(true);
      app.toast("Push settings saved");
    } catch (err) {
      app.toast(errorText(err, "save your push settings"), "error");
    } finally {
      setBusy(false);
    }
  };

  const title = <h1 class="screen-title">Push notifications</h1>;
  if (error)
    return (
      <>
        {title}
        <ErrorBox text={error} retry={load} />
      </>
    );
  if (sub === undefined)
    return (
      <>
        {title}
        <Loading />
      </>
    );
  const on = !!sub;
  return (
    <>
      {title}
      <form class="settings push-settings" onSubmit={save}>
        <section class="push-state" aria-labelledby="push-state-h">
          <h2 id="push-state-h">This browser</h2>
          {!supported() ? (
            <p>This browser can't receive push notifications from Hearth.</p>
          ) : (
            <>
              <p role="status">
                {on
                  ? "Push notifications are on: you get them here even when Hearth is closed."
                  : permission === "denied"
                    ? "Notifications are blocked for this site. Allow them in the browser's site settings to turn push on."
                    : "Push notifications are off."}
              </p>
              {on ? (
                <button type="button" onClick={turnOff} disabled={busy}>
                  Turn off push notifications
                </button>
              ) : (
                <button type="button" class="primary" onClick={turnOn} disabled={busy || permission === "denied"}>
                  Turn on push notifications
                </button>
              )}
            </>
          )}
        </section>
        <fieldset>
          <legend>Notify me about</legend>
          {alerts.map((a) => (
            <label class="check" key={a.key}>
              <input
                type="checkbox"
                name={`alert-${a.key}`}
                checked={!!choice.alerts[a.key]}
                onChange={(e) => {
                  setChoice({ ...choice, alerts: { ...choice.alerts, [a.key]: e.currentTarget.checked } });
                  setSaved(false);
                }}
              />
              {a.label}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>From whom</legend>
          {POLICIES.map(([v, label]) => (
            <label class="check" key={v}>
              <input
                type="radio"
                name="push-policy"
                value={v}
                checked={choice.policy === v}
                onChange={() => {
                  setChoice({ ...choice, policy: v });
                  setSaved(false);
                }}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || (!on && !supported())}>
            {on ? "Save" : "Save and turn on"}
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
