/**
 * Administration › IP blocks (/api/v1/admin/ip_blocks, Manage Blocks): the blocked addresses and
 * ranges with their severity and expiry, a form to add one, and removal with confirmation.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { fullTime } from "../../lib/format";
import { useApp } from "../../lib/state";
import { ConfirmDialog } from "./common";
import { adminFetch } from "./http";
import { ListState, useLoaded } from "./load";

interface IpBlock {
  id: string;
  ip: string;
  severity: string;
  comment: string;
  created_at: string;
  expires_at: string | null;
}

const BASE = "/api/v1/admin/ip_blocks";
const SEVERITY: Record<string, string> = {
  sign_up_requires_approval: "Sign-ups need approval",
  sign_up_block: "Sign-ups blocked",
  no_access: "No access at all",
};
const EXPIRY: [string, string][] = [
  ["", "Never"],
  ["86400", "1 day"],
  ["604800", "1 week"],
  ["2592000", "30 days"],
  ["31536000", "1 year"],
];

/** The IP blocks page. */
export function IpBlocks(): JSX.Element {
  const app = useApp();
  const blocks = useLoaded(() => adminFetch<IpBlock[]>(app.token, "GET", `${BASE}?limit=200`, "load the IP blocks"), "load the IP blocks");
  const [ip, setIp] = useState("");
  const [severity, setSeverity] = useState("sign_up_requires_approval");
  const [expires, setExpires] = useState("");
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<IpBlock | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    const value = ip.trim();
    if (!value) return app.toast("Enter an IP address or range", "error");
    setBusy(true);
    try {
      const b = await adminFetch<IpBlock>(app.token, "POST", BASE, `block ${value}`, {
        ip: value,
        severity,
        comment: comment.trim(),
        ...(expires ? { expires_in: Number(expires) } : {}),
      });
      blocks.set((cur) => [b, ...cur]);
      setIp("");
      setComment("");
      app.toast(`Blocked ${b.ip}`);
    } catch (err) {
      app.toast(errorText(err, `block ${value}`), "error");
    } finally {
      setBusy(false);
    }
  };
  const remove = async (b: IpBlock) => {
    try {
      await adminFetch(app.token, "DELETE", `${BASE}/${b.id}`, `remove the block of ${b.ip}`);
      blocks.set((cur) => cur.filter((x) => x.id !== b.id));
      app.toast(`${b.ip} is no longer blocked`);
    } catch (err) {
      app.toast(errorText(err, `remove the block of ${b.ip}`), "error");
      throw err;
    }
  };

  return (
    <section aria-labelledby="admin-ip-title">
      <h2 id="admin-ip-title" class="admin-subtitle">
        IP blocks
      </h2>
      <form class="settings" onSubmit={add} aria-label="Block an IP address">
        <label for="ip-value">IP address or range (CIDR)</label>
        <input
          id="ip-value"
          type="text"
          autoComplete="off"
          spellcheck={false}
          placeholder="192.0.2.0/24"
          value={ip}
          onInput={(e) => setIp(e.currentTarget.value)}
        />
        <label for="ip-severity">Rule</label>
        <select id="ip-severity" value={severity} onChange={(e) => setSeverity(e.currentTarget.value)}>
          <option value="sign_up_requires_approval">Sign-ups from it need approval</option>
          <option value="sign_up_block">Block sign-ups from it</option>
          <option value="no_access">Block all access from it</option>
        </select>
        <label for="ip-expires">Expires after</label>
        <select id="ip-expires" value={expires} onChange={(e) => setExpires(e.currentTarget.value)}>
          {EXPIRY.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <label for="ip-comment">Comment (only staff see it)</label>
        <input id="ip-comment" type="text" maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Blocking…" : "Add IP block"}
          </button>
        </div>
      </form>
      <ListState l={blocks} empty="No IP blocks.">
        <ul class="admin-list" aria-label="Blocked IP addresses">
          {(blocks.data ?? []).map((b) => (
            <li key={b.id} class="admin-item admin-domain">
              <span class="admin-item-title">{b.ip}</span>
              <span class="muted">
                {SEVERITY[b.severity] ?? b.severity}
                {b.expires_at ? ` · expires ${fullTime(b.expires_at)}` : " · no expiry"}
              </span>
              {b.comment && <span>{b.comment}</span>}
              <button type="button" class="danger" onClick={() => setRemoving(b)} aria-label={`Remove the block of ${b.ip}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      </ListState>
      {removing && (
        <ConfirmDialog
          title={`Remove the block of ${removing.ip}?`}
          body="Requests and sign-ups from this address are treated normally again."
          confirm="Remove block"
          danger
          onConfirm={() => remove(removing)}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
