/**
 * Hashtags you follow and feature: the /followed-tags screen (GET /api/v1/followed_tags,
 * POST /api/v1/tags/:name/follow|unfollow), the Follow/Feature toggles of a hashtag timeline,
 * and the "Featured hashtags" list of a profile (GET /api/v1/accounts/:id/featured_tags).
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { ErrorBox, Loading } from "../components/bits";
import { errorText } from "../lib/errors";
import { usePaged } from "../lib/paging";
import { useApp } from "../lib/state";
import "./followed-tags.css";

type Tag = mastodon.v1.Tag;
type FeaturedTag = mastodon.v1.FeaturedTag;

const tagPath = (name: string) => `/tags/${encodeURIComponent(name)}`;
/** The rule the server uses: letters, marks, digits and `_`, with at least one letter or `_`. */
const validName = (n: string) => /^[\p{L}\p{M}\p{N}_]+$/u.test(n) && /[\p{L}_]/u.test(n);
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

/** "12 posts this week" from a Tag's history. */
function weekUsage(t: Tag): string {
  const uses = (t.history ?? []).reduce((sum, h) => sum + Number(h.uses || 0), 0);
  return uses ? `${plural(uses, "post")} this week` : "No posts this week";
}

/** The followed hashtags screen: follow one by name, open or unfollow each. */
export function FollowedTags(_p: Record<string, string>): JSX.Element {
  const app = useApp();
  const { items, setItems, error, loading, done, more } = usePaged<Tag>(
    () => app.client.v1.followedTags.list({ limit: 40 }),
    "load your followed hashtags",
    true,
    40,
  );
  const [name, setName] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const follow = async (e: Event) => {
    e.preventDefault();
    const n = name.trim().replace(/^#/, "");
    if (!validName(n)) {
      setFormError(
        n ? `“${n}” is not a hashtag: use letters, digits and underscores, with at least one letter.` : "Type a hashtag to follow.",
      );
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      const t = await app.client.v1.tags.$select(n).follow();
      setItems((cur) => [t, ...cur.filter((x) => x.id !== t.id)]);
      setName("");
      app.toast(`Following #${t.name}`);
    } catch (err) {
      setFormError(errorText(err, `follow #${n}`));
    } finally {
      setBusy(false);
    }
  };

  const unfollow = async (t: Tag) => {
    try {
      await app.client.v1.tags.$select(t.name).unfollow();
      setItems((cur) => cur.filter((x) => x.id !== t.id));
      app.toast(`Unfollowed #${t.name}`);
    } catch (err) {
      app.toast(errorText(err, `unfollow #${t.name}`), "error");
    }
  };

  return (
    <>
      <h1 class="screen-title">Followed hashtags</h1>
      <p class="muted">Public posts with these hashtags appear in your home timeline.</p>
      <form class="tag-follow-form" onSubmit={follow} noValidate>
        <label for="tag-to-follow">Follow a hashtag</label>
        <div class="tag-follow-row">
          <input
            id="tag-to-follow"
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            placeholder="#hashtag"
            value={name}
            aria-invalid={formError ? true : undefined}
            aria-describedby={formError ? "tag-follow-error" : undefined}
            onInput={(e) => {
              setName(e.currentTarget.value);
              setFormError(null);
            }}
          />
          <button type="submit" class="primary" disabled={busy}>
            Follow
          </button>
        </div>
        {formError && (
          <p id="tag-follow-error" class="error-text" role="alert">
            {formError}
          </p>
        )}
      </form>
      <ul class="followed-tags" aria-label="Followed hashtags">
        {items.map((t) => (
          <li key={t.id} class="tag-row">
            <span class="tag-row-text">
              <a href={tagPath(t.name)} data-route class="tag-row-name">
                #{t.name}
              </a>
              <span class="muted">{weekUsage(t)}</span>
            </span>
            <button type="button" onClick={() => unfollow(t)}>
              Unfollow<span class="visually-hidden"> #{t.name}</span>
            </button>
          </li>
        ))}
      </ul>
      {error && <ErrorBox text={error} retry={more} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && (
        <p class="empty">You don't follow any hashtags yet. Open a hashtag and choose Follow, or type one above.</p>
      )}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={more}>
          Load more
        </button>
      )}
      <FeaturedHashtags accountId={app.me.id} manage />
    </>
  );
}

