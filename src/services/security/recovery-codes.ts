/** One-time recovery codes for two-factor authentication: shown once, stored only as keyed hashes. */
import { randomBytes } from "node:crypto";
import { hmac } from "../oauth/secrets";

/** How many codes a user gets (as Mastodon). */
export const RECOVERY_CODE_COUNT = 10;

/** Codes as typed: lower case, spaces and dashes dropped. */
export function normalizeRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, "");
}

/** The stored hash of a code; keyed by the instance secret and the user so hashes cannot be reused. */
export function hashRecoveryCode(instanceSecret: string, userId: number, code: string): string {
  return hmac(instanceSecret, `recovery:${userId}:${normalizeRecoveryCode(code)}`);
}

/** Fresh codes (10 hex characters each) and the JSON array of their hashes to store. */
export function newRecoveryCodes(instanceSecret: string, userId: number): { codes: string[]; stored: string } {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => randomBytes(5).toString("hex"));
  return { codes, stored: JSON.stringify(codes.map((c) => hashRecoveryCode(instanceSecret, userId, c))) };
}

/** The stored hashes without the one matching `code`, or null when no unused code matches. */
export function consumeRecoveryCode(instanceSecret: string, userId: number, stored: string, code: string): string | null {
  const c = normalizeRecoveryCode(code);
  if (!/^[0-9a-f]{10}$/.test(c)) return null;
  let hashes: string[];
  try {
    hashes = JSON.parse(stored) as string[];
  } catch {
    return null;
  }
  const h = hashRecoveryCode(instanceSecret, userId, c);
  const i = hashes.indexOf(h);
  if (i < 0) return null;
  hashes.splice(i, 1);
  return JSON.stringify(hashes);
}

/** How many unused codes a stored JSON array holds. */
export function recoveryCodesLeft(stored: string): number {
  try {
    return (JSON.parse(stored) as string[]).length;
  } catch {
    return 0;
  }
}
