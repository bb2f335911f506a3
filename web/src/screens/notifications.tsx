/**
 * Notifications, grouped (GET /api/v2/notifications: "Alice and 3 others favourited your post"),
 * or one by one from /api/v1/notifications on servers without grouping; live from the user stream.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { AccountName, AccountRow, ErrorBox, Loading, RelativeTime } from "../components/bits";
import { StatusCard } from "../components/status";
import type { Account, Notification, Status } from "../lib/api";
import { subscribe } from "../lib/bus";
import { errorText } from "../lib/errors";
import { displayName, htmlToText } from "../lib/format";
import { filterVerdict } from "../lib/filters";
import { useApp } from "../lib/state";
import { useLocation } from "../lib/router";
import { Icon } from "../components/icons";
import {
  addLive,
  addPage,
  addSingles,
  EMPTY,
  groupAccounts,
  isRealGroup,
  newerId,
  withStatus,
  type Group,
  type Store,
} from "./notifications-model";
import { RequestsLink } from "./notification-requests";
import "./notifications.css";

const VERBS: Record<string, string> = {
  favourite: "favourited your post",
  reblog: "boosted your post",
  follow: "followed you",
  follow_request: "asked to follow you",
  mention: "mentioned you",
  status: "just posted",
  update: "edited a post you interacted with",
  quote: "quoted your post",
  quoted_update: "edited a post you quoted",
  "admin.sign_up": "signed up",
  "admin.report": "filed a report",
};
const POLL_ENDED = "A poll you voted in or created has ended";
/** moderation_warning: what the moderators did (AccountWarning.action). */
const WARNED: Record<string, string> = {
  none: "Your account has received a moderation warning",
  disable: "Your login has been disabled by the moderators",
  sensitive: "The moderators will mark your posts as sensitive",
  silence: "Your account has been limited by the moderators",
  suspend: "Your account has been suspended",
};
const PAGE = 20;

/** The icon beside each kind of notification (Mastodon's web app shows one per type). */
const ICONS: Record<string, string> = {
  follow: "follow",
  follow_request: "follow",
  favourite: "favourite",
  reblog: "reblog",
  mention: "mention",
  poll: "poll",
  update: "edit",
  status: "bell",
  quote: "quote",
  quoted_update: "quote",
  "admin.sign_up": "shield",
  "admin.report": "shield",
  moderation_warning: "flag",
  severed_relationships: "flag",
};

/** The type's icon, decorative (the line says what happened). */
function TypeIcon({ type }: { type: string }): JSX.Element {
  return (
    <span class={`n-icon n-icon-${(ICONS[type] ?? "bell").replace(".", "-")}`}>
      <Icon name={ICONS[type] ?? "bell"} size={20} />
    </span>
  );
}

