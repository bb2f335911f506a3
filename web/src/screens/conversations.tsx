/**
 * Direct conversations (GET /api/v1/conversations): who is in each, the latest post, an unread
 * mark, and actions to mark read (POST …/read) or remove it from the list (DELETE).
 */
import type { JSX } from "preact";
import type { mastodon } from "masto";
import { ErrorBox, Loading } from "../components/bits";
import { StatusCard } from "../components/status";
import { errorText } from "../lib/errors";
import { displayName } from "../lib/format";
import { useApp } from "../lib/state";
import { usePaged } from "../lib/paging";

type Conversation = mastodon.v1.Conversation;

/** The conversations screen. */
export function Conversations(): JSX.Element {
  const app = useApp();
  const { items, setItems, error, loading, done, more } = usePaged<Conversation>(
    () => app.client.v1.conversations.list({ limit: 20 }),
    "load your conversations",
  );

  const read = async (c: Conversation) => {
    try {
      const n = await app.client.v1.conversations.$select(c.id).read();
      setItems((cur) => cur.map((x) => (x.id === c.id ? n : x)));
    } catch (e) {
      app.toast(errorText(e, "mark the conversation as read"), "error");
    }
  };
  const remove = async (c: Conversation) => {
    try {
      await app.client.v1.conversations.$select(c.id).remove();
      setItems((cur) => cur.filter((x) => x.id !== c.id));
      app.toast("Conversation removed from the list");
    } catch (e) {
      app.toast(errorText(e, "remove the conversation"), "error");
    }
  };

  return (
    <>
      <h1 class="screen-title">Conversations</h1>
      <ul class="conversations" aria-label="Conversations">
        {items.map((c) => {
          const who = c.accounts.length ? c.accounts.map((a) => displayName(a)).join(", ") : "Only you";
          return (
            <li key={c.id} class={c.unread ? "unread" : undefined}>
              <p class="conversation-head">
                <strong>
                  With <bdi>{who}</bdi>
                </strong>
                {c.unread && <span class="badge">Unread</span>}
              </p>
              {c.lastStatus && (
                <StatusCard
                  status={c.lastStatus}
                  onChange={(s) => setItems((cur) => cur.map((x) => (x.id === c.id ? { ...x, lastStatus: s } : x)))}
                />
              )}
              <div class="form-actions">
                {c.unread && (
                  <button type="button" onClick={() => read(c)}>
                    Mark as read<span class="visually-hidden"> (with {who})</span>
                  </button>
                )}
                <button type="button" onClick={() => remove(c)}>
                  Remove<span class="visually-hidden"> conversation with {who}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {error && <ErrorBox text={error} retry={more} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <p class="empty">No conversations yet. Posts for mentioned people only appear here.</p>}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={more}>
          Load more
        </button>
      )}
    </>
  );
}
