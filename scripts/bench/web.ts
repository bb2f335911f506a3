/**
 * Bench suite `web` (issue 16): the web client's weight and speed on a phone.
 * - JS: gzipped bytes of the scripts the home screen loads on a first visit (the entry and its
 *   modulepreloads from web/dist/index.html, plus any chunk the browser fetched while Home loaded),
 *   against the 70 KB budget, and of every other (lazily loaded) chunk in web/dist/assets.
 * - Time to interactive of Home on an emulated mid-range phone: Debian's Chromium through
 *   playwright-core at 375×812, CDP Emulation.setCPUThrottlingRate 4 and
 *   Network.emulateNetworkConditions (1.6 Mbps down, 750 kbps up, 150 ms latency) to 127.0.0.1,
 *   cold HTTP cache (a new context per run, signed in through its stored session).
 *   Defined here as: navigation start → the later of (a) the first status of the home timeline in
 *   the DOM and (b) the end of the last long task (> 50 ms, PerformanceObserver "longtask") before
 *   a 2 s window with no long task, i.e. Home shows a post and the main thread is idle.
 * BENCH_WEB_RUNS (5) runs; median and worst are printed. Needs `make web` first.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { startTestServer } from "../../tests/rig";
import { launch, signIn } from "../../tests/web/browser";
import { fmt, loadNote, num, printTable, ROOT } from "./lib";

const DIST = join(ROOT, "web", "dist");
const BUDGET_KB = 70;

/** Gzipped size of a web/dist file: its precompressed .gz when the build kept one, else gzip -9 now. */
function gzBytes(path: string): number {
  const file = join(DIST, path);
  if (existsSync(`${file}.gz`)) return readFileSync(`${file}.gz`).byteLength;
  return gzipSync(readFileSync(file), { level: 9 }).byteLength;
}

/** The entry script and modulepreloads named by index.html (URL paths). */
function entryScripts(): string[] {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const out = new Set<string>();
  for (const m of html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g)) out.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) out.add(m[1]!);
  return [...out];
}

const kb = (b: number) => fmt(b / 1024, 1);

interface Run {
  firstStatus: number;
  tti: number;
  longTasks: number;
  longTaskMs: number;
  scripts: string[];
}

