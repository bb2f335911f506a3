/**
 * Import and export through the public API, in Mastodon's CSV formats. Export pages through
 * follows, blocks, mutes, lists and bookmarks and downloads a file built in the browser; import
 * reads such a file and follows, blocks, mutes, adds to lists or bookmarks row by row, with
 * progress, failures in words and a summary.
 */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { mastodon } from "masto";
import type { Account, Client } from "../lib/api";
import {
  EXPORT_HEADERS,
  fullAcct,
  MAX_IMPORT_ROWS,
  readImport,
  rowProblem,
  sameAcct,
  toCsv,
  type ImportRow,
  type ImportType,
} from "../lib/csv";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import "./import-export.css";

type Cell = string | boolean | null | undefined;
type ExportKind = "following" | "blocks" | "mutes" | "lists" | "bookmarks";

const EXPORTS: [kind: ExportKind, file: string, label: string][] = [
  ["following", "following_accounts.csv", "Accounts you follow"],
  ["blocks", "blocked_accounts.csv", "Accounts you block"],
  ["mutes", "muted_accounts.csv", "Accounts you mute"],
  ["lists", "lists.csv", "Your lists and their members"],
  ["bookmarks", "bookmarks.csv", "Your bookmarks"],
];

const IMPORT_TYPES: [ImportType, string][] = [
  ["following", "Following list"],
  ["blocks", "Blocked accounts"],
  ["mutes", "Muted accounts"],
  ["lists", "Lists"],
  ["bookmarks", "Bookmarks"],
];

const DOING: Record<ImportType, string> = {
  following: "follow this account",
  blocks: "block this account",
  mutes: "mute this account",
  lists: "add this account to the list",
  bookmarks: "bookmark this post",
};

/** Every item of a paginated list. */
async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) {
    if (!page.length) break;
    out.push(...page);
  }
  return out;
}

/** Relationships for many accounts, 40 at a time, by account id. */
async function relationships(client: Client, ids: string[]): Promise<Map<string, mastodon.v1.Relationship>> {
  const out = new Map<string, mastodon.v1.Relationship>();
  for (let i = 0; i < ids.length; i += 40) {
    for (const r of await client.v1.accounts.relationships.fetch({ id: ids.slice(i, i + 40) })) out.set(r.id, r);
  }
  return out;
}

/** The rows of one export file. */
async function exportRows(client: Client, me: Account, kind: ExportKind, domain: string): Promise<Cell[][]> {
  const acct = (a: Account) => fullAcct(a.acct, domain);
  if (kind === "following" || kind === "mutes") {
    const accounts = await collect(
      kind === "following" ? client.v1.accounts.$select(me.id).following.list({ limit: 80 }) : client.v1.mutes.list({ limit: 80 }),
    );
    const rel = await relationships(
      client,
      accounts.map((a) => a.id),
    );
    const rows = accounts.map((a) => {
      const r = rel.get(a.id);
      return kind === "following"
        ? [acct(a), r?.showingReblogs ?? true, r?.notifying ?? false, r?.languages?.join(", ")]
        : [acct(a), r?.mutingNotifications ?? true];
    });
    return [[...EXPORT_HEADERS[kind]], ...rows];
  }
  if (kind === "blocks") return (await collect(client.v1.blocks.list({ limit: 80 }))).map((a) => [acct(a)]);
  if (kind === "bookmarks") return (await collect(client.v1.bookmarks.list({ limit: 40 }))).map((s) => [s.uri]);
  const rows: Cell[][] = [];
  for (const list of await client.v1.lists.list()) {
    for (const a of await collect(client.v1.lists.$select(list.id).accounts.list({ limit: 80 }))) rows.push([list.title, acct(a)]);
  }
  return rows;
}

