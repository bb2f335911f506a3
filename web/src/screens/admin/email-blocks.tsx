/**
 * Administration › E-mail blocks (Manage Blocks): blocked e-mail domains
 * (/api/v1/admin/email_domain_blocks, with the sign-ups they refused this week) and blocked
 * addresses (/api/v1/admin/canonical_email_blocks: an address is stored as the hash of its
 * canonical form, so the list shows hashes; "Check an address" tells whether one is blocked).
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { plural } from "../../lib/format";
import { useApp } from "../../lib/state";
import { ConfirmDialog } from "./common";
import { adminFetch } from "./http";
import { ListState, useLoaded } from "./load";

interface DomainBlock {
  id: string;
  domain: string;
  history: { uses: string }[];
}
interface AddressBlock {
  id: string;
  canonical_email_hash: string;
}

const DOMAINS = "/api/v1/admin/email_domain_blocks";
const ADDRESSES = "/api/v1/admin/canonical_email_blocks";

/** The e-mail blocks page. */
export function EmailBlocks(): JSX.Element {
  const app = useApp();
  const call = <T,>(method: string, path: string, doing: string, body?: unknown) => adminFetch<T>(app.token, method, path, doing, body);
  const domains = useLoaded(
    () => call<DomainBlock[]>("GET", `${DOMAINS}?limit=200`, "load the e-mail domain blocks"),
    "load the e-mail domain blocks",
  );
  const addresses = useLoaded(
    () => call<AddressBlock[]>("GET", `${ADDRESSES}?limit=200`, "load the blocked addresses"),
    "load the blocked addresses",
  );
  const [domain, setDomain] = useState("");
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<{ label: string; path: string; done(): void } | null>(null);

  const run = async (e: Event, f: () => Promise<void>) => {
    e.preventDefault();
    setBusy(true);
    try {
      await f();
    } finally {
      setBusy(false);
    }
  };
  const addDomain = (e: Event) =>
    run(e, async () => {
      const d = domain.trim();
      if (!d) return app.toast("Enter the e-mail domain to block", "error");
      try {
        const b = await call<DomainBlock>("POST", DOMAINS, `block ${d}`, { domain: d });
        domains.set((cur) => [b, ...cur.filter((x) => x.id !== b.id)]);
        setDomain("");
        app.toast(`Sign-ups from ${b.domain} addresses are blocked`);
      } catch (err) {
        app.toast(errorText(err, `block ${d}`), "error");
      }
    });
  const addAddress = (e: Event) =>
    run(e, async () => {
      const a = email.trim();
      if (!a) return app.toast("Enter the e-mail address to block", "error");
      try {
        const b = await call<AddressBlock>("POST", ADDRESSES, `block ${a}`, { email: a });
        addresses.set((cur) => [b, ...cur.filter((x) => x.id !== b.id)]);
        setEmail("");
        app.toast(`${a} and its variants are blocked`);
      } catch (err) {
        app.toast(errorText(err, `block ${a}`), "error");
      }
    });
  const check = async () => {
    const a = email.trim();
    if (!a) return app.toast("Enter the e-mail address to check", "error");
    try {
      const hits = await call<AddressBlock[]>("POST", `${ADDRESSES}/test`, `check ${a}`, { email: a });
      app.toast(hits.length ? `${a} is blocked` : `${a} is not blocked`);
    } catch (err) {
      app.toast(errorText(err, `check ${a}`), "error");
    }
  };
  const remove = async () => {
    if (!removing) return;
    try {
      await call("DELETE", removing.path, `unblock ${removing.label}`);
      removing.done();
      app.toast(`Unblocked ${removing.label}`);
    } catch (err) {
      app.toast(errorText(err, `unblock ${removing.label}`), "error");
      throw err;
    }
  };

  return (
    <section aria-labelledby="admin-email-title">
      <h2 id="admin-email-title" class="admin-subtitle">
        E-mail blocks
      </h2>
      <h3 id="admin-email-domains">Blocked e-mail domains</h3>
      <form class="settings" onSubmit={addDomain} aria-label="Block an e-mail domain">
        <label for="email-domain">E-mail domain</label>
        <input
          id="email-domain"
          type="text"
          inputMode="url"
          autoComplete="off"
          placeholder="spam-mail.example"
          value={domain}
          onInput={(e) => setDomain(e.currentTarget.value)}
        />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            Block e-mail domain
          </button>
        </div>
      </form>
      <ListState l={domains} empty="No blocked e-mail domains.">
        <ul class="admin-list" aria-labelledby="admin-email-domains">
          {(domains.data ?? []).map((b) => {
            const week = b.history.reduce((n, h) => n + Number(h.uses), 0);
            return (
              <li key={b.id} class="admin-item admin-domain">
                <span class="admin-item-title">{b.domain}</span>
                <span class="muted">{plural(week, "sign-up")} refused this week</span>
                <button
                  type="button"
                  class="danger"
                  aria-label={`Unblock ${b.domain}`}
                  onClick={() =>
                    setRemoving({
                      label: b.domain,
                      path: `${DOMAINS}/${b.id}`,
                      done: () => domains.set((c) => c.filter((x) => x.id !== b.id)),
                    })
                  }
                >
                  Unblock
                </button>
              </li>
            );
          })}
        </ul>
      </ListState>
      <h3 id="admin-email-addresses">Blocked addresses</h3>
      <form class="settings" onSubmit={addAddress} aria-label="Block an e-mail address">
        <label for="email-address">E-mail address (dots and +tags count as the same address)</label>
        <input id="email-address" type="email" autoComplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            Block address
          </button>
          <button type="button" onClick={() => void check()}>
            Check an address
          </button>
        </div>
      </form>
      <ListState l={addresses} empty="No blocked addresses.">
        <ul class="admin-list" aria-labelledby="admin-email-addresses">
          {(addresses.data ?? []).map((b) => (
            <li key={b.id} class="admin-item admin-domain">
              <span class="admin-item-title admin-hash" title="SHA-256 of the canonical address">
                {b.canonical_email_hash.slice(0, 16)}…
              </span>
              <button
                type="button"
                class="danger"
                aria-label={`Unblock the address ${b.canonical_email_hash.slice(0, 16)}`}
                onClick={() =>
                  setRemoving({
                    label: "the address",
                    path: `${ADDRESSES}/${b.id}`,
                    done: () => addresses.set((c) => c.filter((x) => x.id !== b.id)),
                  })
                }
              >
                Unblock
              </button>
            </li>
          ))}
        </ul>
      </ListState>
      {removing && (
        <ConfirmDialog
          title={`Unblock ${removing.label}?`}
          body="Sign-ups with it are accepted again."
          confirm="Unblock"
          danger
          onConfirm={remove}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
