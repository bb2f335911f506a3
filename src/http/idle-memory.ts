/**
 * Gives memory back when the server goes quiet. Under load the JavaScript heap, mimalloc's pages
 * and SQLite's page cache grow to what the load needs and then stay: JavaScriptCore collects
 * when allocation pressure asks for it, not when requests stop, so a server that has gone idle
 * keeps its peak. After `idleMs` without a request (and none in flight) this runs `reclaim` once,
 * and once more after twice that (memory freed by the first sweep is returned by the second),
 * then waits for the next request or batch of background jobs (`activity`).
 *
 * Under sustained load the server is never quiet, and JavaScriptCore lets its heap grow to two or
 * three times what is live before a full collection (measured: 30 MB live, 80 MB held, RSS past
 * 200 MB after two minutes of 8 clients). With `busyEveryMs`, `collect` (a full collection) runs
 * every that often while requests keep coming, in flight or not: a pause of a few milliseconds
 * that keeps the heap near what is live. Most of what a collection gives back is not the JS heap
 * itself but memory freed with it (response bodies, strings, malloc'd buffers: measured under 200
 * clients, a full collection took RSS from 94 to 70 MB while the heap went from 22 to 20 MB), and
 * how fast that piles up follows the request rate. So `collect` also runs as soon as RSS has grown
 * `busyGrowthBytes` past what it was after the last collection (checked every second): under
 * heavy load collections come as often as garbage needs, one per that many bytes (a constant CPU
 * cost per request), and a light load keeps the fixed period.
 */

/** What the reclaimer needs from the outside; tests drive `tick()` with their own clock. */
export interface IdleMemoryOptions {
  idleMs: number;
  /** Frees what can be freed (a full collection, SQLite's cache); runs only between requests. */
  reclaim: () => void;
  /** While requests keep coming, how often `collect` runs (never when unset). */
  busyEveryMs?: number;
  /** A cheaper reclaim for busy times (a full collection); runs between JavaScript turns. */
  collect?: () => void;
  /**
   * With `busyEveryMs`: `collect` also runs (requests having come) once `rss()` is this many bytes
   * above its value after the last collection. Default 24 MB; 0 turns it off.
   */
  busyGrowthBytes?: number;
  /** Resident memory in bytes (default `process.memoryUsage.rss()`, ~20 µs). */
  rss?: () => number;
  now?: () => number;
}

/** Default for `busyGrowthBytes`. */
export const BUSY_GROWTH_BYTES = 24 * 1024 * 1024;

/** Counts requests in flight and runs `reclaim` after a quiet spell (see the module comment). */
export class IdleMemory {
  private inFlight = 0;
  private lastActivity: number;
  /** How many reclaims ran since the last request (at most 2). */
  private rounds = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly now: () => number;
  /** Requests started since the last busy-time collection. */
  private requestsSinceCollect = 0;
  private lastCollect: number;
  /** RSS right after the last busy-time collection or reclaim (or at start). */
  private rssAfterCollect: number;
  private readonly rss: () => number;
  private readonly growth: number;
  /** Reclaims run so far (for tests and metrics). */
  reclaims = 0;
  /** Busy-time collections run so far (for tests and metrics). */
  collects = 0;

  constructor(private readonly opts: IdleMemoryOptions) {
    this.now = opts.now ?? Date.now;
    this.lastActivity = this.now();
    this.lastCollect = this.lastActivity;
    this.rss = opts.rss ?? (() => process.memoryUsage.rss());
    this.growth = opts.busyEveryMs && opts.collect ? (opts.busyGrowthBytes ?? BUSY_GROWTH_BYTES) : 0;
    this.rssAfterCollect = this.growth ? this.rss() : 0;
  }

  /** Wraps the app's request handler: every request counts as activity while it runs. */
  wrap() {
    return (handle: (request: Request) => unknown) =>
      async (request: Request): Promise<unknown> => {
        this.inFlight++;
        this.requestsSinceCollect++;
        this.rounds = 0;
        this.lastActivity = this.now();
        try {
          return await handle(request);
        } finally {
          this.inFlight--;
          this.lastActivity = this.now();
        }
      };
  }

  /**
   * Work other than a request happened (a batch of background jobs: fan-out, trends, cron): it
   * allocates too, so the quiet spell starts again and the reclaims run after it as after a request.
   */
  activity(): void {
    this.rounds = 0;
    this.lastActivity = this.now();
  }

  /**
   * Runs a reclaim if the server has been quiet long enough (returns whether it did), or a
   * busy-time collection if requests came since the last one and either `busyEveryMs` passed
   * since it or RSS grew `busyGrowthBytes` past what it left.
   */
  tick(): boolean {
    const { busyEveryMs, collect } = this.opts;
    if (
      busyEveryMs &&
      collect &&
      this.requestsSinceCollect > 0 &&
      (this.now() - this.lastCollect >= busyEveryMs || (this.growth > 0 && this.rss() - this.rssAfterCollect >= this.growth))
    ) {
      this.requestsSinceCollect = 0;
      this.lastCollect = this.now();
      this.collects++;
      collect();
      if (this.growth) this.rssAfterCollect = this.rss();
    }
    if (this.inFlight > 0 || this.rounds >= 2) return false;
    if (this.now() - this.lastActivity < this.opts.idleMs * (this.rounds + 1)) return false;
    this.rounds++;
    this.reclaims++;
    this.opts.reclaim();
    // A reclaim is a full collection too: the busy-time ones count from it.
    this.lastCollect = this.now();
    if (this.growth) this.rssAfterCollect = this.rss();
    return true;
  }

  /** Checks every `everyMs` (unref'd: it never keeps the process alive); every second when watching RSS. */
  start(everyMs = this.growth ? 1000 : Math.max(1000, Math.min(this.opts.idleMs / 4, (this.opts.busyEveryMs ?? Infinity) / 2))): void {
    this.timer ??= setInterval(() => this.tick(), everyMs);
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
