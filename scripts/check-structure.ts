/**
 * Structure check (run by `make check`, which `make test` runs first). Fails when
 *  - SQL appears in a source file outside `src/db/`,
 *  - a file imports (at run time) from a layer above its own, or two top-level folders import
 *    each other at run time,
 *  - an `/api/v2/…` route is defined outside `src/api/v2/`,
 *  - relative imports form a circle.
 * `bun scripts/check-structure.ts --report` prints every finding and the totals without failing.
 */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "..");
const SRC = join(ROOT, "src");

/**
 * Layers from the top down: a file may import its own layer or any lower one. The longest
 * matching prefix (relative to src/) decides a file's layer.
 */
const LAYERS: [prefix: string, rank: number][] = [
  ["main.ts", 100],
  ["cli/", 95],
  ["server.ts", 90],
  ["context.ts", 85],
  ["api/", 80],
  ["oauth/", 80],
  ["pages/", 80],
  ["web-client/", 80],
  ["activitypub/inbound/", 80],
  ["jobs/", 80],
  ["streaming/", 66],
  ["http/", 62],
  ["services/", 60],
  ["activitypub/outbound/", 50],
  ["media/", 50],
  ["mail/", 50],
  ["db/", 40],
  ["serializers/", 30],
  ["text/", 20],
  ["model/", 10],
  ["config/", 10],
  ["log.ts", 10],
  ["version.ts", 10],
  ["assets/", 10],
  ["types.d.ts", 10],
];

function layerOf(rel: string): { prefix: string; rank: number } | null {
  let best: { prefix: string; rank: number } | null = null;
  for (const [prefix, rank] of LAYERS) {
    if ((rel === prefix || rel.startsWith(prefix)) && (!best || prefix.length > best.prefix.length)) best = { prefix, rank };
  }
  return best;
}

/**
 * The unit a path belongs to for the both-ways check: its top-level folder (or root file), except
 * that ActivityPub's inbound and outbound sides are separate units (they sit above and below services).
 */
const topOf = (rel: string) => {
  const parts = rel.split("/");
  return parts[0] === "activitypub" && parts.length > 2 ? `activitypub/${parts[1]}` : parts[0]!;
};

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(f)) out.push(p);
  }
  return out;
}

function resolveImport(fromFile: string, spec: string): string | null {
  const base = resolve(dirname(fromFile), spec);
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const p = base + ext;
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return null;
}

/** Relative imports that exist at run time (type-only imports and re-exports are left out). */
export function runtimeImports(file: string, text: string): string[] {
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(type\s+)?(?:([^;]*?)\s+from\s+)?["'](\.{1,2}\/[^"']*)["']/gm;
  for (const m of text.matchAll(re)) {
    if (m[1]) continue;
    const clause = (m[2] ?? "").trim();
    if (/^\{[^}]*\}$/.test(clause)) {
      const names = clause
        .slice(1, -1)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (names.length > 0 && names.every((n) => n.startsWith("type "))) continue;
    }
    const target = resolveImport(file, m[3]!);
    if (target) out.push(target);
  }
  for (const m of text.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']*)["']\s*\)/g)) {
    const target = resolveImport(file, m[1]!);
    if (target) out.push(target);
  }
  return out;
}

/** Strings and template literals, comments removed, so SQL is only looked for where it can run. */
function stringLiterals(text: string): string[] {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  const out: string[] = [];
  for (const m of noComments.matchAll(/`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g)) out.push(m[0]);
  return out;
}

const SQL =
  /\b(SELECT\s+(?:DISTINCT\s+)?[\w*(]|INSERT\s+(?:OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|REPLACE\s+INTO\s|CREATE\s+(?:TEMP\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\s|PRAGMA\s+\w+|WITH\s+(?:RECURSIVE\s+)?\w+\s*(?:\([^)]*\)\s*)?AS\s*\()/;
const V2_ROUTE = /^["'`]\/api\/v2\//;

export interface Findings {
  sql: string[];
  upward: string[];
  bothWays: string[];
  v2: string[];
  circles: string[];
}

/** Scans src/ and returns every finding. */
export function scan(): Findings {
  const files = walk(SRC);
  const f: Findings = { sql: [], upward: [], bothWays: [], v2: [], circles: [] };
  const pairs = new Map<string, string>();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const rel = relative(SRC, file);
    const text = readFileSync(file, "utf8");
    const strings = stringLiterals(text);
    if (!rel.startsWith("db/")) {
      const n = strings.filter((s) => SQL.test(s)).length;
      if (n > 0) f.sql.push(`${rel}: ${n} SQL statement${n === 1 ? "" : "s"}`);
    }
    if (!rel.startsWith("api/v2/") && strings.some((s) => V2_ROUTE.test(s)))
      f.v2.push(`${rel}: defines an /api/v2 route outside src/api/v2/`);
    const mine = layerOf(rel);
    const targets = runtimeImports(file, text).filter((t) => t.startsWith(SRC + "/"));
    graph.set(file, targets);
    for (const t of targets) {
      const trel = relative(SRC, t);
      const theirs = layerOf(trel);
      if (mine && theirs && theirs.rank > mine.rank) f.upward.push(`${rel} imports ${trel} (${mine.prefix} is below ${theirs.prefix})`);
      const a = topOf(rel),
        b = topOf(trel);
      if (a !== b && !pairs.has(`${a} ${b}`)) pairs.set(`${a} ${b}`, `${rel} -> ${trel}`);
    }
  }
  for (const [key, example] of pairs) {
    const [a, b] = key.split(" ");
    if (a! < b! && pairs.has(`${b} ${a}`)) f.bothWays.push(`${a} <-> ${b} (${example}; ${pairs.get(`${b} ${a}`)})`);
  }
  // Circles between files: depth-first search for back edges.
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 1)
        f.circles.push(
          stack
            .slice(stack.indexOf(m))
            .concat(m)
            .map((p) => relative(SRC, p))
            .join(" -> "),
        );
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return f;
}

if (import.meta.main) {
  const report = process.argv.includes("--report");
  const f = scan();
  const sections: [string, string[]][] = [
    ["SQL outside src/db/", f.sql],
    ["imports of a layer above", f.upward],
    ["top-level folders importing each other", f.bothWays],
    ["/api/v2 routes outside src/api/v2/", f.v2],
    ["import circles", f.circles],
  ];
  let total = 0;
  for (const [title, items] of sections) {
    total += items.length;
    if (items.length === 0) continue;
    console.log(`${title}: ${items.length}`);
    for (const i of items) console.log(`  ${i}`);
  }
  console.log(
    `structure: ${f.sql.length} files with SQL outside src/db/, ${f.upward.length} upward imports, ${f.bothWays.length} folder pairs both ways, ${f.v2.length} misplaced /api/v2 routes, ${f.circles.length} circles`,
  );
  if (total > 0 && !report) process.exit(1);
}
