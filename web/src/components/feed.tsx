/**
 * A paged list of statuses with live updates: new posts from the stream wait behind a
 * "new posts" bar (so the list never jumps under the reader), deletions and edits apply at once.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { mastodon } from "masto";
import type { Status } from "../lib/api";
import { subscribe } from "../lib/bus";
import { errorText } from "../lib/errors";
import { openStream } from "../lib/streaming";
import { useApp } from "../lib/state";
import { ErrorBox, Loading } from "./bits";
import { StatusCard } from "./status";
import { filterVerdict, type FilterContext } from "../lib/filters";

export interface FeedProps {
  /** Makes a fresh paginator (called on mount and on refresh). */
  source: () => mastodon.Paginator<Status[], any>;
  /** Stream to follow: "user" uses the app's shared socket; others open their own. */
  stream?: { name: string; params?: Record<string, string> };
  /** Whether a post the user just made belongs here (home: yes). */
  acceptOwnPosts?: boolean;
  label: string;
  empty: string;
  doing: string;
  /** Where this feed is shown: the viewer's filters for this context apply (none when absent). */
  context?: FilterContext;
  /** A next step shown under the empty message (a link to another screen). */
  emptyAction?: { href: string; label: string };
  /** The `limit` the source asks for: a shorter page is the last one, so "Load more" goes away. */
  pageSize?: number;
}

/** The post a feed item shows: a boost and the boosted post are the same post to the reader. */
const postId = (x: Status) => x.reblog?.id ?? x.id;

/**
 * Items of `add` that are not yet in `base`, as Mastodon's home feed does: the same status id
 * once, and a boost of a post already in the feed (or a second boost of it) is left out.
 */
export function newItems(base: Status[], add: Status[]): Status[] {
  const seen = new Set<string>();
  for (const x of base) seen.add(x.id).add(postId(x));
  const out: Status[] = [];
  for (const x of add) {
    if (seen.has(x.id) || seen.has(postId(x))) continue;
    seen.add(x.id).add(postId(x));
    out.push(x);
  }
  return out;
}

/** Renders a feed of statuses with paging, live updates and keyboard-friendly articles. */
export function Feed({ source, stream, acceptOwnPosts, label, empty, emptyAction, doing, context, pageSize = 20 }: FeedProps): JSX.Element {
  const app = useApp();
  const [items, setItems] = useState<Status[]>([]);
  const [pending, setPending] = useState<Status[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [done, setDone] = useState(false);
  const iter = useRef<AsyncIterator<Status[], undefined, any> | null>(null);
  const list = useRef<HTMLDivElement>(null);

  const loadMore = async (reset = false) => {
    if (reset) {
      iter.current = source()[Symbol.asyncIterator]();
      setDone(false);
    }
    setLoading(true);
    setError(null);
    try {
      const r = await iter.current!.next();
      const page = r.done ? [] : (r.value ?? []);
      if (r.done || page.length < pageSize) setDone(true);
      setItems((cur) => {
        const base = reset ? [] : cur;
        return [...base, ...newItems(base, page)];
      });
      if (reset) setPending([]);
    } catch (e) {
      setError(errorText(e, doing));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    setItems([]);
    void loadMore(true);
  }, [source]);

  useEffect(() => {
    const onEvent = (event: string, payload: any) => {
      if (event === "update") {
        setPending((p) => [...newItems(p, [payload as Status]), ...p]);
      } else if (event === "delete") {
        const id = String(payload);
        const keep = (x: Status) => x.id !== id && x.reblog?.id !== id;
        setItems((cur) => cur.filter(keep));
        setPending((p) => p.filter(keep));
      } else if (event === "status.update") {
        const s = payload as Status;
        setItems((cur) => cur.map((x) => (x.id === s.id ? s : x.reblog?.id === s.id ? { ...x, reblog: s } : x)));
      }
    };
    const unsub = subscribe((e) => {
      if (e.type === "edited") onEvent("status.update", e.status);
      else if (e.type === "deleted") onEvent("delete", e.id);
      else if (e.type === "posted" && acceptOwnPosts) {
        setItems((cur) => [...newItems(cur, [e.status]), ...cur]);
      } else if (e.type === "stream" && stream?.name === "user" && e.stream === "user") {
        onEvent(e.event, e.payload);
      }
    });
    const own =
      stream && stream.name !== "user"
        ? openStream(app.streamBase, app.token, stream.name, stream.params ?? {}, (e) => onEvent(e.event, e.payload))
        : null;
    return () => {
      unsub();
      own?.close();
    };
  }, [source, stream?.name, stream?.params?.tag]);

  const showPending = () => {
    setItems((cur) => [...newItems(cur, pending), ...cur]);
    setPending([]);
    window.scrollTo({ top: 0 });
    queueMicrotask(() => list.current?.querySelector<HTMLElement>("article.status")?.focus());
  };

  const change = (s: Status) => setItems((cur) => cur.map((x) => (x.id === s.id ? s : x)));
  const remove = (id: string) => setItems((cur) => cur.filter((x) => x.id !== id));
  // Posts that are already shown (e.g. our own, added on posting) don't count as new.
  const hidden = (x: Status) => filterVerdict(x, context, app.me.id)?.action === "hide";
  const fresh = newItems(items, pending).filter((p) => !hidden(p));
  const shown = items.filter((x) => !hidden(x));

  return (
    <section class="feed-wrap" aria-label={label}>
      {fresh.length > 0 && (
        <button type="button" class="new-posts" onClick={showPending}>
          Show {fresh.length} new {fresh.length === 1 ? "post" : "posts"}
        </button>
      )}
      {/* role="feed" only with articles inside: an empty feed role fails aria-required-children */}
      <div
        role={shown.length > 0 ? "feed" : undefined}
        aria-busy={shown.length > 0 ? loading : undefined}
        aria-label={shown.length > 0 ? label : undefined}
        ref={list}
      >
        {shown.map((s, i) => (
          <StatusCard
            key={s.id}
            status={s}
            onChange={change}
            onDelete={remove}
            pos={i + 1}
            size={done ? shown.length : -1}
            context={context}
          />
        ))}
      </div>
      {error && <ErrorBox text={error} retry={() => loadMore(items.length === 0)} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && (
        <div class="empty">
          <p>{empty}</p>
          {emptyAction && (
            <a class="button primary" href={emptyAction.href} data-route>
              {emptyAction.label}
            </a>
          )}
        </div>
      )}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={() => loadMore()}>
          Load more
        </button>
      )}
    </section>
  );
}
