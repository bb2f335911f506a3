/** In-memory fixed-window rate limits with Mastodon's X-RateLimit-* headers. */

export interface LimitRule {
  limit: number;
  periodMs: number;
}

/** Mastodon's defaults for the throttled endpoints. */
export const RULES = {
  api: { limit: 300, periodMs: 5 * 60_000 },
  ip: { limit: 300, periodMs: 5 * 60_000 },
  media: { limit: 30, periodMs: 30 * 60_000 },
  statusDeletes: { limit: 30, periodMs: 30 * 60_000 },
  signUp: { limit: 5, periodMs: 30 * 60_000 },
  login: { limit: 25, periodMs: 5 * 60_000 },
} satisfies Record<string, LimitRule>;

export type RuleName = keyof typeof RULES;

export interface LimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAt: number;
}

/** Counts hits per key within fixed windows; old windows are swept lazily. */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;
  constructor(private now: () => number = Date.now) {}

  hit(rule: RuleName, key: string): LimitResult {
    const { limit, periodMs } = RULES[rule];
    const t = this.now();
    if (t - this.lastSweep > 60_000) this.sweep(t);
    const start = Math.floor(t / periodMs) * periodMs;
    const k = `${rule}:${key}`;
    let w = this.windows.get(k);
    if (!w || w.start !== start) {
      w = { start, count: 0 };
      this.windows.set(k, w);
    }
    w.count++;
    return { allowed: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), resetAt: start + periodMs };
  }

  private sweep(t: number): void {
    this.lastSweep = t;
    for (const [k, w] of this.windows) if (t - w.start > 30 * 60_000) this.windows.delete(k);
  }
}

/** The X-RateLimit-* headers for a result. */
export function rateLimitHeaders(r: LimitResult): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(r.limit),
    "X-RateLimit-Remaining": String(r.remaining),
    "X-RateLimit-Reset": new Date(r.resetAt).toISOString(),
  };
}
