/**
 * Moderation › Reports: open and resolved reports (GET /api/v1/admin/reports) and one report
 * with its reporter, target, comment and posts; assign, resolve/reopen and act on the target.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { Avatar, ErrorBox, Loading, RelativeTime } from "../../components/bits";
import { errorText } from "../../lib/errors";
import { displayName, sanitizeHtml } from "../../lib/format";
import { usePaged } from "../../lib/paging";
import { useApp } from "../../lib/state";
import { AccountActions, Badges, type AdminAccount, type AdminReport } from "./common";

/** Items per page of the admin list; a shorter page is the last. */
const ADMIN_PAGE = 40;

/**
 * A report's number as people read it. Mastodon shows small sequential ids ("Report #123");
 * Hearth's ids are 16-digit snowflakes, so the list and the heading show their last six digits
 * (two reports share them about once in a million pairs), while links, the title and the API keep
 * the full id, so nothing a moderator does can hit the wrong report.
 */
export function reportNumber(id: string): string {
  return id.length > 6 ? id.slice(-6) : id;
}

const CATEGORY: Record<string, string> = { spam: "Spam", legal: "Illegal content", violation: "Rule violation", other: "Other" };

/** "@name" of an Admin::Account. */
const handle = (a: AdminAccount) => `@${a.account.acct}`;

/** The reports list with Open / Resolved switch. */
export function AdminReports(): JSX.Element {
  const app = useApp();
  const [resolved, setResolved] = useState(false);
  const { items, error, loading, done, more, reload } = usePaged<AdminReport>(
    () => {
      const params = { resolved, limit: ADMIN_PAGE };
      return app.client.v1.admin.reports.list(params) as unknown as AsyncIterable<AdminReport[]>;
    },
    "load the reports",
    false,
    ADMIN_PAGE,
  );
  useEffect(() => void reload(), [resolved]);
  return (
    <section aria-labelledby="admin-reports-title">
      <h2 id="admin-reports-title" class="admin-subtitle">
        Reports
      </h2>
      <div class="admin-switch" role="group" aria-label="Which reports">
        <button type="button" aria-pressed={!resolved} onClick={() => setResolved(false)}>
          Open
        </button>
        <button type="button" aria-pressed={resolved} onClick={() => setResolved(true)}>
          Resolved
        </button>
      </div>
      <ul class="admin-list">
        {items.map((r) => (
          <li key={r.id} class="admin-item">
            <a href={`/admin/reports/${r.id}`} data-route class="admin-item-link">
              <span class="admin-item-title">
                Report #{reportNumber(r.id)}: <bdi>{handle(r.targetAccount)}</bdi>
              </span>
              <span class="muted">
                {" "}
                · {CATEGORY[r.category] ?? r.category} · by <bdi>{handle(r.account)}</bdi> · <RelativeTime iso={r.createdAt} />
              </span>
            </a>
            {r.comment && <p class="admin-comment">{r.comment}</p>}
            {r.assignedAccount && <p class="muted">Assigned to {handle(r.assignedAccount)}</p>}
          </li>
        ))}
      </ul>
      {error && <ErrorBox text={error} retry={reload} />}
      {loading && <Loading />}
      {!loading && !error && items.length === 0 && <p class="empty">{resolved ? "No resolved reports." : "No open reports. Nice."}</p>}
      {!loading && !error && !done && items.length > 0 && (
        <button type="button" class="load-more" onClick={more}>
          Load more
        </button>
      )}
    </section>
  );
}

/** An account involved in a report: avatar, names, state and a link to its admin page. */
function Party({ label, account }: { label: string; account: AdminAccount }): JSX.Element {
  return (
    <div class="admin-party">
      <h3>{label}</h3>
      <p class="admin-party-line">
        <Avatar account={account.account} size={40} />
        <a href={`/admin/accounts/${account.id}`} data-route>
          <bdi>{displayName(account.account)}</bdi> <span class="acct">{handle(account)}</span>
        </a>
      </p>
      <Badges account={account} />
    </div>
  );
}

