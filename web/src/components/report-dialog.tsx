/**
 * The report dialog (POST /api/v1/reports) for an account, optionally about one of its posts:
 * a reason, a comment, forwarding to a remote server, and a confirmation in words.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { Account } from "../lib/api";
import { errorText } from "../lib/errors";
import { displayName } from "../lib/format";
import { useApp } from "../lib/state";

const REASONS: [string, string][] = [
  ["spam", "It's spam (ads, misleading links, repeated posts)"],
  ["legal", "It's illegal"],
  ["other", "Something else"],
];

/** A modal dialog reporting `account` (and `statusId` when given); `onClose` after it closes. */
export function ReportDialog({ account, statusId, onClose }: { account: Account; statusId?: string; onClose(): void }): JSX.Element {
  const app = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  const [category, setCategory] = useState("spam");
  const [comment, setComment] = useState("");
  const [forward, setForward] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const remote = account.acct.includes("@");
  const domain = remote ? account.acct.split("@")[1] : "";
  const name = displayName(account);
  useEffect(() => ref.current?.showModal?.(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await app.client.v1.reports.create({
        accountId: account.id,
        statusIds: statusId ? [statusId] : undefined,
        comment: comment.trim() || undefined,
        category: category as any,
        forward: remote ? forward : undefined,
      });
      setDone(true);
    } catch (err) {
      setError(errorText(err, "send your report"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} class="help report" aria-labelledby="report-title" onClose={onClose}>
      <h2 id="report-title">
        Report {statusId ? "a post by " : ""}
        <bdi>{name}</bdi>
      </h2>
      {done ? (
        <>
          <p role="status">Thank you. Your report about @{account.acct} was sent to the moderators of this server, who will look at it.</p>
          <form method="dialog">
            <button autoFocus>Close</button>
          </form>
        </>
      ) : (
        <form onSubmit={submit}>
          <fieldset>
            <legend>Why are you reporting this?</legend>
            {REASONS.map(([v, label]) => (
              <label key={v} class="check">
                <input type="radio" name="report-category" value={v} checked={category === v} onChange={() => setCategory(v)} /> {label}
              </label>
            ))}
          </fieldset>
          <label for="report-comment">Anything else the moderators should know?</label>
          <textarea id="report-comment" rows={3} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          {remote && (
            <label class="check">
              <input type="checkbox" checked={forward} onChange={(e) => setForward(e.currentTarget.checked)} /> Also send an anonymous copy
              to {domain}
            </label>
          )}
          {error && (
            <p class="error-text" role="alert">
              {error}
            </p>
          )}
          <div class="form-actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? "Sending…" : "Send report"}
            </button>
            <button type="button" onClick={() => ref.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
