/**
 * First steps for a new account (/start, its own chunk): fill in your profile, follow people
 * suggested by /api/v2/suggestions, follow hashtags (trending ones from /api/v1/trends/tags, or
 * one typed in). Opening it, or Done, retires the welcome card on Home for good in this browser.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { AccountRow, ErrorBox, Loading } from "../../components/bits";
import { errorText } from "../../lib/errors";
import { setOnboardingDone } from "../../lib/onboarding";
import { navigate } from "../../lib/router";
import { useApp } from "../../lib/state";
import "./onboarding.css";

type Account = mastodon.v1.Account;
type Tag = mastodon.v1.Tag;

/** The first-steps screen. */
export function Onboarding(): JSX.Element {
  const app = useApp();
  useEffect(() => setOnboardingDone(app.me.id), [app.me.id]);
  const me = app.me;
  const profileDone = !!(me.note?.trim() || (me.displayName && me.displayName !== me.username) || !/missing/.test(me.avatar));
  return (
    <div class="onboarding">
      <h1 class="screen-title">Welcome to Hearth</h1>
      <p class="lead">Three steps to make this place yours. Do them in any order, now or later.</p>
      <ol class="steps">
        <li>
          <section aria-labelledby="step-profile">
            <h2 id="step-profile">Fill in your profile</h2>
            <p>
              {profileDone
                ? "Your profile has a start. Add a picture, a few words about you and links whenever you like."
                : "A picture, a display name and a few words help people decide to follow you back."}
            </p>
            <a class="button" href="/settings/profile" data-route>
              Edit your profile
            </a>
          </section>
        </li>
        <li>
          <section aria-labelledby="step-people">
            <h2 id="step-people">Find people to follow</h2>
            <Suggestions />
          </section>
        </li>
        <li>
          <section aria-labelledby="step-tags">
            <h2 id="step-tags">Follow hashtags</h2>
            <Hashtags />
          </section>
        </li>
      </ol>
      <div class="form-actions">
        <button type="button" class="primary" onClick={() => navigate("/home")}>
          Done, go to Home
        </button>
      </div>
    </div>
  );
}

function Suggestions(): JSX.Element {
  const app = useApp();
  const [list, setList] = useState<Account[] | null>(null);
  const [following, setFollowing] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const load = () => {
    setError(null);
    app.client.v2.suggestions.list({ limit: 10 }).then(
      (l) => setList(l.map((s) => s.account)),
      (e) => setError(errorText(e, "load suggestions")),
    );
  };
  useEffect(load, [app.client]);
  if (error) return <ErrorBox text={error} retry={load} />;
  if (!list) return <Loading label="Loading suggestions…" rows={2} />;
  if (list.length === 0)
    return (
      <p>
        No suggestions yet.{" "}
        <a href="/search" data-route>
          Search for people
        </a>{" "}
        by name or address.
      </p>
    );
  const toggle = async (a: Account) => {
    const on = !!following[a.id];
    setBusy(a.id);
    try {
      const api = app.client.v1.accounts.$select(a.id);
      const rel = await (on ? api.unfollow() : api.follow());
      setFollowing({ ...following, [a.id]: rel.following || rel.requested });
      app.toast(on ? `Unfollowed @${a.acct}` : rel.requested ? `Follow request sent to @${a.acct}` : `Following @${a.acct}`);
    } catch (e) {
      app.toast(errorText(e, on ? `unfollow @${a.acct}` : `follow @${a.acct}`), "error");
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <p>People others here interact with and follow:</p>
      <ul class="account-list">
        {list.map((a) => (
          <AccountRow account={a} key={a.id}>
            <button
              type="button"
              class={following[a.id] ? "" : "primary"}
              aria-pressed={!!following[a.id]}
              disabled={busy === a.id}
              onClick={() => toggle(a)}
            >
              {following[a.id] ? "Unfollow" : "Follow"}
              <span class="visually-hidden"> @{a.acct}</span>
            </button>
          </AccountRow>
        ))}
      </ul>
    </>
  );
}

function Hashtags(): JSX.Element {
  const app = useApp();
  const [tags, setTags] = useState<Tag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  useEffect(() => {
    app.client.v1.trends.tags.list({ limit: 10 }).then(
      (l) => setTags(l),
      (e) => setError(errorText(e, "load trending hashtags")),
    );
  }, [app.client]);

  const setTag = (t: Tag) =>
    setTags((l) => {
      const list = l ?? [];
      return list.some((x) => x.name.toLowerCase() === t.name.toLowerCase())
        ? list.map((x) => (x.name.toLowerCase() === t.name.toLowerCase() ? t : x))
        : [t, ...list];
    });

  const toggle = async (name: string, on: boolean) => {
    setBusy(name);
    try {
      const api = app.client.v1.tags.$select(name);
      const t = await (on ? api.unfollow() : api.follow());
      setTag(t);
      app.toast(on ? `Unfollowed #${t.name}` : `Following #${t.name}`);
      return true;
    } catch (e) {
      app.toast(errorText(e, on ? `unfollow #${name}` : `follow #${name}`), "error");
      return false;
    } finally {
      setBusy(null);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const name = typed.trim().replace(/^#/, "");
    if (!name) return;
    if (await toggle(name, false)) setTyped("");
  };

  return (
    <>
      <p>Posts with the hashtags you follow appear in your home timeline.</p>
      {error ? (
        <p class="error-text" role="alert">
          {error}
        </p>
      ) : !tags ? (
        <Loading label="Loading hashtags…" rows={1} />
      ) : tags.length === 0 ? (
        <p class="muted">Nothing is trending right now: type a hashtag you care about.</p>
      ) : (
        <ul class="tag-chips">
          {tags.map((t) => (
            <li key={t.name}>
              <button type="button" aria-pressed={!!t.following} disabled={busy === t.name} onClick={() => toggle(t.name, !!t.following)}>
                #{t.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="follow-tag" onSubmit={submit}>
        <label for="onboarding-tag">Follow a hashtag</label>
        <div class="row">
          <input
            id="onboarding-tag"
            type="text"
            value={typed}
            placeholder="#gardening"
            autocomplete="off"
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
          <button type="submit" disabled={!typed.trim() || busy !== null}>
            Follow
          </button>
        </div>
      </form>
    </>
  );
}