/** One cold load of /home on the throttled phone; times are ms since navigation start. */
async function measure(ctx: BrowserContext, base: string): Promise<Run> {
  const page: Page = await ctx.newPage();
  const scripts = new Set<string>();
  page.on("request", (r) => {
    if (r.resourceType() === "script" && r.url().startsWith(base)) scripts.add(new URL(r.url()).pathname);
  });
  await page.addInitScript(() => {
    const w = window as any;
    w.__long = [] as [number, number][];
    try {
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) w.__long.push([e.startTime, e.startTime + e.duration]);
      }).observe({ type: "longtask", buffered: true });
    } catch {
      // No long-task timing: TTI is the first status then.
    }
    const seen = () => {
      if (w.__first === undefined && document.querySelector("article.status")) w.__first = performance.now();
      return w.__first !== undefined;
    };
    new MutationObserver((_, o) => seen() && o.disconnect()).observe(document, { childList: true, subtree: true });
  });
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await page.goto(`${base}/home`, { timeout: 60_000 });
  await page.waitForFunction(() => (window as any).__first !== undefined, null, { timeout: 60_000, polling: 50 });
  // Wait for a 2 s window without long tasks after the first status (at most 30 s).
  const result = await page.evaluate(
    () =>
      new Promise<{ first: number; lastEnd: number; n: number; total: number }>((done) => {
        const w = window as any;
        const check = () => {
          const long: [number, number][] = w.__long;
          const lastEnd = Math.max(w.__first, ...long.map((l) => l[1]));
          if (performance.now() - lastEnd >= 2000 || performance.now() > w.__first + 30_000)
            done({ first: w.__first, lastEnd, n: long.length, total: long.reduce((a, l) => a + (l[1] - l[0]), 0) });
          else setTimeout(check, 100);
        };
        check();
      }),
  );
  await page.close();
  return { firstStatus: result.first, tti: result.lastEnd, longTasks: result.n, longTaskMs: result.total, scripts: [...scripts] };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(join(DIST, "index.html"))) throw new Error("web/dist is missing: run `make web` first");
  console.log(`web client: JS weight and Home's time to interactive on an emulated phone (${loadNote()})`);
  const s = await startTestServer();
  const browser = await launch();
  try {
    const ann = await s.createUser("ann");
    const bob = await s.createUser("bob");
    await ann.client.v1.accounts.$select(bob.id).follow();
    for (let i = 1; i <= 40; i++)
      await bob.client.v1.statuses.create({ status: `Post ${i} from Bob with #hearth and a link to https://example.com/${i}` });
    await s.drain();
    const first = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "en-US" });
    await signIn(await first.newPage(), s.url, ann, "ann");
    const state = await first.storageState();
    await first.close();

    const runs: Run[] = [];
    for (let i = 0; i < num("BENCH_WEB_RUNS", 5); i++) {
      const ctx = await browser.newContext({
        viewport: { width: 375, height: 812 },
        locale: "en-US",
        storageState: state,
        isMobile: true,
        hasTouch: true,
      });
      // Keep every run cold: no service worker from an earlier run serves the files.
      await ctx.route("**/sw.js", (r) => r.abort());
      runs.push(await measure(ctx, s.url));
      await ctx.close();
    }

    // JS weight: the entry + preloads, plus chunks the browser fetched while Home loaded.
    const home = new Set(entryScripts());
    for (const r of runs) for (const p of r.scripts) if (p.startsWith("/assets/")) home.add(p);
    const homeRows = [...home].sort().map((p) => [p.replace("/assets/", ""), kb(gzBytes(p.slice(1)))]);
    const homeTotal = [...home].reduce((a, p) => a + gzBytes(p.slice(1)), 0);
    console.log("\nHome first load (scripts the home screen loads):");
    printTable(
      ["script", "KB gz"],
      [...homeRows, ["total", kb(homeTotal)], [`budget ${BUDGET_KB} KB`, homeTotal <= BUDGET_KB * 1024 ? "met" : "NOT MET"]],
    );
    const lazy = readdirSync(join(DIST, "assets"))
      .filter((f) => f.endsWith(".js") && !home.has(`/assets/${f}`))
      .map((f) => [f, gzBytes(`assets/${f}`)] as const)
      .sort((a, b) => b[1] - a[1]);
    console.log("\nLazily loaded chunks:");
    printTable(["chunk", "KB gz"], [...lazy.map(([f, b]) => [f, kb(b)]), ["total", kb(lazy.reduce((a, [, b]) => a + b, 0))]]);

    console.log(
      "\nHome on an emulated phone (375×812, CPU ×4 slower, 1.6 Mbps / 150 ms; cold cache). TTI = navigation start → the later of the first status in the DOM and the end of the last long task before 2 s without one:",
    );
    printTable(
      ["run", "first status ms", "TTI ms", "long tasks", "long-task ms"],
      [
        ...runs.map((r, i) => [String(i + 1), fmt(r.firstStatus, 0), fmt(r.tti, 0), String(r.longTasks), fmt(r.longTaskMs, 0)]),
        ["median", fmt(median(runs.map((r) => r.firstStatus)), 0), fmt(median(runs.map((r) => r.tti)), 0), "", ""],
        ["worst", fmt(Math.max(...runs.map((r) => r.firstStatus)), 0), fmt(Math.max(...runs.map((r) => r.tti)), 0), "", ""],
      ],
    );
    console.log(`load after: ${loadNote()}`);
  } finally {
    await browser.close();
    await s.stop();
  }
}

await main();
