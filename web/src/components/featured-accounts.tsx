/**
 * Featured profiles (Mastodon's endorsements): the accounts a profile features, shown next to
 * its featured hashtags, and the "Feature on profile" toggle for an account you follow.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { mastodon } from "masto";
import type { Account } from "../lib/api";
import { errorText } from "../lib/errors";
import { displayName } from "../lib/format";
import { usePaged } from "../lib/paging";
import { useApp } from "../lib/state";
import { AccountRow, ErrorBox, Loading } from "./bits";
import "../screens/featured-accounts.css";

const PAGE = 40;

/**
 * The accounts `accountId` features (GET /api/v1/accounts/:id/endorsements), as avatars and
 * names linking to their profiles; nothing while empty. On your own profile each has a Remove button.
 */
export function FeaturedAccounts({ accountId }: { accountId: string }): JSX.Element | null {
  const app = useApp();
  const mine = accountId === app.me.id;
  const { items, setItems, error, loading, done, more } = usePaged<Account>(
    () => app.client.v1.accounts.$select(accountId).endorsements.list({ limit: PAGE }),
    "load the featured profiles",
    true,
    PAGE,
  );
  const remove = async (a: Account) => {
    try {
      await app.client.v1.accounts.$select(a.id).unendorse();
      setItems((cur) => cur.filter((x) => x.id !== a.id));
      app.toast(`${displayName(a)} is no longer featured on your profile`);
    } catch (e) {
      app.toast(errorText(e, "stop featuring this profile"), "error");
    }
  };
  if (error) return <ErrorBox text={error} retry={more} />;
  // Like the featured hashtags: nothing at all until there is something to show.
  if (items.length === 0) return null;
  const heading = `featured-accounts-${accountId}`;
  return (
    <section class="featured-accounts" aria-labelledby={heading}>
      <h2 id={heading}>Featured profiles</h2>
      <ul class="account-list featured-account-list">
        {items.map((a) => (
          <AccountRow key={a.id} account={a}>
            {mine && (
              <button type="button" onClick={() => remove(a)}>
                Remove<span class="visually-hidden"> {displayName(a)} from your profile</span>
              </button>
            )}
          </AccountRow>
        ))}
      </ul>
      {loading && <Loading />}
      {!loading && !done && items.length % PAGE === 0 && (
        <button type="button" class="load-more" onClick={more}>
          Show more featured profiles
        </button>
      )}
    </section>
  );
}

/**
 * "Feature on profile" / "Stop featuring on profile" for an account you follow
 * (POST /api/v1/accounts/:id/endorse | unendorse); reports the new Relationship.
 */
export function FeatureToggle({
  account,
  rel,
  onChange,
}: {
  account: Account;
  rel: mastodon.v1.Relationship;
  onChange(r: mastodon.v1.Relationship): void;
}): JSX.Element {
  const app = useApp();
  const [busy, setBusy] = useState(false);
  const on = !!rel.endorsed;
  const name = displayName(account);
  const toggle = async () => {
    setBusy(true);
    try {
      const api = app.client.v1.accounts.$select(account.id);
      onChange(on ? await api.unendorse() : await api.endorse());
      app.toast(on ? `${name} is no longer featured on your profile` : `${name} is featured on your profile`);
    } catch (e) {
      app.toast(errorText(e, on ? "stop featuring this profile" : "feature this profile"), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="feature-toggle" aria-pressed={on} disabled={busy} onClick={toggle}>
      {on ? "Stop featuring on profile" : "Feature on profile"}
    </button>
  );
}
