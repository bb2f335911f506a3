/** Notifications (GET /api/v1/notifications), live from the user stream. */
import type { JSX } from "preact";
import { useEffect } from "preact/hooks";
import { AccountName, Avatar, ErrorBox, Loading, RelativeTime } from "../components/bits";
import { StatusCard } from "../components/status";
import type { Notification, Status } from "../lib/api";
import { subscribe } from "../lib/bus";
import { useApp } from "../lib/state";
import { usePaged } from "../lib/paging";

const VERBS: Record<string, string> = {
  favourite: "favourited your post",
  reblog: "boosted your post",
  follow: "followed you",
  follow_request: "asked to follow you",
  mention: "mentioned you",
  poll: "A poll you voted in or created has ended",
  status: "just posted",
  update: "edited a post you interacted with",
  "admin.sign_up": "signed up",
  "admin.report": "filed a report",
};

/** The notifications screen; clears the unread badge while open. */
export function Notifications(): JSX.Element {
  const app = useApp();
  const { items, setItems, error, loading, done, more, reload } = usePaged<Notification>(
    () => app.client.v1.notifications.list({ limit: 20 }), "load your notifications", false);

  useEffect(() => {
    app.clearUnread();
    void reload();
    return subscribe((e) => {
      if (e.type === "stream" && e.stream === "user" && e.event === "notification") {
        setItems((cur) => (cur.some((n) => n.id === e.payload.id) ? cur : [e.payload as Notification, ...cur]));
        app.clearUnread();
      }
    });
  }, []);

  const change = (s: Status) => setItems((cur) => cur.map((n) => (n.status?.id === s.id ? ({ ...n, status: s } as Notification) : n)));

  return (
    <>
      <h1 class="screen-title">Notifications</h1>
      <ul class="notifications" aria-busy={loading}>
        {items.map((n) => (
          <li key={n.id} class={`notification n-${n.type}`}>
            {n.type === "mention" && n.status ? (
              <StatusCard status={n.status} onChange={change} />
            ) : (
              <div class="notification-body">
                <p class="notification-line">
                  <Avatar account={n.account} size={32} />{" "}
                  {n.type === "poll" ? VERBS.poll : <><AccountName account={n.account} /> {VERBS[n.type] ?? n.type}</>}{" "}
                  <RelativeTime iso={n.createdAt} />
                </p>
                {n.status && (
                  <a class="notification-status" href={`/statuses/${n.status.id}`} data-route>
                    {n.status.spoilerText ? `CW: ${n.status.spoilerText}` : stripTags(n.status.content).slice(0, 200)}
                  </a>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {error && <ErrorBox text={error} retry={() => (items.length === 0 ? reload() : more())} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <p class="empty">No notifications yet.</p>}
      {!loading && !error && !done && items.length > 0 && <button type="button" class="load-more" onClick={() => more()}>Load more</button>}
    </>
  );
}

function stripTags(html: string): string {
  const t = document.createElement("template");
  t.innerHTML = html;
  return t.content.textContent ?? "";
}
