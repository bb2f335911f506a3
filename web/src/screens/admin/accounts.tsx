/**
 * Moderation › Accounts: a filtered, searchable list (GET /api/v1/admin/accounts) and one
 * account with its details, approve/reject for pending sign-ups and the moderation actions.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Avatar, ErrorBox, Loading } from "../../components/bits";
import { errorText } from "../../lib/errors";
import { displayName, fullTime } from "../../lib/format";
import { usePaged } from "../../lib/paging";
import { navigate } from "../../lib/router";
import { useApp } from "../../lib/state";
import { AccountActions, Badges, ConfirmDialog, type AdminAccount } from "./common";

/** Items per page of the admin list; a shorter page is the last. */
const ADMIN_PAGE = 40;

const ORIGINS: [string, string][] = [
  ["", "Local and remote"],
  ["local", "Local"],
  ["remote", "Remote"],
];
const STATES: [string, string][] = [
  ["", "Any state"],
  ["active", "Active"],
  ["pending", "Pending approval"],
  ["disabled", "Login disabled"],
  ["silenced", "Limited"],
  ["suspended", "Suspended"],
  ["sensitized", "Sensitive"],
];

/** The accounts list with origin and state filters and a username search. */
export function AdminAccounts(): JSX.Element {
  const app = useApp();
  const [origin, setOrigin] = useState("");
  const [state, setState] = useState("");
  const [username, setUsername] = useState("");
  const [query, setQuery] = useState("");
  const { items, error, loading, done, more, reload } = usePaged<AdminAccount>(
    () =>
      app.client.v1.admin.accounts.list({
        local: origin === "local" || undefined,
        remote: origin === "remote" || undefined,
        ...(state ? { [state]: true } : {}),
        username: query || undefined,
        limit: ADMIN_PAGE,
      }),
    "load the accounts",
    false,
    ADMIN_PAGE,
  );
  useEffect(() => void reload(), [origin, state, query]);
  return (
    <section aria-labelledby="admin-accounts-title">
      <h2 id="admin-accounts-title" class="admin-subtitle">
        Accounts
      </h2>
      <form
        class="admin-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery(username.trim());
        }}
      >
        <span class="admin-filter">
          <label for="admin-origin">Origin</label>
          <select id="admin-origin" value={origin} onChange={(e) => setOrigin(e.currentTarget.value)}>
            {ORIGINS.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </span>
        <span class="admin-filter">
          <label for="admin-state">State</label>
          <select id="admin-state" value={state} onChange={(e) => setState(e.currentTarget.value)}>
            {STATES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </span>
        <span class="admin-search">
          <label for="admin-username">Username</label>
          <input id="admin-username" type="search" value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
          <button type="submit">Search</button>
        </span>
      </form>
      <ul class="admin-list">
        {items.map((a) => (
          <li key={a.id} class="admin-item admin-account-row">
            <Avatar account={a.account} size={40} />
            <span>
              <a href={`/admin/accounts/${a.id}`} data-route>
                <bdi>{displayName(a.account)}</bdi> <span class="acct">@{a.account.acct}</span>
              </a>
              <Badges account={a} />
            </span>
          </li>
        ))}
      </ul>
      {error && <ErrorBox text={error} retry={reload} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <p class="empty">No accounts match.</p>}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={more}>
          Load more
        </button>
      )}
    </section>
  );
}

/** One account for moderators. */
export function AdminAccount({ id }: { id: string }): JSX.Element {
  const app = useApp();
  const [a, setA] = useState<AdminAccount | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const api = app.client.v1.admin.accounts.$select(id);
  const load = async () => {
    setError(null);
    try {
      setA(await api.fetch());
    } catch (e) {
      setError(errorText(e, "load the account"));
    }
  };
  useEffect(() => void load(), [id]);
  if (error) return <ErrorBox text={error} retry={load} />;
  if (!a) return <Loading />;
  const handle = `@${a.account.acct}`;
  const pending = !a.domain && !a.approved;
  const approve = async () => {
    try {
      setA(await api.approve());
      app.toast(`${handle} is approved and can sign in`);
    } catch (e) {
      app.toast(errorText(e, `approve ${handle}`), "error");
    }
  };
  const reject = async () => {
    try {
      await api.reject();
      app.toast(`Rejected ${handle}'s sign-up`);
      navigate("/admin/accounts");
    } catch (e) {
      app.toast(errorText(e, `reject ${handle}`), "error");
      throw e;
    }
  };
  return (
    <article class="admin-account" aria-labelledby="admin-account-title">
      <p class="admin-back">
        <a href="/admin/accounts" data-route>
          ← All accounts
        </a>
      </p>
      <div class="admin-party-line">
        <Avatar account={a.account} size={56} />
        <h2 id="admin-account-title" class="admin-subtitle">
          <bdi>{displayName(a.account)}</bdi> <span class="acct">{handle}</span>
        </h2>
      </div>
      <Badges account={a} />
      <dl class="admin-facts">
        {a.domain ? (
          <div>
            <dt>Server</dt>
            <dd>{a.domain}</dd>
          </div>
        ) : (
          <>
            <div>
              <dt>E-mail</dt>
              <dd>{a.email}</dd>
            </div>
            <div>
              <dt>Role</dt>
              <dd>{a.role?.name || "User"}</dd>
            </div>
            <div>
              <dt>Sign-up IP</dt>
              <dd>{a.ip || "Unknown"}</dd>
            </div>
            {a.inviteRequest && (
              <div>
                <dt>Reason to join</dt>
                <dd>{a.inviteRequest}</dd>
              </div>
            )}
          </>
        )}
        <div>
          <dt>Known since</dt>
          <dd>{fullTime(a.createdAt)}</dd>
        </div>
        <div>
          <dt>Posts</dt>
          <dd>{a.account.statusesCount}</dd>
        </div>
      </dl>
      {!a.suspended && (
        <p>
          <a href={`/accounts/${a.id}`} data-route>
            Open the public profile
          </a>
        </p>
      )}
      {pending && (
        <>
          <h3>Sign-up waiting for approval</h3>
          <div class="admin-actions" role="group" aria-label="Sign-up">
            <button type="button" class="primary" onClick={approve}>
              Approve
            </button>
            <button type="button" class="danger" onClick={() => setRejecting(true)}>
              Reject
            </button>
          </div>
          {rejecting && (
            <ConfirmDialog
              title={`Reject ${handle}?`}
              body="The sign-up is deleted and the username becomes free again."
              confirm={`Reject ${handle}`}
              danger
              onConfirm={reject}
              onClose={() => setRejecting(false)}
            />
          )}
        </>
      )}
      <h3>Moderation</h3>
      <AccountActions account={a} onDone={load} />
    </article>
  );
}