/** One report: details, reported posts, handling and actions on the reported account. */
export function AdminReport({ id }: { id: string }): JSX.Element {
  const app = useApp();
  const [r, setR] = useState<AdminReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const raw = app.client.v1.admin.reports.$select(id);
  const as = (p: Promise<unknown>) => p as Promise<AdminReport>;
  const api = {
    fetch: () => as(raw.fetch()),
    assignToSelf: () => as(raw.assignToSelf()),
    unassign: () => as(raw.unassign()),
    resolve: () => as(raw.resolve()),
    reopen: () => as(raw.reopen()),
  };
  const load = async () => {
    setError(null);
    try {
      setR(await api.fetch());
    } catch (e) {
      setError(errorText(e, "load the report"));
    }
  };
  useEffect(() => void load(), [id]);
  const change = async (doing: string, f: () => Promise<AdminReport>, done: string) => {
    try {
      setR(await f());
      app.toast(done);
    } catch (e) {
      app.toast(errorText(e, doing), "error");
    }
  };
  if (error) return <ErrorBox text={error} retry={load} />;
  if (!r) return <Loading />;
  const mine = r.assignedAccount?.id === app.me.id;
  return (
    <article class="admin-report" aria-labelledby="admin-report-title">
      <p class="admin-back">
        <a href="/admin/reports" data-route>
          ← All reports
        </a>
      </p>
      <h2 id="admin-report-title" class="admin-subtitle">
        Report #{reportNumber(r.id)} about <bdi>{handle(r.targetAccount)}</bdi>
      </h2>
      <dl class="admin-facts">
        <div>
          <dt>Status</dt>
          <dd>{r.actionTaken ? <>Resolved{r.actionTakenByAccount && <> by {handle(r.actionTakenByAccount)}</>}</> : "Open"}</dd>
        </div>
        <div>
          <dt>Category</dt>
          <dd>{CATEGORY[r.category] ?? r.category}</dd>
        </div>
        <div>
          <dt>Filed</dt>
          <dd>
            <RelativeTime iso={r.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Assigned to</dt>
          <dd>{r.assignedAccount ? handle(r.assignedAccount) : "Nobody"}</dd>
        </div>
        {r.rules.length > 0 && (
          <div>
            <dt>Rules</dt>
            <dd>{r.rules.map((x) => x.text).join("; ")}</dd>
          </div>
        )}
      </dl>
      <div class="admin-parties">
        <Party label="Reported account" account={r.targetAccount} />
        <Party label="Reported by" account={r.account} />
      </div>
      <h3>Comment</h3>
      <p class="admin-comment">{r.comment || <span class="muted">No comment.</span>}</p>
      <h3>Reported posts</h3>
      {r.statuses.length === 0 ? (
        <p class="muted">No posts attached.</p>
      ) : (
        <ul class="admin-posts">
          {r.statuses.map((s) => (
            <li key={s.id}>
              <p class="muted">
                <a href={`/statuses/${s.id}`} data-route>
                  <RelativeTime iso={s.createdAt} />
                </a>
                {s.sensitive && " · sensitive"}
                {s.mediaAttachments.length > 0 && ` · ${s.mediaAttachments.length} attachment(s)`}
              </p>
              {s.spoilerText && (
                <p>
                  <strong>CW:</strong> {s.spoilerText}
                </p>
              )}
              <div class="content" dangerouslySetInnerHTML={{ __html: sanitizeHtml(s.content) }} />
            </li>
          ))}
        </ul>
      )}
      <h3>Handling</h3>
      <div class="admin-actions" role="group" aria-label="Handle this report">
        {mine ? (
          <button type="button" onClick={() => change("unassign the report", () => api.unassign(), "Report unassigned")}>
            Unassign
          </button>
        ) : (
          <button type="button" onClick={() => change("assign the report to you", () => api.assignToSelf(), "Report assigned to you")}>
            Assign to me
          </button>
        )}
        {r.actionTaken ? (
          <button type="button" onClick={() => change("reopen the report", () => api.reopen(), "Report reopened")}>
            Reopen
          </button>
        ) : (
          <button type="button" class="primary" onClick={() => change("resolve the report", () => api.resolve(), "Report resolved")}>
            Mark as resolved
          </button>
        )}
      </div>
      <h3>Act on {handle(r.targetAccount)}</h3>
      <AccountActions account={r.targetAccount} reportId={r.actionTaken ? undefined : r.id} onDone={load} />
    </article>
  );
}
