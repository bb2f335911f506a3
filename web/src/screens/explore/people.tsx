/** Explore's people tabs: suggestions to follow (with dismiss) and the profile directory. */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { AccountRow, ErrorBox, Loading } from "../../components/bits";
import type { Account } from "../../lib/api";
import { errorText } from "../../lib/errors";
import { htmlToText, plural } from "../../lib/format";
import { useApp } from "../../lib/state";
import { Empty, useList } from "./trends";

interface Suggestion {
  account: Account;
  sources?: string[];
}

/** Why an account is suggested, in words (Mastodon's Suggestion.sources). */
const WHY: Record<string, string> = {
  featured: "Picked by the moderators",
  most_followed: "Popular on this server",
  most_interactions: "Active on this server",
  similar_to_recently_followed: "Similar to people you recently followed",
  friends_of_friends: "Followed by people you follow",
};

/** Where the viewer stands with an account: not following, following, or asked to follow (locked account). */
type FollowState = "none" | "following" | "requested";

const followState = (r: { following: boolean; requested: boolean }): FollowState =>
  r.following ? "following" : r.requested ? "requested" : "none";

/** A Follow / Unfollow (or Withdraw request) button for `account` that keeps its own state. */
function FollowButton({ account, state: start = "none" }: { account: Account; state?: FollowState }): JSX.Element {
  const app = useApp();
  const [state, setState] = useState<FollowState>(start);
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    try {
      const api = app.client.v1.accounts.$select(account.id);
      const next = followState(state === "none" ? await api.follow() : await api.unfollow());
      setState(next);
      if (state === "none") app.toast(next === "requested" ? `Asked to follow @${account.acct}` : `Following @${account.acct}`);
    } catch (e) {
      app.toast(errorText(e, state === "none" ? "follow" : state === "requested" ? "withdraw the follow request" : "unfollow"), "error");
    } finally {
      setBusy(false);
    }
  };
  const label = state === "following" ? "Unfollow" : state === "requested" ? "Withdraw request" : "Follow";
  const name = state === "requested" ? `Withdraw request to follow @${account.acct}` : `${label} @${account.acct}`;
  return (
    <button type="button" class={state === "none" ? "primary" : ""} disabled={busy} aria-label={name} onClick={click}>
      {label}
    </button>
  );
}

/** Suggestions (GET /api/v2/suggestions): Follow, or Dismiss (DELETE /api/v1/suggestions/:id). */
export function ForYou(): JSX.Element {
  const app = useApp();
  const { list, setList, error, retry } = useList<Suggestion>(
    async () => (await app.client.v2.suggestions.list({ limit: 20 })) as Suggestion[],
    "load suggestions",
  );
  const dismiss = async (a: Account) => {
    const before = list;
    setList((list ?? []).filter((s) => s.account.id !== a.id));
    try {
      // masto.js types remove() as taking a string; the endpoint takes no body.
      await (app.client.v1.suggestions.$select(a.id).remove as unknown as () => Promise<void>)();
      app.toast(`@${a.acct} won't be suggested again`);
    } catch (e) {
      setList(before);
      app.toast(errorText(e, "dismiss the suggestion"), "error");
    }
  };
  if (error) return <ErrorBox text={error} retry={retry} />;
  if (!list) return <Loading label="Loading suggestions…" rows={2} />;
  if (!list.length)
    return (
      <Empty title="No suggestions for you right now.">
        Suggestions come from who is popular and active here and who the people you follow follow. Browse the{" "}
        <a href="/explore/directory" data-route>
          Directory
        </a>{" "}
        or search for someone you know.
      </Empty>
    );
  return (
    <ul class="account-list explore-people" aria-label="Suggested accounts">
      {list.map((s) => (
        <AccountRow key={s.account.id} account={s.account}>
          <span class="muted why">{(s.sources ?? []).map((x) => WHY[x]).find(Boolean) ?? ""}</span>
          <FollowButton account={s.account} />
          <button
            type="button"
            class="dismiss"
            aria-label={`Dismiss @${s.account.acct}`}
            title="Don't suggest again"
            onClick={() => dismiss(s.account)}
          >
            ×
          </button>
        </AccountRow>
      ))}
    </ul>
  );
}

const PAGE = 20;

/** The profile directory (GET /api/v1/directory): recently active or new, optionally local only. */
export function Directory(): JSX.Element {
  const app = useApp();
  const [order, setOrder] = useState<"active" | "new">("active");
  const [local, setLocal] = useState(false);
  const [list, setList] = useState<Account[] | null>(null);
  // Whether the viewer follows (or asked to follow) each listed account: one relationships call per page.
  const [follows, setFollows] = useState<Map<string, FollowState>>(new Map());
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async (offset: number) => {
    setError(null);
    if (!offset) setList(null);
    try {
      const page = await app.client.v1.directory.list({ order, local, offset, limit: PAGE });
      const ids = page.map((a) => a.id).filter((id) => id !== app.me.id);
      const rels = ids.length ? await app.client.v1.accounts.relationships.fetch({ id: ids }).catch(() => []) : [];
      setFollows((m) => new Map([...(offset ? m : []), ...rels.map((r) => [r.id, followState(r)] as const)]));
      setList((l) => (offset ? [...(l ?? []), ...page] : page));
      setMore(page.length === PAGE);
    } catch (e) {
      setError(errorText(e, "load the directory"));
    }
  };
  useEffect(() => void load(0), [order, local]);
  return (
    <>
      <div class="directory-controls">
        <div role="group" aria-label="Order" class="segmented">
          <button type="button" aria-pressed={order === "active"} onClick={() => setOrder("active")}>
            Recently active
          </button>
          <button type="button" aria-pressed={order === "new"} onClick={() => setOrder("new")}>
            New arrivals
          </button>
        </div>
        <label class="check">
          <input type="checkbox" checked={local} onChange={(e) => setLocal(e.currentTarget.checked)} /> Only from this server
        </label>
      </div>
      {error && <ErrorBox text={error} retry={() => load(list?.length ?? 0)} />}
      {!list && !error && <Loading label="Loading the directory…" rows={2} />}
      {list && !list.length && (
        <Empty title="Nobody is listed in the directory yet.">
          The directory shows people who chose to be listed in it. You can list yourself under{" "}
          <a href="/settings/profile" data-route>
            Edit profile
          </a>
          .
        </Empty>
      )}
      {list && list.length > 0 && (
        <ul class="account-list directory" aria-label="Directory">
          {list.map((a) => (
            <li key={a.id} class="directory-card">
              <ul class="account-list">
                <AccountRow account={a}>
                  <span class="muted">{plural(a.followersCount, "follower")}</span>
                  {follows.has(a.id) ? <FollowButton account={a} state={follows.get(a.id)} /> : <></>}
                </AccountRow>
              </ul>
              {a.note && <p class="directory-note">{htmlToText(a.note).slice(0, 160)}</p>}
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button type="button" class="load-more" onClick={() => load(list?.length ?? 0)}>
          Load more
        </button>
      )}
    </>
  );
}
