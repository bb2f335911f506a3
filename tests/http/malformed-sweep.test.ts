/**
 * The malformed-input sweep: every route registered on the Elysia app (read from `app.routes`,
 * so a new route is covered without touching this file) plus the `/@…` pages (request hooks,
 * not routes), called with hostile path parameters, hostile pagination and query values and
 * bodies of every wrong type, with and without a full-scope admin token. Nothing may answer
 * 5xx, log an error, put CR/LF/NUL or non-ASCII into a header, or write a row.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer } from "../rig";
import { TOP_SCOPES } from "../../src/model/scopes";
import { PLACEHOLDER_HTML } from "../../src/web-client/files";

let s: TestServer;
let token: string;
const logged: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ fixtures: true, runJobs: false });
  token = s.token(s.fixtures.admin_account.user.id, TOP_SCOPES);
  const error = s.ctx.log.error.bind(s.ctx.log);
  s.ctx.log.error = (msg: string, ...rest: unknown[]) => {
    logged.push(String(msg).split("\n")[0]!.slice(0, 200));
    return (error as any)(msg, ...rest);
  };
});
afterAll(() => s.stop());

/** Path parameter values, already percent-encoded as they go on the wire. */
const HOSTILE_IDS = [
  "%00",
  "%ff%fe",
  "%0d%0aX-Injected:%201",
  "%0a",
  "%09",
  "%",
  "%zz",
  "%25",
  "%2500",
  "%20",
  "-1",
  "0",
  "1.5",
  "-Infinity",
  "99999999999999999999999999999",
  "9223372036854775808",
  "9".repeat(4000),
  "..%2F..%2Fetc%2Fpasswd",
  "%E2%80%AE",
  "%F0%9F%92%A9",
  "%EF%BC%91",
  "%ED%A0%80",
  // `/@name@our.domain/:id` redirects to the local page: a hostile name must not reach its Location.
  "%0d%0aX-Injected:%201@{domain}",
  "%00@{domain}",
];

/** One value for every pagination and common query parameter at once, as a query string. */
const PARAM_NAMES = [
  "max_id",
  "since_id",
  "min_id",
  "limit",
  "offset",
  "id",
  "q",
  "account_id",
  "types",
  "exclude_types",
  "grouped_types",
  "local",
  "remote",
  "only_media",
  "resource",
  "page",
  "resolve",
  "type",
  "exclude_replies",
  "pinned",
  "tagged",
  "status",
  "title",
  "ids",
];
const QUERY_VARIANTS: ((k: string) => string)[] = [
  (k) => `${k}[]=1&${k}[]=2`,
  (k) => `${k}[a][b]=1`,
  (k) => `${k}=99999999999999999999999999999`,
  (k) => `${k}=-5`,
  (k) => `${k}=abc%00%ff`,
  (k) => `${k}=1.5e400`,
  (k) => `${k}=`,
  (k) => `${k}=%0d%0aX-Injected:%201`,
];

/** Bodies of wrong types: the body itself, or every common field, of the wrong shape. */
const FIELDS = [...PARAM_NAMES, "file", "description", "focus", "phrase", "context", "visibility", "account_ids", "spoiler_text"];
function bodies(): { type?: string; body: BodyInit }[] {
  const form = (v: (k: string) => string) => FIELDS.map(v).join("&");
  const multipart = () => {
    const fd = new FormData();
    for (const k of FIELDS) {
      fd.append(`${k}[]`, "x");
      fd.append(`${k}[]`, new Blob(["\0\xff"], { type: "application/octet-stream" }), "evil\r\n.png");
    }
    return fd;
  };
  return [
    { type: "application/json", body: "[1,2]" },
    { type: "application/json", body: '"a string"' },
    { type: "application/json", body: "12345" },
    { type: "application/json", body: "null" },
    { type: "application/json", body: '{"status": ' },
    { type: "application/json", body: JSON.stringify(Object.fromEntries(FIELDS.map((k) => [k, [[1], { a: null }]]))) },
    { type: "application/json", body: JSON.stringify(Object.fromEntries(FIELDS.map((k) => [k, { __proto__: 1, a: [] }]))) },
    { type: "application/x-www-form-urlencoded", body: form((k) => `${k}[]=1&${k}[]=2`) },
    { type: "application/x-www-form-urlencoded", body: form((k) => `${k}[x][y]=1&__proto__[${k}]=1`) },
    { type: "application/x-www-form-urlencoded", body: "%%%&&==&%ff=%fe" },
    { body: multipart() },
  ];
}

