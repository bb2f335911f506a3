/** Runs queued jobs in-process: wakes on enqueue, polls as a backstop, survives restarts. */
import type { AppContext } from "../context";
import type { JobRow } from "../db/job-queue";
import { JOB_KINDS, type JobHandler, type JobKind } from "./kinds";

/** Handlers by job kind (the table in kinds.ts; unknown kinds are dropped with a warning). */
export const handlers: ReadonlyMap<string, JobHandler> = new Map(Object.entries(JOB_KINDS));

/** Executes one claimed job and records the outcome. */
async function runOne(ctx: AppContext, job: JobRow): Promise<void> {
  const fn = handlers.get(job.kind);
  if (!fn) {
    ctx.log.warn(`job ${job.id}: no handler for kind "${job.kind}", dropping`);
    ctx.jobs.complete(job.id);
    return;
  }
  try {
    await fn(ctx, JSON.parse(job.payload), job);
    ctx.jobs.complete(job.id);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const kept = ctx.jobs.fail(job, msg);
    ctx.log.warn(`job ${job.id} (${job.kind}) failed on attempt ${job.attempts}${kept ? "" : ", giving up"}: ${msg}`);
  }
}

/**
 * How long the background loop may run jobs back to back before it lets pending requests in:
 * handlers are mostly synchronous SQLite work on the server's only thread.
 */
const SLICE_MS = 20;

/**
 * Jobs that decode images with sharp: seconds of CPU each. At most MEDIA_JOBS of them run at
 * once (one by default), so on a two-core Pi the other core stays with the server's thread and
 * the rest of the queue (deliveries, notifications) keeps moving past a backlog of uploads.
 */
export const MEDIA_JOB_KINDS: readonly JobKind[] = ["media.process", "media.cache_remote", "media.cache_avatar"];
const isMediaJob = (kind: string) => (MEDIA_JOB_KINDS as readonly string[]).includes(kind);

/** Background loop over the jobs table with bounded concurrency. */
export class JobRunner {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private stopped = true;
  private active = 0;
  private activeMedia = 0;
  private mediaConcurrency: number;
  /** Called when the loop claims a batch of jobs (the server's idle memory reclaim counts it as activity). */
  onActivity: (() => void) | null = null;

  constructor(
    private ctx: AppContext,
    private concurrency = 4,
    private pollMs = 5000,
  ) {
    this.mediaConcurrency = Math.min(ctx.config.mediaJobs, concurrency);
    ctx.jobs.onEnqueue(() => this.wake());
  }

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /**
   * Claims nothing more and waits for the running jobs, at most `graceMs`; returns whether they
   * all finished. A job still running then keeps its row and runs again once its lease expires.
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const deadline = performance.now() + graceMs;
    while (this.active > 0 || this.running) {
      if (performance.now() >= deadline) return false;
      await Bun.sleep(5);
    }
    return true;
  }

  /**
   * Runs every due job now, repeatedly, until none is due and none the background loop
   * claimed is still running (tests call this to settle work).
   */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      while (this.active > 0) await Bun.sleep(2);
      const batch = this.ctx.jobs.claim(50);
      if (batch.length === 0) {
        if (this.active > 0) continue;
        break;
      }
      for (const job of batch) await runOne(this.ctx, job);
      total += batch.length;
    }
    return total;
  }

  private wake(): void {
    if (this.stopped || this.running) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      let slice = performance.now();
      while (!this.stopped) {
        const free = this.concurrency - this.active;
        if (free <= 0) {
          // Synchronous handlers are done once their promises settle: look again before sleeping.
          await new Promise<void>((r) => setImmediate(r));
          if (this.active >= this.concurrency) await Bun.sleep(10);
          slice = performance.now();
          continue;
        }
        const mediaFree = Math.min(free, this.mediaConcurrency - this.activeMedia);
        const batch = mediaFree > 0 ? this.ctx.jobs.claim(mediaFree, { only: MEDIA_JOB_KINDS }) : [];
        if (batch.length < free) batch.push(...this.ctx.jobs.claim(free - batch.length, { except: MEDIA_JOB_KINDS }));
        if (batch.length === 0) break;
        this.onActivity?.();
        // Claimed jobs count as active at once, so drain() waits for those not started yet.
        this.active += batch.length;
        for (const job of batch) {
          if (performance.now() - slice >= SLICE_MS) {
            await new Promise<void>((r) => setImmediate(r));
            slice = performance.now();
          }
          const media = isMediaJob(job.kind);
          if (media) this.activeMedia++;
          void runOne(this.ctx, job).finally(() => {
            this.active--;
            if (!media) return;
            this.activeMedia--;
            // A media job waiting for this slot was skipped by the loop: look again now.
            this.wake();
          });
        }
      }
    } catch (err) {
      this.ctx.log.error(`job runner: ${err instanceof Error ? err.stack : err}`);
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    // Media jobs skipped for a busy slot are picked up when the slot frees (see above).
    const due = this.ctx.jobs.nextDueIn(this.activeMedia >= this.mediaConcurrency ? MEDIA_JOB_KINDS : []);
    const wait = Math.min(due ?? this.pollMs, this.pollMs);
    this.timer = setTimeout(() => this.wake(), Math.max(wait, 20));
  }
}
