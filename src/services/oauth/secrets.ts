/** Constant-time comparison and hashing helpers for OAuth secrets and session ids. */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** Compares two strings without leaking where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y) && a.length === b.length;
}

/** Hex sha256 of a value (session ids are stored hashed). */
export function sha256Hex(v: string): string {
  return createHash("sha256").update(v).digest("hex");
}

/** base64url HMAC-SHA256 of `data` under the instance secret. */
export function hmac(secret: string, data: string): string {
  return createHmac("sha256", secret).update(data).digest("base64url");
}