interface Route {
  method: string;
  path: string;
}

function routes(): Route[] {
  const seen = new Set<string>();
  const out: Route[] = [];
  const all: Route[] = [
    ...(s.server.app as any).routes.map((r: Route) => ({ method: r.method, path: r.path })),
    // Answered by request hooks ahead of routing (Elysia cannot match "/@:name").
    { method: "GET", path: "/@:name" },
    { method: "GET", path: "/@:name/:id" },
    { method: "GET", path: "/@:name/tagged/:tag" },
  ];
  for (const r of all) {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}

/** Ids of real things of the sweep's user (admin_account), to read or edit (set before the sweep). */
const real: Record<string, string> = {};

/**
 * A harmless value for a parameter we are not attacking. Reads and edits (GET, PUT, PATCH) get
 * a real account, status, list, filter or tag, so the hostile query or body reaches the
 * handler's own checks; other writes (POST, DELETE) get an id or tag name that names nothing,
 * since following a tag or deleting a list takes no body and would write whatever it held.
 */
function benign(method: string, path: string, param: string, before: string): string {
  const reach = method === "GET" || method === "PUT" || method === "PATCH";
  if (param === "name" && /^\/(users|@)/.test(path)) return "admin_account";
  if (param === "name" || param === "hashtag" || param === "tag") return reach ? "hearth" : "0";
  if (param === "*") return "x";
  if (!reach) return "0";
  if (param === "list_id") return real.lists!;
  return real[before] ?? "1";
}

const PARAM = /^(:[A-Za-z_]+|\*)$/;

function fill(method: string, path: string, hostile?: { param: string; value: string }): string {
  const segs = path.split("/");
  return segs
    .map((seg, i) => {
      const [prefix, rest] = seg.startsWith("@") ? ["@", seg.slice(1)] : ["", seg];
      if (!PARAM.test(rest)) return seg;
      const p = rest === "*" ? "*" : rest.slice(1);
      return prefix + (hostile && p === hostile.param ? hostile.value : benign(method, path, p, segs[i - 1] ?? ""));
    })
    .join("/");
}

function paramsOf(path: string): string[] {
  return path
    .split("/")
    .map((seg) => seg.replace(/^@/, ""))
    .filter((seg) => PARAM.test(seg))
    .map((seg) => (seg === "*" ? "*" : seg.slice(1)));
}

interface Call {
  method: string;
  url: string;
  token: boolean;
  type?: string;
  body?: BodyInit;
}

function plan(): Call[] {
  const calls: Call[] = [];
  const list = routes();
  for (const withToken of [true, false]) {
    for (const r of list) {
      for (const param of paramsOf(r.path)) {
        for (const value of HOSTILE_IDS) {
          calls.push({
            method: r.method,
            url: fill(r.method, r.path, { param, value: value.replace("{domain}", s.domain) }),
            token: withToken,
          });
        }
      }
      if (r.method === "GET") {
        for (const v of QUERY_VARIANTS)
          calls.push({ method: r.method, url: `${fill(r.method, r.path)}?${PARAM_NAMES.map(v).join("&")}`, token: withToken });
      } else if (r.method !== "OPTIONS" && r.method !== "HEAD") {
        for (const b of bodies()) calls.push({ method: r.method, url: fill(r.method, r.path), token: withToken, ...b });
      }
    }
  }
  return calls;
}

/**
 * Row counts of every table. One kind of row may legitimately appear: a PUT/PATCH of a filter
 * whose body holds only keys Hearth ignores (as Rails ignores unpermitted params) is a valid,
 * empty update, and it tells the user's open streams `filters_changed`, as Mastodon's
 * after_commit does; those stream jobs are left out of the jobs count.
 */
function tableCounts(): Record<string, number> {
  const tables = s.ctx.db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
    name: string;
  }[];
  const counts = Object.fromEntries(tables.map(({ name }) => [name, s.count(`"${name}"`)]));
  counts.jobs = s.count("jobs", "kind <> 'stream.filters_changed'");
  return counts;
}

