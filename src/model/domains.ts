/** Domain names as federation policy sees them: normalization, parent domains, block severities. */

/** How hard a domain block limits a domain. */
export type DomainSeverity = "suspend" | "silence" | "noop";
/** What a domain block means for federation with a host. */
export interface DomainPolicy {
  severity: DomainSeverity;
  rejectMedia: boolean;
}

/** The valid severities, most lenient last. */
export const SEVERITIES: readonly DomainSeverity[] = ["suspend", "silence", "noop"];

/**
 * Normalizes a domain as typed or as found in a URL: lower case, punycode, no trailing dot,
 * port kept. Null when it is not a plausible host name.
 */
export function normalizeDomain(input: string): string | null {
  const d = input.trim().toLowerCase().replace(/\.$/, "");
  if (!d || /[\s/@?#]/.test(d)) return null;
  try {
    const host = new URL(`http://${d}`).host;
    return /^[a-z0-9.\-:[\]]+$/.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** The host itself, the host without its port, then each parent domain (most specific first). */
export function domainCandidates(host: string): string[] {
  const out = [host];
  const bare = host.startsWith("[") ? host.replace(/:\d+$/, "") : host.replace(/:\d+$/, "");
  if (bare !== host) out.push(bare);
  if (!/^[\d.]+$/.test(bare) && !bare.startsWith("[")) {
    const parts = bare.split(".");
    for (let i = 1; i < parts.length - 1; i++) out.push(parts.slice(i).join("."));
  }
  return out;
}
