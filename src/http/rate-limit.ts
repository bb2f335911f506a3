/** In-memory fixed-window rate limits with Mastodon's X-RateLimit-* headers. */
import { throttleKey } from "./client-ip";

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
  /**
   * Sign-in guesses per account, from any number of addresses: Mastodon's
   * throttle_login_attempts/email (25 an hour). Right guesses are given back (see loginAttempt).
   */
  loginAccount: { limit: 25, periodMs: 60 * 60_000 },
  /** Mastodon's throttle_password_resets/ip and throttle_email_confirmations/ip: mail-sending forms. */
  passwordResets: { limit: 25, periodMs: 5 * 60_000 },
  emailConfirmations: { limit: 25, periodMs: 5 * 60_000 },
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
  private windows = new Map<string, { start: number; end: number; count: number }>();
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
      w = { start, end: start + periodMs, count: 0 };
      this.windows.set(k, w);
    }
    w.count++;
    return { allowed: w.count <= limit, limit, remaining: Math.max(0, limit - w.count), resetAt: start + periodMs };
  }

  /** Takes back one hit of `rule` for `key` in the current window (an attempt that turned out fine). */
  refund(rule: RuleName, key: string): void {
    const w = this.windows.get(`${rule}:${key}`);
    if (w && w.count > 0 && this.now() < w.end) w.count--;
  }

  private sweep(t: number): void {
    this.lastSweep = t;
    for (const [k, w] of this.windows) if (t >= w.end) this.windows.delete(k);
  }
}

/** One sign-in attempt as the throttles see it. */
export interface LoginAttempt {
  /** False when the address or the account is over its limit: refuse without checking anything. */
  allowed: boolean;
  /** Call when the password or code was right, so that only wrong guesses spend the account's budget. */
  succeeded(): void;
}

/**
 * Counts a sign-in attempt (password or second factor) toward the per-IP "login" rule and, when
 * the account is known, the per-account "loginAccount" rule, so that guesses spread over many
 * addresses are stopped too. `account` is a key from loginAccountKey (or `u<userId>`); everything
 * is allowed when `enabled` (RATE_LIMITS) is false.
 */
export function loginAttempt(limiter: RateLimiter, enabled: boolean, ip: string, account: string | null): LoginAttempt {
  if (!enabled) return { allowed: true, succeeded: () => {} };
  const byIp = limiter.hit("login", throttleKey(ip));
  const byAccount = account ? limiter.hit("loginAccount", account) : null;
  return {
    allowed: byIp.allowed && (byAccount?.allowed ?? true),
    succeeded: () => {
      if (account) limiter.refund("loginAccount", account);
    },
  };
}

/** The last window end written as a date: every request of a window sends the same one. */
let lastReset = { at: Number.NaN, iso: "" };

/** The X-RateLimit-* headers for a result. */
export function rateLimitHeaders(r: LimitResult): Record<string, string> {
  if (lastReset.at !== r.resetAt) lastReset = { at: r.resetAt, iso: new Date(r.resetAt).toISOString() };
  return {
    "X-RateLimit-Limit": String(r.limit),
    "X-RateLimit-Remaining": String(r.remaining),
    "X-RateLimit-Reset": lastReset.iso,
  };
}
