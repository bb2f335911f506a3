/**
 * Moderation › Domain blocks (GET/POST/DELETE /api/v1/admin/domain_blocks): the blocked
 * servers, a form to block one (severity, media, reports, comments) and removal.
 */
import type { JSX } from "preact";
import type { mastodon } from "masto";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../../components/bits";
import { errorText } from "../../lib/errors";
import { useApp } from "../../lib/state";
import { ConfirmDialog } from "./common";

type Block = mastodon.v1.admin.DomainBlock & {
  id: string;
  rejectMedia?: boolean;
  rejectReports?: boolean;
  publicComment?: string | null;
  privateComment?: string | null;
};

const SEVERITY: Record<string, string> = { silence: "Limit", suspend: "Suspend", noop: "None" };

/** The domain blocks page. */
export function DomainBlocks(): JSX.Element {
  const app = useApp();
  const [blocks, setBlocks] = useState<Block[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [domain, setDomain] = useState("");
  const [severity, setSeverity] = useState("silence");
  const [rejectMedia, setRejectMedia] = useState(false);
  const [rejectReports, setRejectReports] = useState(false);
  const [privateComment, setPrivateComment] = useState("");
  const [publicComment, setPublicComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<Block | null>(null);
  const api = app.client.v1.admin.domainBlocks;

  const load = async () => {
    setError(null);
    try {
      setBlocks((await api.list({ limit: 200 })) as Block[]);
    } catch (e) {
      setError(errorText(e, "load the domain blocks"));
    }
  };
  useEffect(() => void load(), []);

  const add = async (e: Event) => {
    e.preventDefault();
    const d = domain.trim();
    if (!d) return app.toast("Enter the domain to block", "error");
    setBusy(true);
    try {
      const b = (await api.create({
        domain: d,
        severity: severity as never,
        rejectMedia,
        rejectReports,
        privateComment: privateComment || undefined,
        publicComment: publicComment || undefined,
      })) as Block;
      setBlocks((cur) => [b, ...(cur ?? [])]);
      setDomain("");
      setPrivateComment("");
      setPublicComment("");
      setRejectMedia(false);
      setRejectReports(false);
      app.toast(`Blocked ${b.domain}`);
    } catch (err) {
      app.toast(errorText(err, `block ${d}`), "error");
    } finally {
      setBusy(false);
    }
  };

  const remove = async (b: Block) => {
    try {
      await api.$select(b.id).remove();
      setBlocks((cur) => (cur ?? []).filter((x) => x.id !== b.id));
      app.toast(`Unblocked ${b.domain}`);
    } catch (err) {
      app.toast(errorText(err, `unblock ${b.domain}`), "error");
      throw err;
    }
  };

  return (
    <section aria-labelledby="admin-domains-title">
      <h2 id="admin-domains-title" class="admin-subtitle">
        Domain blocks
      </h2>
      <form class="settings admin-domain-form" onSubmit={add} aria-label="Block a domain">
        <label for="block-domain">Domain</label>
        <input
          id="block-domain"
          type="text"
          inputMode="url"
          autoComplete="off"
          placeholder="spam.example"
          value={domain}
          onInput={(e) => setDomain(e.currentTarget.value)}
        />
        <label for="block-severity">Severity</label>
        <select id="block-severity" value={severity} onChange={(e) => setSeverity(e.currentTarget.value)}>
          <option value="silence">Limit: hide their posts from public timelines</option>
          <option value="suspend">Suspend: no contact with the server at all</option>
          <option value="noop">None: only reject media or reports</option>
        </select>
        <label class="check">
          <input type="checkbox" checked={rejectMedia} onChange={(e) => setRejectMedia(e.currentTarget.checked)} /> Reject media files
        </label>
        <label class="check">
          <input type="checkbox" checked={rejectReports} onChange={(e) => setRejectReports(e.currentTarget.checked)} /> Reject reports
        </label>
        <label for="block-private">Private comment (only moderators see it)</label>
        <input
          id="block-private"
          type="text"
          maxLength={1000}
          value={privateComment}
          onInput={(e) => setPrivateComment(e.currentTarget.value)}
        />
        <label for="block-public">Public comment</label>
        <input
          id="block-public"
          type="text"
          maxLength={1000}
          value={publicComment}
          onInput={(e) => setPublicComment(e.currentTarget.value)}
        />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Blocking…" : "Block domain"}
          </button>
        </div>
      </form>
      {error && <ErrorBox text={error} retry={load} />}
      {!blocks && !error && <Loading />}
      {blocks && blocks.length === 0 && <p class="empty">No blocked domains.</p>}
      {blocks && blocks.length > 0 && (
        <ul class="admin-list" aria-label="Blocked domains">
          {blocks.map((b) => (
            <li key={b.id} class="admin-item admin-domain">
              <span class="admin-item-title">{b.domain}</span>
              <span class="muted">
                {SEVERITY[b.severity] ?? b.severity}
                {b.rejectMedia && " · rejects media"}
                {b.rejectReports && " · rejects reports"}
              </span>
              {b.publicComment && <span>Public: {b.publicComment}</span>}
              {b.privateComment && <span class="muted">Private: {b.privateComment}</span>}
              <button type="button" class="danger" onClick={() => setRemoving(b)} aria-label={`Unblock ${b.domain}`}>
                Unblock
              </button>
            </li>
          ))}
        </ul>
      )}
      {removing && (
        <ConfirmDialog
          title={`Unblock ${removing.domain}?`}
          body="Federation with this server goes back to normal; accounts it suspended or limited are restored."
          confirm={`Unblock ${removing.domain}`}
          onConfirm={() => remove(removing)}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