/** Follow and "Feature on profile" toggles for a hashtag timeline (hidden for names that are not hashtags). */
export function TagActions({ tag }: { tag: string }): JSX.Element | null {
  const app = useApp();
  const [t, setT] = useState<Tag | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setT(null);
    setError(null);
    app.client.v1.tags
      .$select(tag)
      .fetch()
      .then(
        (x) => live && setT(x),
        (e) => live && (e as { statusCode?: number })?.statusCode !== 404 && setError(errorText(e, `load #${tag}`)),
      );
    return () => {
      live = false;
    };
  }, [tag, app.client]);
  if (error)
    return (
      <p class="error-text" role="alert">
        {error}
      </p>
    );
  if (!t) return null;

  const toggle = async (kind: "follow" | "feature") => {
    const on = kind === "follow" ? !!t.following : !!t.featuring;
    setBusy(true);
    try {
      const api = app.client.v1.tags.$select(t.name);
      const next = kind === "follow" ? await (on ? api.unfollow() : api.follow()) : await (on ? api.unfeature() : api.feature());
      setT(next);
      app.toast(
        kind === "follow"
          ? `${on ? "Unfollowed" : "Following"} #${t.name}`
          : `#${t.name} ${on ? "removed from" : "featured on"} your profile`,
      );
    } catch (e) {
      app.toast(
        errorText(e, kind === "follow" ? `${on ? "unfollow" : "follow"} #${t.name}` : `${on ? "unfeature" : "feature"} #${t.name}`),
        "error",
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="tag-actions">
      <button
        type="button"
        class={t.following ? "" : "primary"}
        aria-pressed={!!t.following}
        disabled={busy}
        onClick={() => toggle("follow")}
      >
        {t.following ? `Unfollow #${t.name}` : `Follow #${t.name}`}
      </button>
      <button type="button" aria-pressed={!!t.featuring} disabled={busy} onClick={() => toggle("feature")}>
        Feature on profile
      </button>
    </div>
  );
}

/**
 * An account's featured hashtags with their post counts, linking to the hashtag timelines;
 * nothing when there are none. With `manage` (your own), each has a Remove button.
 */
export function FeaturedHashtags({ accountId, manage = false }: { accountId: string; manage?: boolean }): JSX.Element | null {
  const app = useApp();
  const [items, setItems] = useState<FeaturedTag[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      setItems(manage ? await app.client.v1.featuredTags.list() : await app.client.v1.accounts.$select(accountId).featuredTags.list());
    } catch (e) {
      setError(errorText(e, "load the featured hashtags"));
    }
  };
  useEffect(() => {
    setItems(null);
    void load();
  }, [accountId, manage]);

  const remove = async (f: FeaturedTag) => {
    try {
      await app.client.v1.featuredTags.$select(f.id).remove();
      setItems((cur) => (cur ?? []).filter((x) => x.id !== f.id));
      app.toast(`#${f.name} removed from your profile`);
    } catch (e) {
      app.toast(errorText(e, `remove #${f.name} from your profile`), "error");
    }
  };

  if (error) return <ErrorBox text={error} retry={load} />;
  if (!items || (!items.length && !manage)) return null;
  const title = manage ? "Featured on your profile" : "Featured hashtags";
  return (
    <section class="featured-tags" aria-labelledby={`featured-tags-${accountId}`}>
      <h2 id={`featured-tags-${accountId}`}>{title}</h2>
      {items.length === 0 && <p class="empty">No featured hashtags. Open a hashtag and choose “Feature on profile”.</p>}
      <ul class="featured-tag-list">
        {items.map((f) => (
          <li key={f.id} class="tag-row">
            <span class="tag-row-text">
              <a href={tagPath(f.name)} data-route class="tag-row-name">
                #{f.name}
              </a>
              <span class="muted">
                {plural(f.statusesCount, "post")}
                {f.lastStatusAt && (
                  <>
                    , last <time dateTime={f.lastStatusAt}>{day(f.lastStatusAt)}</time>
                  </>
                )}
              </span>
            </span>
            {manage && (
              <button type="button" onClick={() => remove(f)}>
                Remove<span class="visually-hidden"> #{f.name} from your profile</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
