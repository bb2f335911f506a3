/**
 * Filters (/settings/filters): list your filters with their keywords, places, action and expiry;
 * create and edit them (keywords with whole-word toggles, contexts, action, expiry) and delete
 * them after confirming, through /api/v2/filters.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../components/bits";
import { errorText } from "../lib/errors";
import {
  ACTIONS,
  CONTEXTS,
  EXPIRY,
  draftOf,
  draftParams,
  draftProblem,
  emptyDraft,
  expiryText,
  type Filter,
  type FilterContext,
  type FilterDraft,
} from "../lib/filters";
import { useApp } from "../lib/state";
import "./filters.css";

/** The filters screen. */
export function Filters(_p: Record<string, string>): JSX.Element {
  const app = useApp();
  const [filters, setFilters] = useState<Filter[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // null: no editor open; "new": creating; otherwise the id being edited.
  const [editing, setEditing] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setFilters(await app.client.v2.filters.list());
    } catch (e) {
      setError(errorText(e, "load your filters"));
    }
  };
  useEffect(() => void load(), []);

  const saved = (f: Filter) => {
    setFilters((cur) => (cur?.some((x) => x.id === f.id) ? cur.map((x) => (x.id === f.id ? f : x)) : [...(cur ?? []), f]));
    setEditing(null);
    app.toast(`Filter "${f.title}" saved`);
  };

  const remove = async (f: Filter) => {
    if (!confirm(`Delete the filter "${f.title}"? Posts it hides will show again.`)) return;
    try {
      await app.client.v2.filters.$select(f.id).remove();
      setFilters((cur) => cur?.filter((x) => x.id !== f.id) ?? null);
      app.toast(`Filter "${f.title}" deleted`);
    } catch (e) {
      app.toast(errorText(e, "delete the filter"), "error");
    }
  };

  return (
    <>
      <h1 class="screen-title">Filters</h1>
      <p class="muted filters-intro">
        Posts containing these words are hidden or shown behind a warning in the places you choose. Your own posts are never filtered.
      </p>
      {editing === null && filters && (
        <button type="button" class="primary" onClick={() => setEditing("new")}>
          New filter
        </button>
      )}
      {editing === "new" && <FilterEditor onSaved={saved} onCancel={() => setEditing(null)} />}
      {error && <ErrorBox text={error} retry={load} />}
      {!filters && !error && <Loading />}
      {filters && filters.length === 0 && editing !== "new" && <p class="empty">You have no filters yet.</p>}
      {filters && filters.length > 0 && (
        <ul class="filter-list" aria-label="Your filters">
          {filters.map((f) => (
            <li key={f.id} class="filter-item">
              {editing === f.id ? (
                <FilterEditor filter={f} onSaved={saved} onCancel={() => setEditing(null)} />
              ) : (
                <FilterSummary filter={f} onEdit={() => setEditing(f.id)} onDelete={() => remove(f)} />
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function FilterSummary({ filter: f, onEdit, onDelete }: { filter: Filter; onEdit: () => void; onDelete: () => void }): JSX.Element {
  const places = CONTEXTS.filter(([c]) => f.context.includes(c)).map(([, label]) => label);
  const action = ACTIONS.find(([a]) => a === f.filterAction)?.[1] ?? "Hide behind a warning";
  const expiry = expiryText(f.expiresAt);
  return (
    <article class="filter-summary" aria-labelledby={`filter-${f.id}`}>
      <h2 id={`filter-${f.id}`}>{f.title}</h2>
      <dl>
        <div>
          <dt>Keywords</dt>
          <dd>
            {f.keywords.length === 0 ? (
              <span class="muted">None</span>
            ) : (
              <ul class="keyword-chips">
                {f.keywords.map((k) => (
                  <li key={k.id}>
                    {k.keyword}
                    {k.wholeWord && <span class="muted"> (whole word)</span>}
                  </li>
                ))}
              </ul>
            )}
            {f.statuses.length > 0 && (
              <p class="muted">
                And {f.statuses.length} chosen {f.statuses.length === 1 ? "post" : "posts"}.
              </p>
            )}
          </dd>
        </div>
        <div>
          <dt>Applies in</dt>
          <dd>{places.join(", ") || "Nowhere"}</dd>
        </div>
        <div>
          <dt>Action</dt>
          <dd>{action}</dd>
        </div>
        <div>
          <dt>Expiry</dt>
          <dd class={expiry === "Expired" ? "expired" : undefined}>{expiry}</dd>
        </div>
      </dl>
      <div class="filter-actions">
        <button type="button" onClick={onEdit} aria-label={`Edit filter ${f.title}`}>
          Edit
        </button>
        <button type="button" class="danger" onClick={onDelete} aria-label={`Delete filter ${f.title}`}>
          Delete
        </button>
      </div>
    </article>
  );
}

let formSeq = 0;

/** The create/edit form; saves through the API and reports problems in words. */
function FilterEditor({ filter, onSaved, onCancel }: { filter?: Filter; onSaved: (f: Filter) => void; onCancel: () => void }): JSX.Element {
  const app = useApp();
  const [draft, setDraft] = useState<FilterDraft>(() => (filter ? draftOf(filter) : emptyDraft()));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [uid] = useState(() => `fe${++formSeq}`);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const set = (patch: Partial<FilterDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setKeyword = (i: number, patch: Partial<FilterDraft["keywords"][number]>) =>
    setDraft((d) => ({ ...d, keywords: d.keywords.map((k, j) => (j === i ? { ...k, ...patch } : k)) }));
  const toggleContext = (c: FilterContext, on: boolean) =>
    set({
      context: on ? CONTEXTS.map(([x]) => x).filter((x) => x === c || draft.context.includes(x)) : draft.context.filter((x) => x !== c),
    });
  const addKeyword = () => {
    set({ keywords: [...draft.keywords, { keyword: "", wholeWord: true }] });
    queueMicrotask(() => document.getElementById(`${uid}-kw-${draft.keywords.length}`)?.focus());
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    const p = draftProblem(draft, filter?.statuses.length ?? 0);
    setProblem(p);
    if (p) return;
    setBusy(true);
    try {
      const params = draftParams(draft, filter) as any;
      const f = filter ? await app.client.v2.filters.$select(filter.id).update(params) : await app.client.v2.filters.create(params);
      onSaved(f);
    } catch (err) {
      setProblem(errorText(err, "save the filter"));
    } finally {
      setBusy(false);
    }
  };

  const heading = filter ? `Edit filter ${filter.title}` : "New filter";
  return (
    <form class="filter-editor" onSubmit={submit} aria-labelledby={`${uid}-h`} noValidate>
      <h2 id={`${uid}-h`}>{heading}</h2>
      <label for={`${uid}-title`}>Title</label>
      <input
        id={`${uid}-title`}
        ref={titleRef}
        type="text"
        value={draft.title}
        maxLength={256}
        required
        onInput={(e) => set({ title: (e.target as HTMLInputElement).value })}
      />

      <fieldset class="keywords">
        <legend>Keywords and phrases</legend>
        {draft.keywords.map((k, i) => (
          <div class="keyword-row" key={k.id ?? `new-${i}`}>
            <input
              id={`${uid}-kw-${i}`}
              type="text"
              value={k.keyword}
              maxLength={512}
              aria-label={`Keyword ${i + 1}`}
              onInput={(e) => setKeyword(i, { keyword: (e.target as HTMLInputElement).value })}
            />
            <label class="check">
              <input
                type="checkbox"
                checked={k.wholeWord}
                onChange={(e) => setKeyword(i, { wholeWord: (e.target as HTMLInputElement).checked })}
                aria-label={`Whole word only for keyword ${i + 1}`}
              />
              <span aria-hidden="true">Whole word</span>
            </label>
            <button
              type="button"
              class="link"
              aria-label={`Remove keyword ${i + 1}`}
              onClick={() => set({ keywords: draft.keywords.filter((_, j) => j !== i) })}
            >
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={addKeyword}>
          Add keyword
        </button>
      </fieldset>

      <fieldset class="contexts">
        <legend>Filter in</legend>
        {CONTEXTS.map(([c, label]) => (
          <label class="check" key={c}>
            <input
              type="checkbox"
              checked={draft.context.includes(c)}
              onChange={(e) => toggleContext(c, (e.target as HTMLInputElement).checked)}
            />
            {label}
          </label>
        ))}
      </fieldset>

      <div class="filter-selects">
        <span>
          <label for={`${uid}-action`}>When a post matches</label>
          <select
            id={`${uid}-action`}
            value={draft.action}
            onChange={(e) => set({ action: (e.target as HTMLSelectElement).value as FilterDraft["action"] })}
          >
            {ACTIONS.map(([a, label]) => (
              <option key={a} value={a}>
                {label}
              </option>
            ))}
          </select>
        </span>
        <span>
          <label for={`${uid}-expiry`}>Expires after</label>
          <select id={`${uid}-expiry`} value={draft.expiresIn} onChange={(e) => set({ expiresIn: (e.target as HTMLSelectElement).value })}>
            {draft.expiresIn === "keep" && <option value="keep">{expiryText(filter?.expiresAt)} (unchanged)</option>}
            {EXPIRY.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </span>
      </div>

      {problem && <ErrorBox text={problem} />}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Saving…" : "Save filter"}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