/** The notifications screen; clears the unread badge and moves the read marker while open. */
export function Notifications(): JSX.Element {
  const app = useApp();
  const loc = useLocation();
  const mentions = loc.searchParams.get("filter") === "mentions";
  const mentionsRef = useRef(mentions);
  mentionsRef.current = mentions;
  const [store, setStore] = useState<Store>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [done, setDone] = useState(false);
  const v1 = useRef(((app.instance as any)?.apiVersions?.mastodon ?? 2) < 2);
  const iter = useRef<AsyncIterator<unknown> | null>(null);
  const marked = useRef("");
  const current = useRef(store);
  current.current = store;

  // Mentions: `types[]=mention`, as Mastodon's web app asks for its Mentions tab.
  const open = () => {
    const params = { limit: PAGE, ...(mentionsRef.current ? { types: ["mention"] } : {}) } as any;
    return (v1.current ? app.client.v1.notifications.list(params) : app.client.v2.notifications.list(params))[Symbol.asyncIterator]();
  };

  const load = async (reset: boolean): Promise<void> => {
    if (reset || !iter.current) iter.current = open();
    setLoading(true);
    setError(null);
    if (reset) setDone(false);
    try {
      const r = await iter.current.next();
      if (v1.current) {
        const list = (r.done ? [] : (r.value ?? [])) as Notification[];
        if (list.length < PAGE) setDone(true);
        setStore((cur) => addSingles(reset ? EMPTY : cur, list));
      } else {
        const page = (r.done ? null : r.value) as Parameters<typeof addPage>[1] | null;
        if (!page || page.notificationGroups.length === 0) setDone(true);
        if (page) setStore((cur) => addPage(reset ? EMPTY : cur, page));
      }
    } catch (e) {
      // Servers before Mastodon 4.3 have no grouped notifications: read them one by one.
      if (!v1.current && (e as { statusCode?: number }).statusCode === 404) {
        v1.current = true;
        return load(true);
      }
      setError(errorText(e, "load your notifications"));
    } finally {
      setLoading(false);
    }
  };

  // A notification for a group that is not on screen: ask for the whole group.
  const fetchGroup = async (n: Notification) => {
    try {
      const page = await app.client.v2.notifications.$select(n.groupKey).fetch();
      setStore((cur) => {
        const next = addPage(cur, page, true);
        return { ...next, groups: next.groups.map((g) => (g.key === n.groupKey && !g.latestAt ? { ...g, latestAt: n.createdAt } : g)) };
      });
    } catch {
      setStore((cur) => addLive(cur, n, true));
    }
  };

  useEffect(() => {
    setStore(EMPTY);
    void load(true);
  }, [mentions]);

  useEffect(() => {
    app.clearUnread();
    return subscribe((e) => {
      // Accepted notification requests were merged into the list: read it again.
      if (e.type === "stream" && e.event === "notifications_merged") return void load(true);
      if (e.type !== "stream" || e.stream !== "user" || e.event !== "notification") return;
      const n = e.payload as Notification;
      app.clearUnread();
      if (mentionsRef.current && n.type !== "mention") return;
      const grouped = !v1.current && !!n.groupKey && isRealGroup(n.groupKey);
      if (grouped && !current.current.groups.some((g) => g.key === n.groupKey)) void fetchGroup(n);
      else setStore((cur) => addLive(cur, n, !v1.current));
    });
  }, []);

  // Everything on screen has been seen: move the notifications read marker (as Mastodon's web app does).
  const newest = store.groups.reduce((m, g) => (newerId(g.mostRecentId, m) ? g.mostRecentId : m), "0");
  useEffect(() => {
    if (newest === "0" || !newerId(newest, marked.current)) return;
    marked.current = newest;
    app.client.v1.markers
      .create({ notifications: { lastReadId: newest } })
      .catch((e) => app.toast(errorText(e, "mark your notifications as read"), "error"));
  }, [newest]);

  const change = (s: Status) => setStore((cur) => withStatus(cur, s));
  // A mention hidden by a `hide` filter leaves no empty row behind (StatusCard renders nothing for it).
  const hidden = (g: Group) =>
    g.type === "mention" &&
    !!g.statusId &&
    !!store.statuses[g.statusId] &&
    filterVerdict(store.statuses[g.statusId]!, "notifications", app.me.id)?.action === "hide";
  const items = store.groups.filter((g) => !hidden(g));

  return (
    <>
      <h1 class="screen-title">Notifications</h1>
      <nav class="tabs" aria-label="Which notifications">
        <a href="/notifications" data-route aria-current={!mentions ? "page" : undefined}>
          All
        </a>
        <a href="/notifications?filter=mentions" data-route aria-current={mentions ? "page" : undefined}>
          Mentions
        </a>
      </nav>
      <RequestsLink />
      <ul class="notifications" aria-busy={loading}>
        {items.map((g) => (
          <li key={g.key} class={`notification n-${g.type.replace(".", "-")}`}>
            <GroupItem group={g} store={store} grouped={!v1.current} onChange={change} />
          </li>
        ))}
      </ul>
      {error && <ErrorBox text={error} retry={() => load(items.length === 0)} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && (
        <p class="empty">
          {mentions ? "No mentions yet. When someone mentions you, it shows here." : "No notifications yet. "}
          {!mentions && (
            <a href="/search" data-route>
              Find people to follow
            </a>
          )}
        </p>
      )}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={() => load(false)}>
          Load more
        </button>
      )}
    </>
  );
}

