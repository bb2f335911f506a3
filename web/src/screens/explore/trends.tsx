/** Explore's trend tabs: posts, hashtags (counts and a sparkline) and news (link cards). */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { ErrorBox, Loading } from "../../components/bits";
import { StatusCard } from "../../components/status";
import type { Status } from "../../lib/api";
import { errorText } from "../../lib/errors";
import { plural } from "../../lib/format";
import { useApp } from "../../lib/state";

/** Loads a list once; `error`/`loading` as the screen shows them, `retry` reloads. */
export function useList<T>(fetch: () => PromiseLike<T[]>, what: string, deps: unknown[] = []) {
  const [list, setList] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    setList(null);
    try {
      setList(await fetch());
    } catch (e) {
      setError(errorText(e, what));
    }
  };
  useEffect(() => void load(), deps);
  return { list, setList, error, retry: load };
}

/** What an empty tab says: why it is empty and what a person can do. */
export function Empty({ title, children }: { title: string; children: JSX.Element | string | (JSX.Element | string)[] }): JSX.Element {
  return (
    <div class="empty explore-empty">
      <p>
        <strong>{title}</strong>
      </p>
      <p>{children}</p>
    </div>
  );
}

/** Trending posts (GET /api/v1/trends/statuses). */
export function TrendingPosts(): JSX.Element {
  const { client } = useApp();
  const { list, setList, error, retry } = useList<Status>(() => client.v1.trends.statuses.list({ limit: 20 }), "load trending posts");
  if (error) return <ErrorBox text={error} retry={retry} />;
  if (!list) return <Loading label="Loading trending posts…" />;
  if (!list.length)
    return (
      <Empty title="Nothing is trending yet.">
        Posts show here when many people boost and favourite them, once the moderators have reviewed them. Meanwhile, look at{" "}
        <a href="/local" data-route>
          the local timeline
        </a>{" "}
        or follow a few people from{" "}
        <a href="/explore/suggestions" data-route>
          For you
        </a>
        .
      </Empty>
    );
  return (
    <div class="feed" role="feed" aria-label="Trending posts">
      {list.map((s, i) => (
        <StatusCard
          key={s.id}
          status={s}
          pos={i + 1}
          size={list.length}
          context="public"
          onChange={(n) => setList(list.map((x) => (x.id === n.id ? n : x)))}
        />
      ))}
    </div>
  );
}

/** Sum of a history field over its newest `days` entries (Mastodon's history is newest first). */
function recent(
  history: readonly { uses: string; accounts: string }[] | null | undefined,
  field: "uses" | "accounts",
  days: number,
): number {
  return (history ?? []).slice(0, days).reduce((n, h) => n + Number(h[field] || 0), 0);
}

/** A small line of the week's daily uses, oldest on the left (decorative: the text says the count). */
function Sparkline({ history }: { history: readonly { uses: string }[] }): JSX.Element {
  const values = [...history]
    .slice(0, 7)
    .reverse()
    .map((h) => Number(h.uses || 0));
  const max = Math.max(1, ...values);
  const w = 60;
  const h = 20;
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(h - 2 - (v / max) * (h - 4)).toFixed(1)}`).join(" ");
  return (
    <svg class="sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" focusable="false">
      <polyline fill="none" stroke="currentColor" stroke-width="2" points={points} />
    </svg>
  );
}

/** Trending hashtags (GET /api/v1/trends/tags) with people and posts of the last two days. */
export function TrendingTags(): JSX.Element {
  const { client } = useApp();
  const { list, error, retry } = useList<mastodon.v1.Tag>(() => client.v1.trends.tags.list({ limit: 20 }), "load trending hashtags");
  if (error) return <ErrorBox text={error} retry={retry} />;
  if (!list) return <Loading label="Loading trending hashtags…" rows={2} />;
  if (!list.length)
    return (
      <Empty title="No hashtags are trending yet.">
        A hashtag trends when several people use it in public posts on the same days. Use hashtags in your posts, or{" "}
        <a href="/followed-tags" data-route>
          follow hashtags
        </a>{" "}
        you care about.
      </Empty>
    );
  return (
    <ul class="trend-tags" aria-label="Trending hashtags">
      {list.map((t) => {
        const people = recent(t.history, "accounts", 2);
        const uses = recent(t.history, "uses", 7);
        return (
          <li key={t.name}>
            <a href={`/tags/${encodeURIComponent(t.name)}`} data-route class="trend-tag">
              <span class="tag-name">#{t.name}</span>
              <span class="muted">
                {plural(people, "person", "people")} in the past 2 days · {plural(uses, "post")} this week
              </span>
            </a>
            {t.history && t.history.length > 1 && <Sparkline history={t.history} />}
          </li>
        );
      })}
    </ul>
  );
}

/** Trending news (GET /api/v1/trends/links) as readable link cards opening the article. */
export function TrendingLinks(): JSX.Element {
  const { client } = useApp();
  const { list, error, retry } = useList<mastodon.v1.TrendLink>(() => client.v1.trends.links.list({ limit: 20 }), "load trending news");
  if (error) return <ErrorBox text={error} retry={retry} />;
  if (!list) return <Loading label="Loading trending news…" rows={2} />;
  if (!list.length)
    return (
      <Empty title="No news is trending yet.">
        Links show here when many people share the same article in public posts, once the moderators have reviewed them. Check back later.
      </Empty>
    );
  return (
    <ul class="trend-links" aria-label="Trending news">
      {list.map((l) => {
        const people = recent(l.history, "accounts", 2);
        let host = "";
        try {
          host = new URL(l.url).hostname;
        } catch {}
        return (
          <li key={l.url}>
            <a class="link-card" href={l.url} target="_blank" rel="noopener noreferrer nofollow">
              {l.image && <img src={l.image} alt="" loading="lazy" width={120} height={80} />}
              <span class="link-text">
                <span class="link-provider">{l.providerName || host}</span>
                <span class="link-title">{l.title || l.url}</span>
                {l.description && <span class="link-description">{l.description}</span>}
                <span class="muted">
                  {l.authorName ? `By ${l.authorName} · ` : ""}
                  {plural(people, "person", "people")} talking in the past 2 days
                </span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
