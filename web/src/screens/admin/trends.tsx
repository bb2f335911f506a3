/**
 * Administration › Trends (/api/v1/admin/trends/tags|statuses|links, Manage Taxonomies): the
 * current trending hashtags, posts and links, reviewed or not, each with its review state and
 * Approve / Reject (POST …/:id/approve|reject). Only approved items reach the public trends
 * unless the server shows unreviewed ones by default.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { sanitizeHtml } from "../../lib/format";
import { useApp } from "../../lib/state";
import { adminFetch } from "./http";
import { ListState, useLoaded } from "./load";

type Kind = "tags" | "statuses" | "links";

interface History {
  day: string;
  uses: string;
  accounts: string;
}
/** One trend as the admin API sends it: a Tag, a Status or a PreviewCard, with the review flags where the server has them. */
interface Trend {
  id: string;
  name?: string;
  url?: string;
  title?: string;
  provider_name?: string;
  content?: string;
  account?: { acct: string; display_name: string };
  reblogs_count?: number;
  favourites_count?: number;
  history?: History[];
  trendable?: boolean;
  requires_review?: boolean;
  listable?: boolean;
}

const KINDS: [Kind, string, string][] = [
  ["tags", "Hashtags", "No trending hashtags right now."],
  ["statuses", "Posts", "No trending posts right now."],
  ["links", "Links", "No trending links right now."],
];
const BASE = "/api/v1/admin/trends";

/** Words for an item's review state (posts carry no flags: their state is not shown). */
function reviewState(t: Trend): string | null {
  if (t.requires_review) return "Needs review";
  if (t.trendable === true) return "Approved · shown in trends";
  if (t.trendable === false) return t.listable === false ? "Rejected · hidden" : "Not shown";
  return null;
}

/** What the item is called in buttons and messages. */
function label(kind: Kind, t: Trend): string {
  if (kind === "tags") return `#${t.name}`;
  if (kind === "links") return t.title || t.url || "this link";
  return `the post by @${t.account?.acct ?? "someone"}`;
}

/** The trends review page. */
export function Trends(): JSX.Element {
  const [kind, setKind] = useState<Kind>("tags");
  return (
    <section aria-labelledby="admin-trends-title">
      <h2 id="admin-trends-title" class="admin-subtitle">
        Trends
      </h2>
      <p class="muted">Trending items need your approval before they show in the public trends.</p>
      <div class="admin-switch" role="group" aria-label="Kind of trend">
        {KINDS.map(([k, l]) => (
          <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
            {l}
          </button>
        ))}
      </div>
      <TrendList key={kind} kind={kind} />
    </section>
  );
}

function TrendList({ kind }: { kind: Kind }): JSX.Element {
  const app = useApp();
  const [, name, empty] = KINDS.find((k) => k[0] === kind)!;
  const list = useLoaded(
    () => adminFetch<Trend[]>(app.token, "GET", `${BASE}/${kind}?limit=40`, `load the trending ${name.toLowerCase()}`),
    `load the trending ${name.toLowerCase()}`,
  );
  const [busy, setBusy] = useState<string | null>(null);

  const review = async (t: Trend, action: "approve" | "reject") => {
    const what = label(kind, t);
    const doing = `${action} ${what}`;
    setBusy(t.id);
    try {
      const updated = await adminFetch<Trend>(app.token, "POST", `${BASE}/${kind}/${t.id}/${action}`, doing);
      // Posts come back without review flags: keep the row and say what happened.
      list.set((cur) => cur.map((x) => (x.id === t.id ? { ...x, ...updated } : x)));
      app.toast(action === "approve" ? `Approved ${what}` : `Rejected ${what}`);
    } catch (e) {
      app.toast(errorText(e, doing), "error");
    } finally {
      setBusy(null);
    }
  };

  return (
    <ListState l={list} empty={empty}>
      <ul class="admin-list" aria-label={`Trending ${name.toLowerCase()}`}>
        {(list.data ?? []).map((t) => {
          const state = reviewState(t);
          const what = label(kind, t);
          const today = t.history?.[0];
          return (
            <li key={t.id} class="admin-item admin-trend">
              <div class="admin-trend-main">
                {kind === "tags" && <span class="admin-item-title">#{t.name}</span>}
                {kind === "links" && (
                  <>
                    <a class="admin-item-title" href={t.url} target="_blank" rel="noopener noreferrer">
                      {t.title || t.url}
                    </a>
                    {t.provider_name && <span class="muted"> · {t.provider_name}</span>}
                  </>
                )}
                {kind === "statuses" && t.account && (
                  <>
                    <span class="admin-item-title">{t.account.display_name.trim() || t.account.acct}</span>{" "}
                    <span class="muted">@{t.account.acct}</span>
                    <div class="content" dangerouslySetInnerHTML={{ __html: sanitizeHtml(t.content ?? "") }} />
                  </>
                )}
                <p class="muted">
                  {today
                    ? `${Number(today.accounts).toLocaleString()} ${today.accounts === "1" ? "person" : "people"} today, ${Number(today.uses).toLocaleString()} ${today.uses === "1" ? "use" : "uses"}`
                    : `${t.favourites_count ?? 0} favourites, ${t.reblogs_count ?? 0} boosts`}
                  {state && <> · {state}</>}
                </p>
              </div>
              <div class="admin-actions" role="group" aria-label={`Review ${what}`}>
                <button
                  type="button"
                  class="primary"
                  disabled={busy === t.id || t.trendable === true}
                  onClick={() => void review(t, "approve")}
                >
                  Approve
                </button>
                <button
                  type="button"
                  class="danger"
                  disabled={busy === t.id || t.listable === false}
                  onClick={() => void review(t, "reject")}
                >
                  Reject
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </ListState>
  );
}
