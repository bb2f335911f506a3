/**
 * Administration › Rules (Hearth's /api/v1/admin/hearth/rules, Manage Rules): the server rules in
 * order, a form to add one, and for each edit, move up/down and delete (with confirmation).
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { useApp } from "../../lib/state";
import { ConfirmDialog } from "./common";
import { adminFetch } from "./http";
import { ListState, useLoaded } from "./load";

interface Rule {
  id: string;
  text: string;
  hint: string;
  position: number;
}

const BASE = "/api/v1/admin/hearth/rules";

/** The rules page. */
export function Rules(): JSX.Element {
  const app = useApp();
  const call = <T,>(method: string, path: string, doing: string, body?: unknown) => adminFetch<T>(app.token, method, path, doing, body);
  const rules = useLoaded(() => call<Rule[]>("GET", BASE, "load the rules"), "load the rules");
  const [text, setText] = useState("");
  const [hint, setHint] = useState("");
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<Rule | null>(null);

  const add = async (e: Event) => {
    e.preventDefault();
    if (!text.trim()) return app.toast("Write the rule first", "error");
    setBusy(true);
    try {
      const r = await call<Rule>("POST", BASE, "add the rule", { text: text.trim(), hint: hint.trim() });
      rules.set((cur) => [...cur, r]);
      setText("");
      setHint("");
      app.toast("Rule added");
    } catch (err) {
      app.toast(errorText(err, "add the rule"), "error");
    } finally {
      setBusy(false);
    }
  };
  const move = async (r: Rule, by: number) => {
    const list = rules.data ?? [];
    const to = list.indexOf(r) + by;
    if (to < 0 || to >= list.length) return;
    try {
      await call("PUT", `${BASE}/${r.id}`, "move the rule", { position: to + 1 });
      await rules.reload();
      app.toast(by < 0 ? "Rule moved up" : "Rule moved down");
    } catch (err) {
      app.toast(errorText(err, "move the rule"), "error");
    }
  };
  const remove = async (r: Rule) => {
    try {
      await call("DELETE", `${BASE}/${r.id}`, "delete the rule");
      rules.set((cur) => cur.filter((x) => x.id !== r.id));
      app.toast("Rule deleted");
    } catch (err) {
      app.toast(errorText(err, "delete the rule"), "error");
      throw err;
    }
  };

  return (
    <section aria-labelledby="admin-rules-title">
      <h2 id="admin-rules-title" class="admin-subtitle">
        Server rules
      </h2>
      <p class="muted">People see these on the About page and agree to them when they sign up.</p>
      <ListState l={rules} empty="No rules yet.">
        <ol class="admin-list admin-rules" aria-label="Rules">
          {(rules.data ?? []).map((r, i, all) =>
            editing === r.id ? (
              <li key={r.id} class="admin-item">
                <RuleForm
                  rule={r}
                  onCancel={() => setEditing(null)}
                  onSave={async (t, h) => {
                    const saved = await call<Rule>("PUT", `${BASE}/${r.id}`, "save the rule", { text: t, hint: h });
                    rules.set((cur) => cur.map((x) => (x.id === r.id ? saved : x)));
                    setEditing(null);
                    app.toast("Rule saved");
                  }}
                />
              </li>
            ) : (
              <li key={r.id} class="admin-item admin-rule">
                <span class="admin-item-title">
                  {i + 1}. {r.text}
                </span>
                {r.hint && <span class="muted">{r.hint}</span>}
                <div class="admin-actions" role="group" aria-label={`Rule ${i + 1}`}>
                  <button type="button" onClick={() => setEditing(r.id)}>
                    Edit
                  </button>
                  <button type="button" disabled={i === 0} onClick={() => void move(r, -1)}>
                    Move up
                  </button>
                  <button type="button" disabled={i === all.length - 1} onClick={() => void move(r, 1)}>
                    Move down
                  </button>
                  <button type="button" class="danger" onClick={() => setRemoving(r)}>
                    Delete
                  </button>
                </div>
              </li>
            ),
          )}
        </ol>
      </ListState>
      <form class="settings" onSubmit={add} aria-labelledby="admin-rule-add">
        <h3 id="admin-rule-add">Add a rule</h3>
        <label for="rule-text">Rule</label>
        <input id="rule-text" type="text" maxLength={300} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <label for="rule-hint">Explanation (optional)</label>
        <input id="rule-hint" type="text" maxLength={1000} value={hint} onInput={(e) => setHint(e.currentTarget.value)} />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Adding…" : "Add rule"}
          </button>
        </div>
      </form>
      {removing && (
        <ConfirmDialog
          title="Delete this rule?"
          body={`“${removing.text}” will no longer be shown to anyone.`}
          confirm="Delete rule"
          danger
          onConfirm={() => remove(removing)}
          onClose={() => setRemoving(null)}
        />
      )}
    </section>
  );
}

function RuleForm({ rule, onSave, onCancel }: { rule: Rule; onSave(t: string, h: string): Promise<void>; onCancel(): void }): JSX.Element {
  const app = useApp();
  const [text, setText] = useState(rule.text);
  const [hint, setHint] = useState(rule.hint);
  const [busy, setBusy] = useState(false);
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSave(text.trim(), hint.trim());
    } catch (err) {
      app.toast(errorText(err, "save the rule"), "error");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="settings" onSubmit={save} aria-label="Edit rule">
      <label for={`rule-edit-${rule.id}`}>Rule</label>
      <input id={`rule-edit-${rule.id}`} type="text" maxLength={300} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <label for={`rule-edit-hint-${rule.id}`}>Explanation (optional)</label>
      <input id={`rule-edit-hint-${rule.id}`} type="text" maxLength={1000} value={hint} onInput={(e) => setHint(e.currentTarget.value)} />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          Save rule
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
