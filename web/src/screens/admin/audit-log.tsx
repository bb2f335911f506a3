/**
 * Administration › Audit log (Hearth's GET /api/v1/admin/hearth/action_logs, View Audit Log):
 * every moderator and admin action, newest first, filtered by kind of action, 40 at a time.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading, RelativeTime } from "../../components/bits";
import { errorText } from "../../lib/errors";
import { useApp } from "../../lib/state";
import { adminFetch } from "./http";

interface Entry {
  id: string;
  account: { id: string; username: string } | null;
  action: string;
  target_type: string;
  target_id: string | null;
  human_identifier: string | null;
  created_at: string;
}

const PAGE = 40;
const ACTIONS: [string, string][] = [
  ["", "All actions"],
  ["create", "Created"],
  ["update", "Changed"],
  ["destroy", "Deleted or removed"],
  ["suspend", "Suspended"],
  ["unsuspend", "Unsuspended"],
  ["silence", "Limited"],
  ["unsilence", "Limit lifted"],
  ["sensitive", "Marked sensitive"],
  ["disable", "Login disabled"],
  ["approve", "Sign-up approved"],
  ["reject", "Sign-up rejected"],
  ["resolve", "Report resolved"],
  ["reopen", "Report reopened"],
];
const VERBS: Record<string, string> = {
  create: "created",
  update: "changed",
  destroy: "removed",
  assigned_to_self: "took",
  unassigned: "unassigned",
  unsensitive: "lifted the sensitive mark on",
  unsilence: "lifted the limit on",
  unsuspend: "unsuspended",
  enable: "enabled the login of",
  approve: "approved",
  reject: "rejected",
  resolve: "resolved",
  reopen: "reopened",
  publish: "published",
  unpublish: "unpublished",
  suspend: "suspended",
  silence: "limited",
  sensitive: "marked as sensitive",
  disable: "disabled the login of",
};
/** "CustomEmoji" → "custom emoji". */
const words = (t: string) => t.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();

/** The audit log page. */
export function AuditLog(): JSX.Element {
  const app = useApp();
  const [action, setAction] = useState("");
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async (maxId?: string) => {
    setError(null);
    setBusy(true);
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (action) q.set("action_type", action);
    if (maxId) q.set("max_id", maxId);
    try {
      const page = await adminFetch<Entry[]>(app.token, "GET", `/api/v1/admin/hearth/action_logs?${q}`, "load the audit log");
      setEntries((cur) => (maxId ? [...(cur ?? []), ...page] : page));
      setMore(page.length === PAGE);
    } catch (e) {
      setError(errorText(e, "load the audit log"));
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    setEntries(null);
    void load();
  }, [action]);

  return (
    <section aria-labelledby="admin-audit-title">
      <h2 id="admin-audit-title" class="admin-subtitle">
        Audit log
      </h2>
      <div class="settings admin-audit-filter">
        <label for="audit-action">Show</label>
        <select id="audit-action" value={action} onChange={(e) => setAction(e.currentTarget.value)}>
          {ACTIONS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </div>
      {error && <ErrorBox text={error} retry={() => void load(entries?.[entries.length - 1]?.id)} />}
      {!entries && !error && <Loading />}
      {entries && entries.length === 0 && <p class="empty">Nothing has been logged{action ? " for this kind of action" : ""}.</p>}
      {entries && entries.length > 0 && (
        <ul class="admin-list" aria-label="Logged actions">
          {entries.map((e) => (
            <li key={e.id} class="admin-item">
              <span>
                <strong>{e.account ? `@${e.account.username}` : "The system"}</strong> {VERBS[e.action] ?? e.action} {words(e.target_type)}{" "}
                {e.human_identifier && <strong class="admin-audit-target">{e.human_identifier}</strong>}
              </span>
              <span class="muted admin-audit-time">
                <RelativeTime iso={e.created_at} />
              </span>
            </li>
          ))}
        </ul>
      )}
      {entries && more && (
        <div class="form-actions">
          <button type="button" disabled={busy} onClick={() => void load(entries[entries.length - 1]!.id)}>
            {busy ? "Loading…" : "Show older"}
          </button>
        </div>
      )}
    </section>
  );
}
