/**
 * Filtered notifications (Mastodon 4.3 notification requests): senders whose notifications the
 * policy held back, with their latest post, to accept (GET/POST /api/v1/notifications/requests)
 * or dismiss; and the notification settings (the policy, /api/v2/notifications/policy).
 * Also the link the notifications screen shows to get here.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { AccountName, Avatar, ErrorBox, Loading, RelativeTime } from "../components/bits";
import { subscribe } from "../lib/bus";
import { errorText } from "../lib/errors";
import { displayName, htmlToText } from "../lib/format";
import { usePaged } from "../lib/paging";
import { useApp } from "../lib/state";
import "./notification-requests.css";

type Request = mastodon.v1.NotificationRequest;
type Policy = mastodon.v2.NotificationPolicy;
type PolicyValue = mastodon.v2.NotificationPolicyType;
const PAGE = 20;
type PolicyKey = "forNotFollowing" | "forNotFollowers" | "forNewAccounts" | "forPrivateMentions" | "forLimitedAccounts";

/** The documented policy fields, in Mastodon's words. */
const FIELDS: { key: PolicyKey; label: string; hint: string }[] = [
  { key: "forNotFollowing", label: "People you don't follow", hint: "Until you accept them." },
  { key: "forNotFollowers", label: "People not following you", hint: "Including people who have followed you for less than 3 days." },
  { key: "forNewAccounts", label: "New accounts", hint: "Created within the past 30 days." },
  {
    key: "forPrivateMentions",
    label: "Unsolicited private mentions",
    hint: "Unless it answers your own private mention, or you follow the sender.",
  },
  { key: "forLimitedAccounts", label: "Moderated accounts", hint: "Limited by the server's moderators." },
];
const CHOICES: { value: PolicyValue; label: string }[] = [
  { value: "accept", label: "Accept" },
  { value: "filter", label: "Filter (keep for review here)" },
  { value: "drop", label: "Drop (never notify)" },
];

/**
 * The notifications screen's way here: "Filtered notifications (N)" while requests wait,
 * otherwise a quieter "Notification settings" link. Refreshes when requests are merged.
 */
export function RequestsLink(): JSX.Element | null {
  const app = useApp();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const load = () =>
      app.client.v2.notifications.policy
        .fetch()
        .then((p) => setCount(p.summary.pendingRequestsCount))
        .catch(() => setCount(null)); // servers without filtering: no link
    void load();
    return subscribe((e) => {
      if (e.type === "stream" && e.event === "notifications_merged") void load();
    });
  }, []);
  if (count === null) return null;
  return (
    <p class="requests-link">
      <a href="/notifications/requests" data-route>
        {count > 0 ? `Filtered notifications (${count})` : "Notification settings"}
      </a>
    </p>
  );
}

/** The filtered notifications screen. */
export function NotificationRequests(_p: Record<string, string>): JSX.Element {
  const app = useApp();
  const { items, setItems, error, loading, done, more } = usePaged<Request>(
    () => app.client.v1.notifications.requests.list({ limit: PAGE }),
    "load your filtered notifications",
    true,
    PAGE,
  );
  const gone = (id: string) => setItems((cur) => cur.filter((r) => r.id !== id));
  return (
    <>
      <h1 class="screen-title">Filtered notifications</h1>
      <p class="muted">
        Your notification settings held these back. Accept a sender to move their notifications into your list and let later ones through;
        dismiss to delete them.
      </p>
      {items.length > 0 && (
        <ul class="request-list" aria-label="Notification requests">
          {items.map((r) => (
            <RequestItem key={r.id} request={r} onGone={() => gone(r.id)} />
          ))}
        </ul>
      )}
      {error && <ErrorBox text={error} retry={more} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <p class="empty">No filtered notifications.</p>}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={more}>
          Load more
        </button>
      )}
      <PolicyForm />
    </>
  );
}

/** One sender: who, how many, their latest post, Accept and Dismiss. */
function RequestItem({ request: r, onGone }: { request: Request; onGone: () => void }): JSX.Element {
  const app = useApp();
  const [busy, setBusy] = useState(false);
  const name = displayName(r.account);
  const count = Number(r.notificationsCount);
  const act = async (accept: boolean) => {
    setBusy(true);
    try {
      const api = app.client.v1.notifications.requests.$select(r.id);
      await (accept ? api.accept() : api.dismiss());
      onGone();
      app.toast(accept ? `Notifications from ${name} are now in your notifications` : `Dismissed the notifications from ${name}`);
    } catch (e) {
      app.toast(errorText(e, accept ? "accept the request" : "dismiss the request"), "error");
      setBusy(false);
    }
  };
  const post = r.lastStatus;
  return (
    <li class="request-item">
      <div class="request-who">
        <Avatar account={r.account} size={40} />
        <div>
          <AccountName account={r.account} />
          <p class="muted request-count">
            {count} filtered {count === 1 ? "notification" : "notifications"}, updated <RelativeTime iso={r.updatedAt} />
          </p>
        </div>
      </div>
      {post && (
        <a class="request-post" href={`/statuses/${post.id}`} data-route>
          {post.spoilerText ? `CW: ${post.spoilerText}` : htmlToText(post.content).slice(0, 200) || "Post with attachments"}
        </a>
      )}
      <div class="form-actions">
        <button type="button" class="primary" disabled={busy} onClick={() => act(true)} aria-label={`Accept ${name}`}>
          Accept
        </button>
        <button type="button" disabled={busy} onClick={() => act(false)} aria-label={`Dismiss ${name}`}>
          Dismiss
        </button>
      </div>
    </li>
  );
}

/** The notification policy: for each kind of sender, accept, filter or drop. */
function PolicyForm(): JSX.Element {
  const app = useApp();
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [draft, setDraft] = useState<Partial<Record<PolicyKey, PolicyValue>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setError(null);
    try {
      setPolicy(await app.client.v2.notifications.policy.fetch());
    } catch (e) {
      setError(errorText(e, "load your notification settings"));
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      setPolicy(await app.client.v2.notifications.policy.update(draft));
      setDraft({});
      app.toast("Notification settings saved");
    } catch (err) {
      app.toast(errorText(err, "save your notification settings"), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="policy" aria-labelledby="policy-title">
      <h2 id="policy-title">Notification settings</h2>
      <p class="muted">What to do with notifications from these people. People you follow always get through.</p>
      {error && <ErrorBox text={error} retry={load} />}
      {!error && !policy && <Loading />}
      {policy && (
        <form class="policy-form" onSubmit={save}>
          {FIELDS.map((f) => (
            <div class="policy-field" key={f.key}>
              <label for={`policy-${f.key}`}>{f.label}</label>
              <select
                id={`policy-${f.key}`}
                aria-describedby={`policy-${f.key}-hint`}
                value={draft[f.key] ?? policy[f.key]}
                onChange={(e) => setDraft({ ...draft, [f.key]: e.currentTarget.value as PolicyValue })}
              >
                {CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
              <span id={`policy-${f.key}-hint`} class="muted">
                {f.hint}
              </span>
            </div>
          ))}
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy || Object.keys(draft).length === 0}>
              Save settings
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
