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
 * that keeps the heap near what is live.
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
  now?: () => number;
}

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
  /** Reclaims run so far (for tests and metrics). */
  reclaims = 0;
  /** Busy-time collections run so far (for tests and metrics). */
  collects = 0;

  constructor(private readonly opts: IdleMemoryOptions) {
    this.now = opts.now ?? Date.now;
    this.lastActivity = this.now();
    this.lastCollect = this.lastActivity;
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
   * busy-time collection if requests came since the last one `busyEveryMs` ago.
   */
  tick(): boolean {
    const { busyEveryMs, collect } = this.opts;
    if (busyEveryMs && collect && this.requestsSinceCollect > 0 && this.now() - this.lastCollect >= busyEveryMs) {
      this.requestsSinceCollect = 0;
      this.lastCollect = this.now();
      this.collects++;
      collect();
    }
    if (this.inFlight > 0 || this.rounds >= 2) return false;
    if (this.now() - this.lastActivity < this.opts.idleMs * (this.rounds + 1)) return false;
    this.rounds++;
    this.reclaims++;
    this.opts.reclaim();
    return true;
  }

  /** Checks every `everyMs` (unref'd: it never keeps the process alive). */
  start(everyMs = Math.max(1000, Math.min(this.opts.idleMs / 4, (this.opts.busyEveryMs ?? Infinity) / 2))): void {
    this.timer ??= setInterval(() => this.tick(), everyMs);
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
