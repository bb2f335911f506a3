/** The TOTP/HOTP primitives against the RFC test vectors, base32, and sealing secrets at rest. */
import { describe, expect, test } from "bun:test";
import { base32Decode, base32Encode, generateTotpSecret, hotp, matchTotp, totpAt, totpStep } from "../../../src/services/security/totp";
import { seal, unseal } from "../../../src/services/security/seal";
import { totp as independentTotp } from "./helpers";

const KEY = new TextEncoder().encode("12345678901234567890");

describe("HOTP and TOTP", () => {
  test("RFC 4226 appendix D: HOTP values for counters 0-9", () => {
    const want = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expect(want.map((_, i) => hotp(KEY, i))).toEqual(want);
  });

  test("RFC 6238 appendix B: SHA-1 values (8 digits)", () => {
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [t, code] of vectors) expect(hotp(KEY, totpStep(t * 1000), 8)).toBe(code);
  });

  test("base32 round trip, and the test's own implementation agrees", () => {
    expect(base32Encode(KEY)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(Buffer.from(base32Decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")!).toString()).toBe("12345678901234567890");
    expect(base32Decode("not base32!")).toBeNull();
    const secret = generateTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    for (const step of [0, 1, 59_000_000, 2 ** 33]) expect(totpAt(secret, step)).toBe(independentTotp(secret, step));
  });

  test("matchTotp accepts the previous, current and next step once each, nothing else", () => {
    const secret = generateTotpSecret();
    const now = 1_700_000_000_000;
    const step = totpStep(now);
    for (const d of [-1, 0, 1]) expect(matchTotp(secret, totpAt(secret, step + d), now, null)).toBe(step + d);
    for (const d of [-2, 2]) {
      const code = totpAt(secret, step + d);
      if (![-1, 0, 1].some((x) => totpAt(secret, step + x) === code)) expect(matchTotp(secret, code, now, null)).toBeNull();
    }
    expect(matchTotp(secret, totpAt(secret, step), now, step)).toBeNull();
    expect(matchTotp(secret, totpAt(secret, step + 1), now, step)).toBe(step + 1);
    expect(matchTotp(secret, "12345", now, null)).toBeNull();
    expect(matchTotp(secret, "abcdef", now, null)).toBeNull();
  });
});

describe("seal", () => {
  test("round trips, is randomized, and refuses tampering or another key", () => {
    const a = seal("instance-secret", "JBSWY3DPEHPK3PXP");
    const b = seal("instance-secret", "JBSWY3DPEHPK3PXP");
    expect(a).not.toBe(b);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(unseal("instance-secret", a)).toBe("JBSWY3DPEHPK3PXP");
    expect(unseal("other-secret", a)).toBeNull();
    const parts = a.split(".");
    parts[2] = Buffer.from("x" + Buffer.from(parts[2]!, "base64url").toString("latin1")).toString("base64url");
    expect(unseal("instance-secret", parts.join("."))).toBeNull();
    expect(unseal("instance-secret", null)).toBeNull();
    expect(unseal("instance-secret", "garbage")).toBeNull();
  });
});