const SAFE_HEADER = /^[\x20-\x7e]*$/;

test("no route answers 5xx, injects a header or writes a row on malformed input", async () => {
  // Made once per instance on first use, as Mastodon makes them at set-up or on first save: the
  // instance actor (accounts), the Web Push VAPID keys (settings), a notification policy row.
  expect((await s.api("GET", "/actor", { headers: { Accept: "application/activity+json" } })).status).toBe(200);
  expect((await s.api("GET", "/api/v1/apps/verify_credentials", { token })).status).toBe(200);
  expect((await s.api("PUT", "/api/v1/notifications/policy", { token, json: {} })).status).toBe(200);
  // Things of the sweep's own user for the reads and edits to reach (see benign()).
  const made = async (path: string, json: unknown) => {
    const res = await s.api("POST", path, { token, json });
    expect(res.status).toBe(200);
    return String(((await res.json()) as { id: string }).id);
  };
  real.accounts = String(s.fixtures.local_account_1.account.id);
  real.statuses = await made("/api/v1/statuses", { status: "sweep target #hearth" });
  real.lists = await made("/api/v1/lists", { title: "sweep list" });
  real.filters = await made("/api/v2/filters", { title: "sweep filter", context: ["home"], keywords_attributes: [{ keyword: "x" }] });
  const clientBuilt = (await s.api("GET", "/home", { headers: { Accept: "text/html" } })).status === 200;
  const calls = plan();
  const before = tableCounts();
  const histogram: Record<string, number> = {};
  const failures: string[] = [];
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const c = calls[next++]!;
      const headers: Record<string, string> = { Accept: "text/html,application/json;q=0.9" };
      if (c.token) headers.Authorization = `Bearer ${token}`;
      if (c.type) headers["Content-Type"] = c.type;
      const where = `${c.method} ${c.url.slice(0, 120)}${c.type ? ` [${c.type}]` : c.body ? " [multipart]" : ""}${c.token ? " (token)" : ""}`;
      let res: Response;
      try {
        res = await fetch(s.url + c.url, {
          method: c.method,
          headers,
          body: c.body,
          redirect: "manual",
          signal: AbortSignal.timeout(5000),
        });
      } catch (e) {
        failures.push(`no answer (${String(e).slice(0, 60)}): ${where}`);
        continue;
      }
      // Streaming answers never end: their headers are what counts.
      const streaming = (res.headers.get("content-type") ?? "").includes("event-stream");
      const text = streaming ? (await res.body?.cancel(), "") : await res.text();
      histogram[res.status] = (histogram[res.status] ?? 0) + 1;
      // Without `make web` the client's pages are a deliberate 503 placeholder ("not built"), not a failure.
      const unbuilt = res.status === 503 && !clientBuilt && (text === PLACEHOLDER_HTML || c.method === "HEAD");
      if (res.status >= 500 && !unbuilt) failures.push(`${res.status} ${where}: ${text.slice(0, 120)}`);
      if (res.headers.has("x-injected")) failures.push(`header injected: ${where}`);
      // A redirect may carry a hostile value only percent-encoded (":" as %3A), never as decoded text.
      if (/X-Injected:/i.test(res.headers.get("location") ?? ""))
        failures.push(`decoded value in Location ${res.headers.get("location")}: ${where}`);
      res.headers.forEach((v, k) => {
        if (!SAFE_HEADER.test(v)) failures.push(`unsafe ${k} header ${JSON.stringify(v.slice(0, 80))}: ${where}`);
      });
      if (/\bat .+\.(ts|js):\d+/.test(text)) failures.push(`stack trace in body: ${where}`);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  const seconds = (performance.now() - started) / 1000;
  const after = tableCounts();
  const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
  console.log(
    `malformed-input sweep: ${calls.length} requests over ${routes().length} routes in ${seconds.toFixed(1)} s; statuses: ${JSON.stringify(histogram)}`,
  );
  expect({
    failures: failures.slice(0, 60),
    logged: logged.slice(0, 10),
    written: changed.map((t) => `${t}: ${before[t]} -> ${after[t]}`),
  }).toEqual({ failures: [], logged: [], written: [] });
}, 60_000);
