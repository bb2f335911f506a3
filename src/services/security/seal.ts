/**
 * Sealing small secrets at rest (the TOTP secret): AES-256-GCM under a key derived from the
 * instance secret, so database dumps, logs and admin queries never show them in plain text.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";

function keyFor(instanceSecret: string): Buffer {
  return createHmac("sha256", instanceSecret).update("hearth:seal:v1").digest();
}

/** Encrypts `plain`; the result is `v1.<iv>.<ciphertext>.<tag>` in base64url. */
export function seal(instanceSecret: string, plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", keyFor(instanceSecret), iv);
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), ct.toString("base64url"), c.getAuthTag().toString("base64url")].join(".");
}

/** Decrypts a value made by seal(); null when it was tampered with or sealed under another secret. */
export function unseal(instanceSecret: string, sealed: string | null): string | null {
  if (!sealed) return null;
  const [v, iv, ct, tag] = sealed.split(".");
  if (v !== "v1" || !iv || ct === undefined || !tag) return null;
  try {
    const d = createDecipheriv("aes-256-gcm", keyFor(instanceSecret), Buffer.from(iv, "base64url"));
    d.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8");
  } catch {
    return null;
  }
}
