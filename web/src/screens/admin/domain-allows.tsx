/**
 * Administration › Domain allows (/api/v1/admin/domain_allows, Manage Federation): the servers
 * allowed when LIMITED_FEDERATION_MODE is on, a form to allow one, and removal with confirmation.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { fullTime } from "../../lib/format";
import { useApp } from "../../lib/state";
import { ConfirmDialog } from "./common";
import { adminFetch } from "./http";
import { ListState, useLoaded } from "./load";

interface Allow {
  id: string;
  domain: string;
  created_at: string;
}

const BASE = "/api/v1/admin/domain_allows";

/** The domain allows page. */
export function DomainAllows(): JSX.Element {
  const app = useApp();
  const allows = useLoaded(
    () => adminFetch<Allow[]>(app.token, "GET", `${BASE}?limit=200`, "load the allowed domains"),
    "load the allowed domains",
  );
  const [domain, setDomain] = useState("");
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Allow | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    const d = domain.trim();
    if (!d) return app.toast("Enter the domain to allow", "error");
    setBusy(true);
    try {
      const a = await adminFetch<Allow>(app.token, "POST", BASE, `allow ${d}`, { domain: d });
      allows.set((cur) => [a, ...cur.filter((x) => x.id !== a.id)]);
      setDomain("");
      app.toast(`Allowed ${a.domain}`);
    } catch (err) {
      app.toast(errorText(err, `allow ${d}`), "error");
    } finally {
      setBusy(false);
    }
  };
  const remove = async (a: Allow) => {
    try {
      await adminFetch(app.token, "DELETE", `${BASE}/${a.id}`, `remove ${a.domain}`);
      allows.set((cur) => cur.filter((x) => x.id !== a.id));
      app.toast(`${a.domain} is no longer allowed`);
    } catch (err) {
      app.toast(errorText(err, `remove ${a.domain}`), "error");
      throw err;
    }
  };

  return (
    <section aria-labelledby="admin-allows-title">
      <h2 id="admin-allows-title" class="admin-subtitle">
        Domain allows
      </h2>
      <p class="muted">Used when the server runs in limited federation mode: only these servers can talk to it.</p>
      <form class="settings" onSubmit={add} aria-label="Allow a domain">
        <label for="allow-domain">Domain</label>
        <input
          id="allow-domain"
          type="text"
          inputMode="url"
          autoComplete="off"
          placeholder="friends.example"
          value={domain}
          onInput={(e) => setDomain(e.currentTarget.value)}
        />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Allowing…" : "Allow domain"}
          </button>
        </div>
      </form>
      <ListState l={allows} empty="No allowed domains.">
        <ul class="admin-list" aria-label="Allowed domains">
          {(allows.data ?? []).map((a) => (
            <li key={a.id} class="admin-item admin-domain">
              <span class="admin-item-title">{a.domain}</span>
              <span class="muted">since {fullTime(a.created_at)}</span>
              <button type="button" class="danger" onClick={() => setRemoving(a)} aria-label={`Remove ${a.domain}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      </ListState>
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.domain} from the allow-list?`}
          body="In limited federation mode this server will refuse it again."
          confirm="Remove"
          danger
          onConfirm={() => remove(removing)}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
