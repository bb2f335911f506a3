/**
 * CSV in Mastodon's export/import formats: an RFC 4180 reader and writer, the rows of each
 * export file, and the reading of an import file (with its header, or the old headerless
 * one-column format) into typed rows.
 */

/** What can be imported (Mastodon's import types). */
export type ImportType = "following" | "blocks" | "mutes" | "lists" | "bookmarks";

/** One row of an import file, `line` being its line number in the file. */
export interface ImportRow {
  line: number;
  acct?: string;
  showReblogs?: boolean;
  notify?: boolean;
  languages?: string[];
  hideNotifications?: boolean;
  listName?: string;
  uri?: string;
}

/** Most rows an import may have (Mastodon's ROWS_PROCESSING_LIMIT). */
export const MAX_IMPORT_ROWS = 20_000;

/** Splits CSV text into rows of fields: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const rows: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const s = text.replace(/^\uFEFF/, "");
  const endRow = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]!.trim() !== "") rows.push({ fields, line: start });
    fields = [];
    field = "";
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRow();
      line++;
      start = line;
    } else field += c;
  }
  if (field !== "" || fields.length) endRow();
  return rows;
}

/** One CSV field, quoted when it has a comma, quote or line break. */
function csvField(v: string | boolean | null | undefined): string {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → CSV text, one line each ending in "\n" (as Ruby's CSV writes). */
export function toCsv(rows: (string | boolean | null | undefined)[][]): string {
  return rows.map((r) => r.map(csvField).join(",") + "\n").join("");
}

/** Header lines of each export file (lists, blocks and bookmarks have none, as in Mastodon). */
export const EXPORT_HEADERS = {
  following: ["Account address", "Show boosts", "Notify on new posts", "Languages"],
  mutes: ["Account address", "Hide notifications"],
} as const;

/** Columns each import type expects when a file has no header line. */
const DEFAULT_COLUMNS: Record<ImportType, string[]> = {
  following: ["Account address", "Show boosts", "Notify on new posts", "Languages"],
  blocks: ["Account address"],
  mutes: ["Account address", "Hide notifications"],
  lists: ["List name", "Account address"],
  bookmarks: ["#uri"],
};
const KNOWN_FIRST = new Set(["Account address", "List name", "#uri", "#domain"]);

/** Rails' boolean cast: blank is "not given", "0", "f", "false", "off" (any case) are false. */
function boolOf(v: string | undefined): boolean | undefined {
  const s = v?.trim().toLowerCase();
  if (!s) return undefined;
  return !["0", "f", "false", "off"].includes(s);
}

/** The address as written in a file, without a leading "@". */
export function cleanAcct(v: string | undefined): string {
  return (v ?? "").trim().replace(/^@/, "");
}

/**
 * Reads an import file of `type`. A first line starting with a known header names the
 * columns; otherwise the file is the headerless format (Mastodon's columns in order).
 */
export function readImport(type: ImportType, text: string): ImportRow[] {
  const rows = parseCsv(text);
  let columns = DEFAULT_COLUMNS[type];
  if (rows.length && KNOWN_FIRST.has(rows[0]!.fields[0]!.trim())) columns = rows.shift()!.fields.map((h) => h.trim());
  return rows.map(({ fields, line }) => {
    const get = (name: string) => {
      const i = columns.indexOf(name);
      return i < 0 ? undefined : fields[i];
    };
    const row: ImportRow = { line };
    const acct = get("Account address");
    if (acct !== undefined) row.acct = cleanAcct(acct);
    const reblogs = boolOf(get("Show boosts"));
    if (reblogs !== undefined) row.showReblogs = reblogs;
    const notify = boolOf(get("Notify on new posts"));
    if (notify !== undefined) row.notify = notify;
    const langs = get("Languages")
      ?.split(",")
      .map((l) => l.trim())
      .filter(Boolean);
    if (langs?.length) row.languages = langs;
    const hide = boolOf(get("Hide notifications"));
    if (hide !== undefined) row.hideNotifications = hide;
    const list = get("List name")?.trim();
    if (list !== undefined) row.listName = list;
    const uri = get("#uri")?.trim();
    if (uri !== undefined) row.uri = uri;
    return row;
  });
}

/** What is wrong with a row before anything is looked up, in words, or null. */
export function rowProblem(type: ImportType, r: ImportRow): string | null {
  if (type === "bookmarks") return r.uri && /^https?:\/\//i.test(r.uri) ? null : "this is not a post address";
  if (type === "lists" && !r.listName) return "the list name is missing";
  if (!r.acct) return "the account address is missing";
  if (!/^[\w.-]+(@[\w.-]+(:\d+)?)?$/.test(r.acct)) return `"${r.acct}" is not an account address`;
  return null;
}

/** An account's address for an export: local accounts get "@" and this server's domain. */
export function fullAcct(acct: string, localDomain: string): string {
  return acct.includes("@") ? acct : `${acct}@${localDomain}`;
}

/** Whether two addresses name the same account (a local one may be written with or without the domain). */
export function sameAcct(a: string, b: string, localDomain: string): boolean {
  const norm = (x: string) => {
    const s = cleanAcct(x).toLowerCase();
    return s.endsWith(`@${localDomain.toLowerCase()}`) ? s.slice(0, -(localDomain.length + 1)) : s;
  };
  return norm(a) === norm(b);
}
