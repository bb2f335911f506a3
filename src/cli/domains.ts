/** `hearth admin domains …`: block (suspend, silence, noop; reject media), unblock and list remote domains. */
import {
  blockDomain,
  listDomainBlocks,
  normalizeDomain,
  SEVERITIES,
  unblockDomain,
  type DomainSeverity,
} from "../services/admin/block-domain";
import type { AppContext } from "../context";
import { countAccountsOnDomain } from "../db/queries/accounts-moderation";

export const DOMAINS_HELP = `  admin domains block DOMAIN [--severity silence|suspend|noop] [--reject-media]
  admin domains unblock DOMAIN
  admin domains list`;

const BOOL: Record<string, boolean> = { true: true, yes: true, "1": true, false: false, no: false, "0": false };

function usage(message: string): number {
  console.error(`hearth: ${message}; commands:\n${DOMAINS_HELP}`);
  return 2;
}

/** Runs `admin domains ACTION …` (`pos` starts at the action); returns the exit code. */
export function runDomains(ctx: AppContext, pos: string[], flags: Record<string, string>): number {
  const [action, ...rest] = pos;
  let domainArg = rest[0];
  // "--reject-media example.com" reads the domain as the flag's value: take it back.
  let rejectRaw = flags["reject-media"];
  if (rejectRaw !== undefined && !(rejectRaw.toLowerCase() in BOOL) && domainArg === undefined) {
    domainArg = rejectRaw;
    rejectRaw = "true";
  }
  if (rest.length > 1) return usage(`unexpected argument "${rest[1]}"`);
  switch (action) {
    case "block": {
      if (!domainArg) return usage("missing domain");
      const domain = normalizeDomain(domainArg);
      if (!domain) {
        console.error(`hearth: invalid domain "${domainArg}"`);
        return 1;
      }
      // Mastodon's default severity is silence ("limit").
      const severity = (flags.severity ?? "silence").toLowerCase() as DomainSeverity;
      if (!SEVERITIES.includes(severity)) {
        console.error(`hearth: invalid severity "${flags.severity}" (use one of ${SEVERITIES.join(", ")})`);
        return 1;
      }
      const rejectMedia = rejectRaw === undefined ? false : BOOL[rejectRaw.toLowerCase()];
      if (rejectMedia === undefined) {
        console.error(`hearth: --reject-media takes no value`);
        return 1;
      }
      blockDomain(ctx, { domain, severity, rejectMedia });
      const n = countAccountsOnDomain(ctx.db, domain);
      console.log(`Blocked ${domain} (${severity}${rejectMedia ? ", reject media" : ""}); ${n} known account${n === 1 ? "" : "s"} on it`);
      return 0;
    }
    case "unblock": {
      if (!domainArg) return usage("missing domain");
      const domain = normalizeDomain(domainArg);
      if (!domain || !unblockDomain(ctx, domain)) {
        console.error(`hearth: ${domainArg} is not blocked`);
        return 1;
      }
      console.log(`Unblocked ${domain}`);
      return 0;
    }
    case "list": {
      if (domainArg) return usage(`unexpected argument "${domainArg}"`);
      const rows = listDomainBlocks(ctx);
      if (!rows.length) {
        console.log("No blocked domains");
        return 0;
      }
      const w = Math.max(6, ...rows.map((r) => r.domain.length));
      for (const r of rows) {
        console.log(
          `${r.domain.padEnd(w)}  ${r.severity.padEnd(7)}  ${r.reject_media ? "reject-media" : "-".padEnd(12)}  ${new Date(r.created_at).toISOString().slice(0, 10)}`,
        );
      }
      return 0;
    }
    default:
      return usage(`unknown admin command "domains ${action ?? ""}"`.replace(/ "$/, '"'));
  }
}