interface ItemProps {
  group: Group;
  store: Store;
  grouped: boolean;
  onChange: (s: Status) => void;
}

/** One group: a mention as its post; anything else as "who did what", avatars and the post excerpt. */
function GroupItem({ group: g, store, grouped, onChange }: ItemProps): JSX.Element | null {
  const accounts = groupAccounts(store, g);
  const status = g.statusId ? store.statuses[g.statusId] : undefined;
  const first = accounts[0];
  if (!first) return null;
  if (g.type === "mention" && status) return <StatusCard status={status} onChange={onChange} context="notifications" />;
  if (g.type === "moderation_warning") {
    const w = g.warning;
    return (
      <div class="notification-body">
        <p class="notification-line">
          <TypeIcon type={g.type} />
          {WARNED[w?.action ?? "none"] ?? WARNED.none}
          {w?.text ? `: ${w.text}` : "."} {g.latestAt && <RelativeTime iso={g.latestAt} />}
        </p>
      </div>
    );
  }
  const others = g.count - 1;
  return (
    <div class="notification-body">
      <div class="notification-head">
        <TypeIcon type={g.type} />
        <AvatarRow accounts={accounts} />
      </div>
      <p class="notification-line">
        {g.type === "poll" ? (
          POLL_ENDED
        ) : (
          <>
            <AccountName account={first} />
            {others > 0 && (
              <>
                {" "}
                and {others} {others === 1 ? "other" : "others"}
              </>
            )}{" "}
            {g.type === "admin.report" && g.reportTarget ? (
              <>
                reported <AccountName account={g.reportTarget} />
              </>
            ) : (
              (VERBS[g.type] ?? g.type)
            )}
          </>
        )}{" "}
        {g.latestAt && <RelativeTime iso={g.latestAt} />}
      </p>
      {status && (
        <a class="notification-status" href={`/statuses/${status.id}`} data-route>
          {status.spoilerText ? `CW: ${status.spoilerText}` : htmlToText(status.content).slice(0, 200)}
        </a>
      )}
      {grouped && g.count > 1 && isRealGroup(g.key) && <AllAccounts group={g} what={VERBS[g.type] ?? g.type} />}
    </div>
  );
}

/** Up to eight small avatars, each a link to the profile named by its alt text. */
function AvatarRow({ accounts }: { accounts: Account[] }): JSX.Element {
  return (
    <ul class="group-avatars" aria-label="Latest accounts">
      {accounts.map((a) => (
        <li key={a.id}>
          <a href={`/accounts/${a.id}`} data-route>
            <img
              class="avatar"
              src={a.avatarStatic || a.avatar}
              width={28}
              height={28}
              alt={displayName(a)}
              loading="lazy"
              decoding="async"
            />
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A disclosure listing everyone in the group (GET /api/v2/notifications/:group_key/accounts). */
function AllAccounts({ group, what }: { group: Group; what: string }): JSX.Element {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [list, setList] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = `group-accounts-${group.key.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
  const fetchAll = async () => {
    setError(null);
    try {
      setList(await app.client.v2.notifications.$select(group.key).accounts.fetch());
    } catch (e) {
      setError(errorText(e, "load the accounts"));
    }
  };
  // A new notification in the group refreshes an open list.
  useEffect(() => {
    if (open) void fetchAll();
  }, [open, group.count]);
  return (
    <div class="group-all">
      <button type="button" class="link" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? "Hide accounts" : `Show all ${group.count} accounts`}
      </button>
      {open && (
        <div id={id}>
          {error && <ErrorBox text={error} retry={fetchAll} />}
          {!error && !list && <Loading />}
          {list && (
            <ul class="account-list" aria-label={`Everyone who ${what}`}>
              {list.map((a) => (
                <AccountRow key={a.id} account={a} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
