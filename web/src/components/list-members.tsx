/**
 * "Manage members" of a list: the members with Remove buttons (GET/DELETE
 * /api/v1/lists/:id/accounts) and a search among accounts you follow to add more (POST).
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Account } from "../lib/api";
import { errorText } from "../lib/errors";
import { displayName } from "../lib/format";
import { useApp } from "../lib/state";
import { AccountRow, ErrorBox, Loading } from "./bits";

/** The members panel of list `listId`; `onChange` runs after each add or remove. */
export function ListMembers({ listId, title, onChange }: { listId: string; title: string; onChange(): void }): JSX.Element {
  const app = useApp();
  const [members, setMembers] = useState<Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Account[] | null>(null);
  const [searching, setSearching] = useState(false);
  const api = app.client.v1.lists.$select(listId).accounts;

  const load = async () => {
    setError(null);
    try {
      setMembers([...(await api.list({ limit: 0 }))]);
    } catch (e) {
      setError(errorText(e, "load the members"));
    }
  };
  useEffect(() => void load(), [listId]);

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setResults(null);
      return;
    }
    let live = true;
    const t = setTimeout(async () => {
      setSearching(true);
      try {
        const found = await app.client.v1.accounts.search.list({ q: text, following: true, limit: 10 });
        if (live) setResults(found);
      } catch (e) {
        if (live) app.toast(errorText(e, "search the people you follow"), "error");
      } finally {
        if (live) setSearching(false);
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);

  const add = async (a: Account) => {
    try {
      await api.create({ accountIds: [a.id] });
      setMembers((cur) => [a, ...(cur ?? []).filter((x) => x.id !== a.id)]);
      onChange();
      app.toast(`Added ${displayName(a)} to “${title}”`);
    } catch (e) {
      app.toast(errorText(e, `add ${displayName(a)} to the list`), "error");
    }
  };
  const remove = async (a: Account) => {
    try {
      await api.remove({ accountIds: [a.id] });
      setMembers((cur) => (cur ?? []).filter((x) => x.id !== a.id));
      onChange();
      app.toast(`Removed ${displayName(a)} from “${title}”`);
    } catch (e) {
      app.toast(errorText(e, `remove ${displayName(a)} from the list`), "error");
    }
  };
  const isMember = (a: Account) => !!members?.some((m) => m.id === a.id);

  return (
    <section id="list-members" class="list-members" aria-labelledby="list-members-title">
      <h2 id="list-members-title">Members</h2>
      {error && <ErrorBox text={error} retry={load} />}
      {!members && !error && <Loading />}
      {members && members.length === 0 && <p class="empty">Nobody is on this list yet.</p>}
      {members && members.length > 0 && (
        <ul class="account-list" aria-label={`Members of ${title}`}>
          {members.map((a) => (
            <AccountRow key={a.id} account={a}>
              <button type="button" onClick={() => remove(a)}>
                Remove<span class="visually-hidden"> {displayName(a)}</span>
              </button>
            </AccountRow>
          ))}
        </ul>
      )}
      <h3>Add people you follow</h3>
      <form role="search" class="search-form" onSubmit={(e) => e.preventDefault()}>
        <label for="list-member-search" class="visually-hidden">
          Search people you follow
        </label>
        <input
          id="list-member-search"
          type="search"
          placeholder="Search people you follow"
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
        />
      </form>
      {searching && <Loading label="Searching…" />}
      {results && !searching && results.length === 0 && <p class="empty">Nobody you follow matches “{q.trim()}”.</p>}
      {results && results.length > 0 && (
        <ul class="account-list" aria-label="Search results">
          {results.map((a) => (
            <AccountRow key={a.id} account={a}>
              {isMember(a) ? (
                <span class="muted">On the list</span>
              ) : (
                <button type="button" class="primary" onClick={() => add(a)}>
                  Add<span class="visually-hidden"> {displayName(a)}</span>
                </button>
              )}
            </AccountRow>
          ))}
        </ul>
      )}
    </section>
  );
}