/** Offers `text` as a file download. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The export buttons. */
function Export({ domain }: { domain: string }): JSX.Element {
  const app = useApp();
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const run = async (kind: ExportKind, file: string) => {
    setBusy(kind);
    try {
      const rows = await exportRows(app.client, app.me, kind, domain);
      download(file, toCsv(rows));
      const n = rows.length - (kind === "following" || kind === "mutes" ? 1 : 0);
      app.toast(`${file} is ready (${n} ${n === 1 ? "entry" : "entries"})`);
    } catch (e) {
      app.toast(errorText(e, `export ${file}`), "error");
    } finally {
      setBusy(null);
    }
  };
  return (
    <section class="ie-section" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p class="muted">Files in Mastodon's CSV format, for this or another server.</p>
      <ul class="ie-exports">
        {EXPORTS.map(([kind, file, label]) => (
          <li key={kind}>
            <span>{label}</span>
            <button type="button" onClick={() => run(kind, file)} disabled={busy !== null}>
              {busy === kind ? (
                "Preparing…"
              ) : (
                <>
                  Download <span class="ie-file">{file}</span>
                </>
              )}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Progress {
  done: number;
  total: number;
  ok: number;
  failures: string[];
  finished: boolean;
}

/** Runs an import row by row against the API, reporting progress through `report`. */
async function runImport(
  client: Client,
  me: Account,
  type: ImportType,
  rows: ImportRow[],
  overwrite: boolean,
  domain: string,
  report: (p: Progress) => void,
): Promise<void> {
  const p: Progress = { done: 0, total: rows.length, ok: 0, failures: [], finished: false };
  const found = new Map<string, Account | null>();
  const resolve = async (acct: string): Promise<Account | null> => {
    const key = acct.toLowerCase();
    if (found.has(key)) return found.get(key)!;
    let a: Account | null = null;
    try {
      a = await client.v1.accounts.lookup({ acct });
    } catch (e: any) {
      if (e?.statusCode !== 404) throw e;
    }
    if (!a && acct.includes("@")) {
      const r = await client.v2.search.list({ q: `@${acct}`, resolve: true, type: "accounts", limit: 5 });
      a = r.accounts.find((x) => sameAcct(x.acct, acct, domain)) ?? null;
    }
    found.set(key, a);
    return a;
  };
  const lists = new Map<string, { id: string; members: Set<string> }>();
  let allLists: mastodon.v1.List[] | null = null;
  const listFor = async (title: string) => {
    const known = lists.get(title);
    if (known) return known;
    allLists ??= await client.v1.lists.list();
    const list = allLists.find((l) => l.title === title) ?? (await client.v1.lists.create({ title }));
    const members = new Set((await collect(client.v1.lists.$select(list.id).accounts.list({ limit: 80 }))).map((a) => a.id));
    const entry = { id: list.id, members };
    lists.set(title, entry);
    return entry;
  };

  const one = async (r: ImportRow): Promise<void> => {
    const bad = rowProblem(type, r);
    if (bad) throw new Error(bad);
    if (type === "bookmarks") {
      const res = await client.v2.search.list({ q: r.uri!, resolve: true, type: "statuses", limit: 1 });
      const st = res.statuses.find((x) => x.uri === r.uri || x.url === r.uri);
      if (!st) throw new Error("this post could not be found");
      await client.v1.statuses.$select(st.id).bookmark();
      return;
    }
    const a = await resolve(r.acct!);
    if (!a) throw new Error("no account with this address was found");
    if (a.id === me.id && type !== "lists") throw new Error("that is your own account");
    const acc = client.v1.accounts.$select(a.id);
    if (type === "following")
      await acc.follow({ reblogs: r.showReblogs ?? true, notify: r.notify ?? false, ...(r.languages ? { languages: r.languages } : {}) });
    else if (type === "blocks") await acc.block();
    else if (type === "mutes") await acc.mute({ notifications: r.hideNotifications ?? true });
    else {
      const list = await listFor(r.listName!);
      if (list.members.has(a.id)) return;
      const [rel] = await client.v1.accounts.relationships.fetch({ id: [a.id] });
      if (a.id !== me.id && !rel?.following && !rel?.requested) await acc.follow();
      await client.v1.lists.$select(list.id).accounts.create({ accountIds: [a.id] });
      list.members.add(a.id);
    }
  };

  for (const r of rows) {
    try {
      await one(r);
      p.ok++;
    } catch (e) {
      const what = r.acct ? `@${r.acct}` : r.uri || "row";
      const why = (e as any)?.statusCode ? errorText(e, DOING[type]) : (e as Error).message;
      p.failures.push(`Line ${r.line} (${what}): ${why}`);
    }
    p.done++;
    report({ ...p });
  }
  if (overwrite && type !== "lists") await removeMissing(client, me, type, rows, domain, p);
  report({ ...p, finished: true });
}

/** Overwrite mode: undoes follows, blocks, mutes or bookmarks that the file does not list. */
async function removeMissing(client: Client, me: Account, type: ImportType, rows: ImportRow[], domain: string, p: Progress): Promise<void> {
  try {
    if (type === "bookmarks") {
      const keep = new Set(rows.map((r) => r.uri));
      for (const s of await collect(client.v1.bookmarks.list({ limit: 40 }))) {
        if (!keep.has(s.uri) && !keep.has(s.url ?? "")) await client.v1.statuses.$select(s.id).unbookmark();
      }
      return;
    }
    const current = await collect(
      type === "following"
        ? client.v1.accounts.$select(me.id).following.list({ limit: 80 })
        : type === "blocks"
          ? client.v1.blocks.list({ limit: 80 })
          : client.v1.mutes.list({ limit: 80 }),
    );
    for (const a of current) {
      if (rows.some((r) => r.acct && sameAcct(r.acct, a.acct, domain))) continue;
      const acc = client.v1.accounts.$select(a.id);
      await (type === "following" ? acc.unfollow() : type === "blocks" ? acc.unblock() : acc.unmute());
    }
  } catch (e) {
    p.failures.push(errorText(e, "remove the entries missing from the file"));
  }
}

/** The import form, its progress and its summary. */
function Import({ domain }: { domain: string }): JSX.Element {
  const app = useApp();
  const [type, setType] = useState<ImportType>("following");
  const [file, setFile] = useState<File | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const running = !!progress && !progress.finished;

  const start = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    if (!file) {
      setProblem("Choose a CSV file to import.");
      return;
    }
    let rows: ImportRow[];
    try {
      rows = readImport(type, await file.text());
    } catch (err) {
      setProblem(errorText(err, "read the file"));
      return;
    }
    if (!rows.length) {
      setProblem("The file has no rows to import.");
      return;
    }
    if (rows.length > MAX_IMPORT_ROWS) {
      setProblem(`The file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} can be imported at once.`);
      return;
    }
    setProgress({ done: 0, total: rows.length, ok: 0, failures: [], finished: false });
    await runImport(app.client, app.me, type, rows, overwrite && type !== "lists", domain, setProgress);
  };

  return (
    <section class="ie-section" aria-labelledby="import-title">
      <h2 id="import-title">Import</h2>
      <form class="ie-import settings" onSubmit={start}>
        <label for="import-type">Type of data</label>
        <select
          id="import-type"
          value={type}
          onChange={(e) => {
            setType(e.currentTarget.value as ImportType);
            setProgress(null);
          }}
          disabled={running}
        >
          {IMPORT_TYPES.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <label for="import-file">CSV file</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          disabled={running}
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setProgress(null);
          }}
        />
        <fieldset disabled={running || type === "lists"}>
          <legend>Mode</legend>
          <label class="check">
            <input type="radio" name="import-mode" checked={!overwrite} onChange={() => setOverwrite(false)} /> Merge: keep what you have
            and add the file's entries
          </label>
          <label class="check">
            <input type="radio" name="import-mode" checked={overwrite} onChange={() => setOverwrite(true)} /> Overwrite: also remove what
            the file does not list
          </label>
          {type === "lists" && <p class="muted">Lists are always merged.</p>}
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="primary" disabled={running}>
            Start import
          </button>
        </div>
        {problem && (
          <p class="error-text" role="alert">
            {problem}
          </p>
        )}
      </form>
      {progress && (
        <div class="ie-progress">
          <label for="import-progress">Import progress</label>
          <progress id="import-progress" max={progress.total} value={progress.done} />
          <p role="status">
            {progress.finished
              ? `Import finished: ${progress.ok} of ${progress.total} ${progress.total === 1 ? "row" : "rows"} imported, ${progress.total - progress.ok} failed.`
              : `Importing row ${progress.done} of ${progress.total}…`}
          </p>
          {progress.failures.length > 0 && (
            <>
              <h3>Problems</h3>
              <ul class="ie-failures">
                {progress.failures.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** The import and export screen. */
export function ImportExport(_p: Record<string, string>): JSX.Element {
  const app = useApp();
  const domain = app.instance?.domain || location.host;
  return (
    <>
      <h1 class="screen-title">Import and export</h1>
      <Export domain={domain} />
      <Import domain={domain} />
    </>
  );
}
