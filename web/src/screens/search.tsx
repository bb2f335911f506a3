/**
 * Search for accounts, hashtags and posts (GET /api/v2/search, resolving remote handles and URLs),
 * with hints for Mastodon's search operators while typing.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { AccountRow, ErrorBox, Loading } from "../components/bits";
import { StatusCard } from "../components/status";
import { useSearchHints } from "../components/search-hints";
import { errorText } from "../lib/errors";
import { navigate } from "../lib/router";
import { useApp } from "../lib/state";

/** The search screen; the query lives in the URL (?q=) so results survive reloads and back. */
export function Search({ q }: { q: string }): JSX.Element {
  const { client } = useApp();
  const [input, setInput] = useState(q);
  const [res, setRes] = useState<mastodon.v2.Search | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const box = useRef<HTMLInputElement>(null);
  const hints = useSearchHints(input, (value, caret) => {
    setInput(value);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(caret, caret);
    });
  });

  const run = async () => {
    if (!q.trim()) return;
    setLoading(true);
    setError(null);
    try {
      setRes(await client.v2.search.list({ q, resolve: true, limit: 20 }));
    } catch (e) {
      setError(errorText(e, "search"));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setInput(q);
    setRes(null);
    void run();
  }, [q]);

  const submit = (e: Event) => {
    e.preventDefault();
    navigate(`/search?q=${encodeURIComponent(input.trim())}`);
  };

  return (
    <>
      <h1 class="screen-title">Search</h1>
      <form role="search" class="search-form" onSubmit={submit}>
        <label for="search-q" class="visually-hidden">
          Search people, hashtags or posts
        </label>
        <input
          id="search-q"
          type="text"
          enterKeyHint="search"
          placeholder="Search or paste a handle or URL"
          ref={box}
          value={input}
          autoComplete="off"
          {...hints.inputProps}
          onInput={(e) => {
            setInput(e.currentTarget.value);
            hints.inputProps.onInput(e);
          }}
          autoFocus={!q}
        />
        <button type="submit">Search</button>
        {hints.list}
      </form>
      <p class="muted search-tip">
        Tip: type <code>from:</code>, <code>has:</code> or <code>"</code> for search operators, or browse{" "}
        <a href="/explore" data-route>
          Explore
        </a>{" "}
        for what is trending.
      </p>
      {error && <ErrorBox text={error} retry={run} />}
      {loading && <Loading label="Searching…" />}
      {res && (
        <div class="results">
          <h2>People</h2>
          {res.accounts.length ? (
            <ul class="account-list">
              {res.accounts.map((a) => (
                <AccountRow key={a.id} account={a} />
              ))}
            </ul>
          ) : (
            <p class="empty">No people found.</p>
          )}
          <h2>Hashtags</h2>
          {res.hashtags.length ? (
            <ul class="tag-list">
              {res.hashtags.map((t) => (
                <li key={t.name}>
                  <a href={`/tags/${encodeURIComponent(t.name)}`} data-route>
                    #{t.name}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">No hashtags found.</p>
          )}
          <h2>Posts</h2>
          {res.statuses.length ? res.statuses.map((s) => <StatusCard key={s.id} status={s} />) : <p class="empty">No posts found.</p>}
        </div>
      )}
    </>
  );
}
