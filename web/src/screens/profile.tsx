/**
 * A profile: header, bio, fields, counts, follow/unfollow, mute, block, feature, a personal
 * note, featured hashtags and profiles, and posts, followers or following.
 */
import { emojifyHtml, EmojiText } from "../lib/emoji";
import type { JSX } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { AccountRow, ErrorBox, Loading } from "../components/bits";
import { Feed } from "../components/feed";
import { FeaturedAccounts, FeatureToggle } from "../components/featured-accounts";
import { ProfileLists } from "../components/list-membership";
import { PinnedPosts } from "../components/pinned";
import { ReportDialog } from "../components/report-dialog";
import { ConfirmDialog, type Confirm } from "../components/confirm-dialog";
import type { Account } from "../lib/api";
import { errorText } from "../lib/errors";
import { displayName, sanitizeHtml } from "../lib/format";
import { useApp } from "../lib/state";
import { usePaged } from "../lib/paging";
import { FeaturedHashtags } from "./followed-tags";

type Tab = "posts" | "media" | "followers" | "following";

/** The profile screen for account `id`. */
export function Profile({ id, tab }: { id: string; tab: Tab }): JSX.Element {
  const app = useApp();
  const [account, setAccount] = useState<Account | null>(null);
  const [rel, setRel] = useState<mastodon.v1.Relationship | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [menu, setMenu] = useState(false);
  const [confirming, setConfirming] = useState<Confirm | null>(null);
  const me = id === app.me.id;

  const load = async () => {
    setError(null);
    try {
      const a = me ? app.me : await app.client.v1.accounts.$select(id).fetch();
      setAccount(a);
      if (!me) setRel((await app.client.v1.accounts.relationships.fetch({ id: [id] }))[0] ?? null);
    } catch (e) {
      setError(errorText(e, "load this profile"));
    }
  };
  useEffect(() => {
    setAccount(null);
    setRel(null);
    void load();
  }, [id, me ? app.me : null]);

  const follow = async () => {
    if (!rel) return;
    setBusy(true);
    const undo = rel.following || rel.requested;
    try {
      const api = app.client.v1.accounts.$select(id);
      const r = undo ? await api.unfollow() : await api.follow();
      setRel(r);
      // Counts change with the follow; the server's account is the source of truth.
      setAccount(await api.fetch());
      app.toast(undo ? `Unfollowed ${displayName(account!)}` : r.requested ? "Follow request sent" : `Following ${displayName(account!)}`);
    } catch (e) {
      app.toast(errorText(e, undo ? "unfollow" : "follow"), "error");
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (kind: "mute" | "block") => {
    if (!rel) return;
    const on = kind === "mute" ? rel.muting : rel.blocking;
    const name = displayName(account!);
    setMenu(false);
    if (!on && kind === "block") {
      setConfirming({
        title: `Block @${account!.acct}?`,
        body: `${name} will not be able to follow you or see your posts, and you won't see theirs.`,
        action: "Block",
        run: () => doToggle(kind, on, name),
      });
      return;
    }
    await doToggle(kind, on, name);
  };
  const doToggle = async (kind: "mute" | "block", on: boolean, name: string) => {
    setBusy(true);
    try {
      const api = app.client.v1.accounts.$select(id);
      const r = kind === "mute" ? (on ? await api.unmute() : await api.mute()) : on ? await api.unblock() : await api.block();
      setRel(r);
      if (kind === "block") setAccount(await api.fetch());
      app.toast(`${on ? (kind === "mute" ? "Unmuted" : "Unblocked") : kind === "mute" ? "Muted" : "Blocked"} ${name}`);
    } catch (e) {
      app.toast(errorText(e, on ? `un${kind}` : kind), "error");
    } finally {
      setBusy(false);
    }
  };

  const posts = useCallback(
    () => app.client.v1.accounts.$select(id).statuses.list({ limit: 20, ...(tab === "media" ? { onlyMedia: true } : {}) }),
    [id, app.client, tab],
  );
  const domain = account?.acct.includes("@") ? account.acct.split("@")[1]! : null;

  if (error) return <ErrorBox text={error} retry={load} />;
  if (!account) return <Loading />;
  const followLabel = rel?.following ? "Unfollow" : rel?.requested ? "Cancel follow request" : rel?.followedBy ? "Follow back" : "Follow";
  return (
    <>
      <section class="profile" aria-labelledby="profile-name">
        <div
          class="profile-header"
          style={
            account.headerStatic && !account.headerStatic.includes("missing")
              ? { backgroundImage: `url(${account.headerStatic})` }
              : undefined
          }
        />
        <div class="profile-top">
          <img class="avatar big" src={account.avatar} alt={`${displayName(account)}'s avatar`} width={96} height={96} />
          <div class="profile-actions">
            {me ? (
              <a class="button" href="/settings/profile" data-route>
                Edit profile
              </a>
            ) : (
              rel && (
                <>
                  {!rel.blocking && (
                    <button type="button" class={rel.following || rel.requested ? "" : "primary"} disabled={busy} onClick={follow}>
                      {followLabel}
                    </button>
                  )}
                  {rel.blocking && (
                    <button type="button" disabled={busy} onClick={() => toggle("block")}>
                      Unblock
                    </button>
                  )}
                  {rel.following && <FeatureToggle account={account} rel={rel} onChange={setRel} />}
                  {rel.following && <ProfileLists accountId={id} name={displayName(account)} />}
                  <div
                    class="status-menu"
                    onKeyDown={(e) => {
                      if (e.key === "Escape" && menu) {
                        e.stopPropagation();
                        setMenu(false);
                      }
                    }}
                  >
                    <button type="button" aria-expanded={menu} title={`More actions for @${account.acct}`} onClick={() => setMenu(!menu)}>
                      <span aria-hidden="true">⋯</span>
                      <span class="visually-hidden">More actions for @{account.acct}</span>
                    </button>
                    {menu && (
                      <ul class="menu-list">
                        <li>
                          <button
                            type="button"
                            autoFocus
                            onClick={() => {
                              setMenu(false);
                              app.edit({
                                status: { id: "", mediaAttachments: [], poll: null, createdAt: "", visibility: "public" } as any,
                                text: `@${account.acct} `,
                                spoilerText: "",
                                redraft: true,
                                mention: true,
                              });
                            }}
                          >
                            Mention @{account.acct}
                          </button>
                        </li>
                        <li>
                          <button type="button" disabled={busy} onClick={() => toggle("mute")}>
                            {rel.muting ? `Unmute @${account.acct}` : `Mute @${account.acct}`}
                          </button>
                        </li>
                        {!rel.blocking && (
                          <li>
                            <button type="button" class="danger" disabled={busy} onClick={() => toggle("block")}>
                              Block @{account.acct}
                            </button>
                          </li>
                        )}
                        <li>
                          <button
                            type="button"
                            onClick={() => {
                              setMenu(false);
                              setReporting(true);
                            }}
                          >
                            Report @{account.acct}
                          </button>
                        </li>
                        {domain && (
                          <li>
                            <button
                              type="button"
                              class="danger"
                              onClick={() => {
                                setMenu(false);
                                setConfirming({
                                  title: `Block the whole of ${domain}?`,
                                  body: `You won't see posts or notifications from anyone on ${domain}, and your followers there are removed.`,
                                  action: "Block domain",
                                  run: async () => {
                                    try {
                                      await app.client.v1.domainBlocks.create({ domain });
                                      app.toast(`Everything from ${domain} is hidden`);
                                    } catch (e) {
                                      app.toast(errorText(e, `block ${domain}`), "error");
                                    }
                                  },
                                });
                              }}
                            >
                              Block domain {domain}
                            </button>
                          </li>
                        )}
                      </ul>
                    )}
                  </div>
                </>
              )
            )}
          </div>
        </div>
        <h1 id="profile-name" class="profile-name">
          <bdi>
            <EmojiText text={displayName(account)} emojis={account.emojis} />
          </bdi>
        </h1>
        <p class="acct">
          @{account.acct}
          {account.locked && " (approves followers)"}
          {rel?.followedBy && <span class="badge">Follows you</span>}
        </p>
        <div class="note" dangerouslySetInnerHTML={{ __html: emojifyHtml(sanitizeHtml(account.note), account.emojis) }} />
        {account.fields.length > 0 && (
          <dl class="fields">
            {account.fields.map((f) => (
              <div key={f.name}>
                <dt>
                  <EmojiText text={f.name} emojis={account.emojis} />
                </dt>
                <dd dangerouslySetInnerHTML={{ __html: emojifyHtml(sanitizeHtml(f.value), account.emojis) }} />
              </div>
            ))}
          </dl>
        )}
        {!me && rel && <NoteBox id={id} initial={rel.note ?? ""} onSaved={(note) => setRel({ ...rel, note })} />}
        <nav class="tabs" aria-label="Profile sections">
          <a href={`/accounts/${id}`} data-route aria-current={tab === "posts" ? "page" : undefined}>
            <strong>{account.statusesCount}</strong> Posts
          </a>
          <a href={`/accounts/${id}/media`} data-route aria-current={tab === "media" ? "page" : undefined}>
            Media
          </a>
          <a href={`/accounts/${id}/following`} data-route aria-current={tab === "following" ? "page" : undefined}>
            <strong>{account.followingCount}</strong> Following
          </a>
          <a href={`/accounts/${id}/followers`} data-route aria-current={tab === "followers" ? "page" : undefined}>
            <strong>{account.followersCount}</strong> Followers
          </a>
        </nav>
      </section>
      {reporting && <ReportDialog account={account} onClose={() => setReporting(false)} />}
      {confirming && <ConfirmDialog {...confirming} onClose={() => setConfirming(null)} />}
      {tab === "posts" && <FeaturedHashtags key={`featured-${id}`} accountId={id} />}
      {tab === "posts" && <FeaturedAccounts key={`endorsed-${id}`} accountId={id} />}
      {tab === "posts" && <PinnedPosts key={`pinned-${id}`} accountId={id} />}
      {tab === "posts" || tab === "media" ? (
        <Feed
          key={`${id}-${tab}`}
          source={posts}
          context="account"
          label={tab === "media" ? `Media by ${displayName(account)}` : `Posts by ${displayName(account)}`}
          empty={tab === "media" ? "No posts with media yet." : "No posts yet."}
          doing="load the posts"
        />
      ) : (
        <AccountList
          key={`${id}-${tab}`}
          load={() =>
            tab === "followers"
              ? app.client.v1.accounts.$select(id).followers.list({ limit: 40 })
              : app.client.v1.accounts.$select(id).following.list({ limit: 40 })
          }
          label={tab === "followers" ? "Followers" : "Following"}
        />
      )}
    </>
  );
}

/** The personal note on an account: visible only to you, saved with /api/v1/accounts/:id/note. */
function NoteBox({ id, initial, onSaved }: { id: string; initial: string; onSaved(note: string): void }): JSX.Element {
  const app = useApp();
  const [text, setText] = useState(initial);
  const [state, setState] = useState<"idle" | "saving" | "saved">("idle");
  useEffect(() => setText(initial), [id]);
  const save = async () => {
    if (text === initial) return;
    setState("saving");
    try {
      const r = await app.client.v1.accounts.$select(id).note.create({ comment: text });
      onSaved(r.note ?? text);
      setState("saved");
    } catch (e) {
      setState("idle");
      app.toast(errorText(e, "save your note"), "error");
    }
  };
  return (
    <div class="note-box">
      <label for="account-note">Personal note (only you can see it)</label>
      <textarea
        id="account-note"
        rows={2}
        maxLength={2000}
        value={text}
        placeholder="Click to add a note"
        onInput={(e) => {
          setText(e.currentTarget.value);
          setState("idle");
        }}
        onBlur={save}
      />
      <p class="muted" role="status">
        {state === "saving" ? "Saving…" : state === "saved" ? "Note saved" : ""}
      </p>
    </div>
  );
}

/** A paged list of accounts. */
export function AccountList({
  load,
  label,
  actions,
}: {
  load: () => mastodon.Paginator<Account[], any>;
  label: string;
  actions?: (a: Account, drop: () => void) => JSX.Element;
}): JSX.Element {
  const { items, setItems, error, loading, done, more } = usePaged<Account>(load, `load ${label.toLowerCase()}`);
  return (
    <section aria-label={label}>
      <ul class="account-list">
        {items.map((a) => (
          <AccountRow key={a.id} account={a}>
            {actions?.(a, () => setItems((cur) => cur.filter((x) => x.id !== a.id)))}
          </AccountRow>
        ))}
      </ul>
      {error && <ErrorBox text={error} retry={more} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <p class="empty">Nobody here yet.</p>}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={more}>
          Load more
        </button>
      )}
    </section>
  );
}
