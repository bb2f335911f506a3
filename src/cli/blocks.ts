/**
 * `hearth admin ip-blocks | email-domain-blocks | canonical-email-blocks | domain-allows …`: the
 * command-line twins of /api/v1/admin/ip_blocks, email_domain_blocks, canonical_email_blocks and
 * domain_allows. They call the same services, so the same validation applies and each change is
 * audit-logged (actor null: the command line).
 */
import type { AppContext } from "../context";
import { listIpBlocks } from "../db/queries/ip-blocks";
import { listCanonicalEmailBlocks, listEmailDomainBlocks } from "../db/queries/email-blocks";
import { listDomainAllows } from "../db/queries/domain-allows";
import { ApiError } from "../model/errors";
import { changeIpBlock, createIpBlock, IP_SEVERITIES, ipBlockByIp, removeIpBlock } from "../services/admin/ip-blocks";
import {
  canonicalEmailHash,
  createCanonicalEmailBlock,
  createEmailDomainBlock,
  emailDomainBlockByDomain,
  removeCanonicalEmailBlock,
  removeEmailDomainBlock,
  testCanonicalEmail,
} from "../services/admin/email-blocks";
import { allowByDomain, allowDomain, disallowDomain } from "../services/admin/domain-allows";

export const BLOCKS_HELP = `  admin ip-blocks add IP/CIDR --severity ${IP_SEVERITIES.join("|")}
      [--expires-in SECONDS] [--comment TEXT] [--force]
  admin ip-blocks remove IP/CIDR
  admin ip-blocks list
  admin email-domain-blocks add|remove DOMAIN
  admin email-domain-blocks list
  admin canonical-email-blocks add|remove|test EMAIL
  admin canonical-email-blocks list
  admin domain-allows add|remove DOMAIN
  admin domain-allows list`;

/** A one-line failure: message for stderr and the exit code (1 bad input, 2 usage). */
class Fail extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

const usage = (message: string) => new Fail(`${message}; commands:\n${BLOCKS_HELP}`, 2);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every row of a newest-first paged list. */
function all<T extends { id: number }>(page: (limit: number, maxId?: number) => T[]): T[] {
  const out: T[] = [];
  for (let rows = page(200); rows.length; rows = page(200, rows[rows.length - 1]!.id)) out.push(...rows);
  return out;
}

/** The single positional argument of `group action ARG`. */
function one(group: string, action: string, rest: string[], what: string): string {
  if (rest.length > 1) throw usage(`unexpected argument "${rest[1]}"`);
  const v = rest[0];
  if (!v?.trim()) throw usage(`missing ${what} for "${group} ${action}"`);
  return v;
}

function none(rest: string[]): void {
  if (rest.length) throw usage(`unexpected argument "${rest[0]}"`);
}

/** A flag's text value; a flag given without a value ("true") is a usage error. */
function flagText(flags: Record<string, string>, name: string): string | undefined {
  const v = flags[name];
  if (v === "true") throw usage(`--${name} needs a value`);
  return v;
}

