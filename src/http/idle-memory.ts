/**
 * Gives memory back when the server goes quiet. Under load the JavaScript heap, mimalloc's pages
 * and SQLite's page cache grow to what the load needs and then stay: JavaScriptCore collects
 * when allocation pressure asks for it, not when requests stop, so a server that has gone idle
 * keeps its peak. After `idleMs` without a request (and none in flight) this runs `reclaim` once,
 * and once more after twice that (memory freed by the first sweep is returned by the second),
 * then waits for the next request.
 */

/** What the reclaimer needs from the outside; tests drive `tick()` with their own clock. */
export interface IdleMemoryOptions {
  idleMs: number;
  /** Frees what can be freed (a full collection, SQLite's cache); runs only between requests. */
  reclaim: () => void;
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
  /** Reclaims run so far (for tests and metrics). */
  reclaims = 0;

  constructor(private readonly opts: IdleMemoryOptions) {
    this.now = opts.now ?? Date.now;
    this.lastActivity = this.now();
  }

  /** Wraps the app's request handler: every request counts as activity while it runs. */
  wrap() {
    return (handle: (request: Request) => unknown) =>
      async (request: Request): Promise<unknown> => {
        this.inFlight++;
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

  /** Runs a reclaim if the server has been quiet long enough; returns whether it did. */
  tick(): boolean {
    if (this.inFlight > 0 || this.rounds >= 2) return false;
    if (this.now() - this.lastActivity < this.opts.idleMs * (this.rounds + 1)) return false;
    this.rounds++;
    this.reclaims++;
    this.opts.reclaim();
    return true;
  }

  /** Checks every `everyMs` (unref'd: it never keeps the process alive). */
  start(everyMs = Math.max(1000, this.opts.idleMs / 4)): void {
    this.timer ??= setInterval(() => this.tick(), everyMs);
    (this.timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
