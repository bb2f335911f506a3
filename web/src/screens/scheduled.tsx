/**
 * Scheduled posts (GET /api/v1/scheduled_statuses): each waiting post with its content warning,
 * text, time and attachments, to reschedule (PUT) or cancel (DELETE). Also the composer's
 * "publish at" field, so both use the same local-time handling.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { mastodon } from "masto";
import { ErrorBox, Loading } from "../components/bits";
import { errorText } from "../lib/errors";
import { fullTime } from "../lib/format";
import { usePaged } from "../lib/paging";
import { useApp } from "../lib/state";
import "./scheduled.css";

type Scheduled = mastodon.v1.ScheduledStatus;
/** The server refuses times closer than this (Mastodon's 5 minutes). */
const MIN_AHEAD_MS = 5 * 60 * 1000;

/** A time as the value of an <input type="datetime-local"> (local time, minutes). */
export function localInputValue(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The ISO time for a datetime-local value, or null when it is empty or not a time. */
export function isoFromLocalInput(value: string): string | null {
  const t = value ? new Date(value).getTime() : NaN;
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** A sensible first choice: one hour from now, on the minute. */
export function defaultScheduleValue(): string {
  return localInputValue(Math.ceil((Date.now() + 60 * 60 * 1000) / 60_000) * 60_000);
}

/** Why a chosen time cannot be used, in words, or null when it is fine. */
export function scheduleProblem(value: string): string | null {
  const iso = isoFromLocalInput(value);
  if (!iso) return "Choose the date and time to publish the post.";
  if (Date.parse(iso) < Date.now() + MIN_AHEAD_MS) return "Choose a time at least 5 minutes from now.";
  return null;
}

/** The composer's labelled "Publish at" field. */
export function ScheduleField({ value, onChange }: { value: string; onChange: (v: string) => void }): JSX.Element {
  return (
    <div class="schedule-field">
      <label for="compose-schedule">Publish at</label>
      <input
        id="compose-schedule"
        type="datetime-local"
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
        aria-describedby="compose-schedule-hint"
      />
      <span id="compose-schedule-hint" class="muted">
        Your local time; at least 5 minutes from now.
      </span>
    </div>
  );
}

const snippet = (s: Scheduled) => {
  const t = (s.params.spoilerText || s.params.text || "").trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t || "post with attachments";
};

/** One waiting post with its Reschedule and Cancel controls. */
function ScheduledItem({ item, onChange, onGone }: { item: Scheduled; onChange: (s: Scheduled) => void; onGone: () => void }): JSX.Element {
  const app = useApp();
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const media = item.mediaAttachments.length;
  const poll = (item.params as any).poll as { options: string[] } | null;
  const name = snippet(item);
  const inputId = `reschedule-${item.id}`;

  const save = async (e: Event) => {
    e.preventDefault();
    const bad = scheduleProblem(editing ?? "");
    setProblem(bad);
    if (bad) return;
    setBusy(true);
    try {
      const next = await app.client.v1.scheduledStatuses.$select(item.id).update({ scheduledAt: isoFromLocalInput(editing!)! });
      onChange(next);
      setEditing(null);
      app.toast(`Rescheduled for ${fullTime(next.scheduledAt)}`);
    } catch (err) {
      setProblem(errorText(err, "reschedule the post"));
    } finally {
      setBusy(false);
    }
  };
  const cancel = async () => {
    if (!confirm(`Cancel the scheduled post "${name}"? It will not be published.`)) return;
    setBusy(true);
    try {
      await app.client.v1.scheduledStatuses.$select(item.id).remove();
      onGone();
      app.toast("Scheduled post cancelled");
    } catch (err) {
      app.toast(errorText(err, "cancel the scheduled post"), "error");
      setBusy(false);
    }
  };

  return (
    <li class="scheduled-item">
      <p class="scheduled-when">
        Publishes <time dateTime={item.scheduledAt}>{fullTime(item.scheduledAt)}</time>
      </p>
      {item.params.spoilerText && (
        <p class="scheduled-cw">
          <strong>Content warning:</strong> <bdi>{item.params.spoilerText}</bdi>
        </p>
      )}
      {item.params.text && <p class="scheduled-text">{item.params.text}</p>}
      <p class="muted scheduled-meta">
        {[
          media ? `${media} ${media === 1 ? "attachment" : "attachments"}` : null,
          poll ? `Poll with ${poll.options.length} options` : null,
          item.params.visibility ? `Visibility: ${item.params.visibility}` : null,
          item.params.inReplyToId ? "Reply" : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {editing !== null ? (
        <form class="reschedule-form" onSubmit={save} aria-label={`Reschedule "${name}"`}>
          <label for={inputId}>New time</label>
          <input id={inputId} type="datetime-local" value={editing} onInput={(e) => setEditing(e.currentTarget.value)} />
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>
              Save time
            </button>
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setProblem(null);
              }}
            >
              Keep the old time
            </button>
          </div>
        </form>
      ) : (
        <div class="form-actions">
          <button type="button" onClick={() => setEditing(localInputValue(Date.parse(item.scheduledAt)))} disabled={busy}>
            Reschedule<span class="visually-hidden"> "{name}"</span>
          </button>
          <button type="button" class="danger" onClick={cancel} disabled={busy}>
            Cancel<span class="visually-hidden"> "{name}"</span>
          </button>
        </div>
      )}
      {problem && (
        <p class="error-text" role="alert">
          {problem}
        </p>
      )}
    </li>
  );
}

/** The scheduled posts screen. */
export function Scheduled(_p: Record<string, string>): JSX.Element {
  const app = useApp();
  const { items, setItems, error, loading, done, more } = usePaged<Scheduled>(
    () => app.client.v1.scheduledStatuses.list({ limit: 20 }),
    "load your scheduled posts",
    true,
    20,
  );
  const sorted = [...items].sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt));
  return (
    <>
      <h1 class="screen-title">Scheduled posts</h1>
      <p class="muted">Posts you scheduled in the composer wait here until their time.</p>
      {sorted.length > 0 && (
        <ul class="scheduled-list" aria-label="Scheduled posts">
          {sorted.map((s) => (
            <ScheduledItem
              key={s.id}
              item={s}
              onChange={(n) => setItems((cur) => cur.map((x) => (x.id === n.id ? n : x)))}
              onGone={() => setItems((cur) => cur.filter((x) => x.id !== s.id))}
            />
          ))}
        </ul>
      )}
      {error && <ErrorBox text={error} retry={more} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <p class="empty">Nothing is scheduled.</p>}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={more}>
          Load more
        </button>
      )}
    </>
  );
}