function ipBlocks(ctx: AppContext, action: string | undefined, rest: string[], flags: Record<string, string>): void {
  switch (action) {
    case "list": {
      none(rest);
      const rows = all((limit, maxId) => listIpBlocks(ctx.db, limit, maxId));
      if (!rows.length) return console.log("No IP blocks");
      const w = Math.max(7, ...rows.map((r) => r.ip.length));
      for (const r of rows) {
        const expires = r.expires_at === null ? "never" : new Date(r.expires_at).toISOString().slice(0, 16).replace("T", " ");
        console.log(`${r.ip.padEnd(w)}  ${r.severity.padEnd(25)}  ${expires.padEnd(16)}  ${r.comment}`.trimEnd());
      }
      return;
    }
    case "add": {
      // "--force 192.0.2.1" reads the address as the flag's value: take it back.
      if (flags.force !== undefined && flags.force !== "true" && !rest.length) rest = [flags.force];
      const ip = one("ip-blocks", action, rest, "IP/CIDR");
      const severity = flagText(flags, "severity");
      if (severity === undefined) throw new Fail(`--severity is required (one of ${IP_SEVERITIES.join(", ")})`);
      // tootctl's --duration is the same number of seconds.
      const rawExpiry = flagText(flags, "expires-in") ?? flagText(flags, "duration");
      let expiresIn: number | undefined;
      if (rawExpiry !== undefined) {
        if (!/^\d+$/.test(rawExpiry.trim())) throw new Fail(`invalid --expires-in "${rawExpiry}" (a number of seconds)`);
        expiresIn = Number(rawExpiry);
      }
      const input = { ip, severity, comment: flagText(flags, "comment"), expiresIn };
      const old = ipBlockByIp(ctx, ip);
      if (old && flags.force === undefined) throw new Fail(`${old.ip} is already blocked (${old.severity}); --force changes it`);
      const row = old ? changeIpBlock(ctx, old.id, input) : createIpBlock(ctx, input);
      const until = row.expires_at === null ? "" : ` until ${new Date(row.expires_at).toISOString()}`;
      console.log(`${old ? "Changed" : "Added"} IP block ${row.ip} (${row.severity}${until})`);
      return;
    }
    case "remove": {
      const ip = one("ip-blocks", action, rest, "IP/CIDR");
      const old = ipBlockByIp(ctx, ip);
      if (!old) throw new Fail(`${ip} is not blocked`);
      removeIpBlock(ctx, old.id);
      console.log(`Removed IP block ${old.ip}`);
      return;
    }
    default:
      throw usage(`unknown admin command "ip-blocks ${action ?? ""}"`.replace(/ "$/, '"'));
  }
}

function emailDomainBlocks(ctx: AppContext, action: string | undefined, rest: string[]): void {
  switch (action) {
    case "list": {
      none(rest);
      const rows = all((limit, maxId) => listEmailDomainBlocks(ctx.db, limit, maxId));
      if (!rows.length) return console.log("No blocked e-mail domains");
      const w = Math.max(6, ...rows.map((r) => r.domain.length));
      for (const r of rows) console.log(`${r.domain.padEnd(w)}  ${day(r.created_at)}`);
      return;
    }
    case "add": {
      const row = createEmailDomainBlock(ctx, one("email-domain-blocks", action, rest, "domain"));
      console.log(`Blocked sign-ups from e-mail addresses on ${row.domain} and its subdomains`);
      return;
    }
    case "remove": {
      const domain = one("email-domain-blocks", action, rest, "domain");
      const row = emailDomainBlockByDomain(ctx, domain);
      if (!row) throw new Fail(`${domain} is not blocked`);
      removeEmailDomainBlock(ctx, row.id);
      console.log(`Unblocked e-mail domain ${row.domain}`);
      return;
    }
    default:
      throw usage(`unknown admin command "email-domain-blocks ${action ?? ""}"`.replace(/ "$/, '"'));
  }
}

function canonicalEmailBlocks(ctx: AppContext, action: string | undefined, rest: string[]): void {
  switch (action) {
    case "list": {
      none(rest);
      const rows = all((limit, maxId) => listCanonicalEmailBlocks(ctx.db, limit, maxId));
      if (!rows.length) return console.log("No blocked e-mail addresses");
      // Only the hash of the canonical address is kept, as Mastodon.
      for (const r of rows) console.log(`${r.canonical_email_hash}  ${day(r.created_at)}`);
      return;
    }
    case "add": {
      const email = one("canonical-email-blocks", action, rest, "e-mail address");
      const row = createCanonicalEmailBlock(ctx, { email });
      console.log(`Blocked ${email} and its variants (hash ${row.canonical_email_hash})`);
      return;
    }
    case "remove": {
      const email = one("canonical-email-blocks", action, rest, "e-mail address");
      const rows = testCanonicalEmail(ctx, email);
      if (!rows.length) throw new Fail(`${email} is not blocked`);
      for (const r of rows) removeCanonicalEmailBlock(ctx, r.id);
      console.log(`Unblocked ${email} and its variants`);
      return;
    }
    case "test": {
      const email = one("canonical-email-blocks", action, rest, "e-mail address");
      const blocked = testCanonicalEmail(ctx, email).length > 0;
      console.log(blocked ? `${email} is blocked (hash ${canonicalEmailHash(email)})` : `${email} is not blocked`);
      return;
    }
    default:
      throw usage(`unknown admin command "canonical-email-blocks ${action ?? ""}"`.replace(/ "$/, '"'));
  }
}

function domainAllows(ctx: AppContext, action: string | undefined, rest: string[]): void {
  switch (action) {
    case "list": {
      none(rest);
      const rows = all((limit, maxId) => listDomainAllows(ctx.db, limit, maxId));
      if (!rows.length) return console.log("No allowed domains");
      const w = Math.max(6, ...rows.map((r) => r.domain.length));
      for (const r of rows) console.log(`${r.domain.padEnd(w)}  ${day(r.created_at)}`);
      return;
    }
    case "add": {
      const row = allowDomain(ctx, one("domain-allows", action, rest, "domain"));
      console.log(`Allowed ${row.domain}`);
      return;
    }
    case "remove": {
      const domain = one("domain-allows", action, rest, "domain");
      const row = allowByDomain(ctx, domain);
      if (!row) throw new Fail(`${domain} is not allowed`);
      disallowDomain(ctx, row.id);
      console.log(`Removed ${row.domain} from the allowed domains`);
      return;
    }
    default:
      throw usage(`unknown admin command "domain-allows ${action ?? ""}"`.replace(/ "$/, '"'));
  }
}

/** The groups this file answers. */
export const BLOCK_GROUPS = ["ip-blocks", "email-domain-blocks", "canonical-email-blocks", "domain-allows"];

/** Runs `admin GROUP ACTION …` (`pos` starts at the group); returns the exit code. */
export function runBlocks(ctx: AppContext, pos: string[], flags: Record<string, string>): number {
  const [group, action, ...rest] = pos;
  try {
    if (group === "ip-blocks") ipBlocks(ctx, action, rest, flags);
    else if (group === "email-domain-blocks") emailDomainBlocks(ctx, action, rest);
    else if (group === "canonical-email-blocks") canonicalEmailBlocks(ctx, action, rest);
    else domainAllows(ctx, action, rest);
    return 0;
  } catch (e) {
    if (e instanceof Fail) {
      console.error(`hearth: ${e.message}`);
      return e.code;
    }
    // The services' 422s ("Validation failed: Ip is invalid") and 404s, on one line.
    if (e instanceof ApiError && e.status < 500) {
      console.error(`hearth: ${e.message.replace(/^Validation failed: /, "")}`);
      return 1;
    }
    throw e;
  }
}
