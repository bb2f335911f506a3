/**
 * The server's active announcements above Home, as Mastodon's web UI shows them: one at a time
 * with a pager, the unread count beside the heading, Dismiss (POST …/dismiss marks it read) and
 * reactions (PUT/DELETE …/reactions/:name, counts and your own marked). Loaded as its own chunk.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { errorText } from "../lib/errors";
import { fullTime, sanitizeHtml } from "../lib/format";
import { useApp } from "../lib/state";
import { RelativeTime } from "./bits";
import "./announcements.css";

/** masto.js omits `read`, which the server sends for the signed-in user. */
type Announcement = mastodon.v1.Announcement & { read?: boolean };

/** Reactions offered by the "Add reaction" button (any Unicode emoji or custom shortcode is accepted by the server). */
const QUICK = ["👍", "❤️", "😂", "🎉", "😮", "🙏"];

/** When an announcement is about, as Mastodon shows it: a range of days (all-day) or of times. */
function when(a: Announcement): string | null {
  if (!a.startsAt || !a.endsAt) return null;
  if (a.allDay) {
    const d = (iso: string) => new Date(iso).toLocaleDateString(undefined, { month: "short", day: "numeric", year: "numeric" });
    const [from, to] = [d(a.startsAt), d(a.endsAt)];
    return from === to ? from : `${from} – ${to}`;
  }
  return `${fullTime(a.startsAt)} – ${fullTime(a.endsAt)}`;
}

/** The panel; `list` is the current announcements, `setList` updates them after an action. */
export function Announcements({ list, setList }: { list: Announcement[]; setList(l: Announcement[]): void }): JSX.Element {
  const app = useApp();
  const unread = list.filter((a) => !a.read).length;
  const [open, setOpen] = useState(unread > 0);
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      list.findIndex((a) => !a.read),
    ),
  );
  const [picking, setPicking] = useState(false);
  const [busy, setBusy] = useState(false);
  // A new unread announcement (streamed while Home is open) opens the panel on it.
  const seen = useRef(unread);
  useEffect(() => {
    if (unread > seen.current) {
      setOpen(true);
      setIndex(
        Math.max(
          0,
          list.findIndex((a) => !a.read),
        ),
      );
    }
    seen.current = unread;
  }, [unread]);
  const i = Math.min(index, list.length - 1);
  const a = list[i]!;

  const replace = (next: Announcement) => setList(list.map((x) => (x.id === next.id ? next : x)));

  const dismiss = async () => {
    setBusy(true);
    try {
      await app.client.v1.announcements.$select(a.id).dismiss();
      const next = list.map((x) => (x.id === a.id ? { ...x, read: true } : x));
      setList(next);
      const after = next.findIndex((x) => !x.read);
      if (after >= 0) setIndex(after);
      else setOpen(false);
      app.toast("Announcement dismissed");
    } catch (e) {
      app.toast(errorText(e, "dismiss the announcement"), "error");
    } finally {
      setBusy(false);
    }
  };

  const react = async (name: string) => {
    const had = a.reactions.find((r) => r.name === name);
    const on = !!had?.me;
    setPicking(false);
    setBusy(true);
    try {
      const api = app.client.v1.announcements.$select(a.id).reactions.$select(name);
      await (on ? api.remove() : api.update());
      const reactions = had
        ? a.reactions.map((r) => (r.name === name ? { ...r, me: !on, count: r.count + (on ? -1 : 1) } : r)).filter((r) => r.count > 0)
        : [...a.reactions, { name, count: 1, me: true } as Announcement["reactions"][number]];
      replace({ ...a, reactions });
    } catch (e) {
      app.toast(errorText(e, on ? "remove your reaction" : "react"), "error");
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="announcements" aria-labelledby="announcements-h">
      <div class="announcements-head">
        <h2 id="announcements-h">
          Announcements
          {unread > 0 && (
            <span class="badge">
              <span class="visually-hidden">, </span>
              {unread}
              <span class="visually-hidden"> unread</span>
            </span>
          )}
        </h2>
        <button type="button" aria-expanded={open} aria-controls="announcements-body" onClick={() => setOpen(!open)}>
          {open ? "Hide" : "Show"}
          <span class="visually-hidden"> announcements</span>
        </button>
      </div>
      {open && (
        <div id="announcements-body">
          <article class={`announcement${a.read ? "" : " unread"}`} aria-label={`Announcement ${i + 1} of ${list.length}`}>
            <div class="announcement-meta">
              <span>
                {a.read ? "" : "New · "}
                <RelativeTime iso={a.publishedAt} />
              </span>
              {list.length > 1 && (
                <span class="announcement-pager">
                  <button type="button" disabled={i === 0} onClick={() => setIndex(i - 1)} aria-label="Previous announcement">
                    ‹
                  </button>
                  <span>
                    {i + 1} / {list.length}
                  </span>
                  <button type="button" disabled={i === list.length - 1} onClick={() => setIndex(i + 1)} aria-label="Next announcement">
                    ›
                  </button>
                </span>
              )}
            </div>
            {when(a) && <p class="announcement-when">{when(a)}</p>}
            <div class="content" dangerouslySetInnerHTML={{ __html: sanitizeHtml(a.content) }} />
            <div class="announcement-actions">
              <ul class="reactions" aria-label="Reactions">
                {a.reactions.map((r) => (
                  <li key={r.name}>
                    <button
                      type="button"
                      aria-pressed={!!r.me}
                      disabled={busy}
                      onClick={() => react(r.name)}
                      title={r.me ? `Remove your ${r.name} reaction` : `React with ${r.name}`}
                    >
                      {r.url ? <img src={r.staticUrl || r.url} alt={`:${r.name}:`} width={18} height={18} /> : r.name}{" "}
                      <span class="count">{r.count}</span>
                    </button>
                  </li>
                ))}
                <li>
                  <button type="button" aria-expanded={picking} disabled={busy} onClick={() => setPicking(!picking)}>
                    + <span>Add reaction</span>
                  </button>
                </li>
              </ul>
              {!a.read && (
                <button type="button" class="primary" disabled={busy} onClick={dismiss}>
                  Dismiss
                </button>
              )}
            </div>
            {picking && (
              <div class="reaction-picker" role="group" aria-label="Pick a reaction">
                {QUICK.map((e) => (
                  <button type="button" key={e} onClick={() => react(e)} aria-label={`React with ${e}`}>
                    {e}
                  </button>
                ))}
              </div>
            )}
          </article>
        </div>
      )}
    </section>
  );
}
