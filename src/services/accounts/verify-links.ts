/**
 * Verified profile links (Mastodon's VerifyAccountLinksWorker / VerifyLinkService): a field
 * whose value is an http(s) link is verified when that page links back to the profile with
 * `rel="me"` on an `<a>` or `<link>`. Mastodon verifies remote accounts' links itself too (its
 * ActivityPub PropertyValue carries no verification), so this runs for local and remote accounts.
 */
import type { AppContext } from "../../context";
import { safeFetch } from "../../activitypub/outbound/fetch";
import { getAccount, updateAccountProfile } from "../../db/queries/accounts";
import type { AccountRow } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { profileUrl } from "../../serializers/mastodon/account";
import { linkOfFieldHtml, relMeHrefs } from "../../text/link-details";
import { HEARTH_VERSION } from "../../version";

/** A stored profile field. */
export interface StoredField {
  name: string;
  value: string;
  value_html?: string;
  verified_at: string | null;
}

/** How much of a page is read and how long it may take (tests shorten it). */
export const VERIFY_LIMITS = { htmlBytes: 1024 * 1024, timeoutMs: 10_000 };

function parseFields(json: string): StoredField[] {
  try {
    const f = JSON.parse(json);
    return Array.isArray(f) ? f : [];
  } catch {
    return [];
  }
}

/** The URL field `f` of an account (local: its text; remote: its single link) would be verified against, or null. */
export function verifiableUrl(f: StoredField, local: boolean): string | null {
  const v = local ? f.value.trim() : linkOfFieldHtml(f.value_html ?? f.value);
  if (!v || v.length > 255) return null;
  try {
    const u = new URL(v);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Carries `verified_at` over from `old` to fields of `next` whose value is unchanged (Mastodon
 * keeps it; a changed value starts unverified) and tells whether any field still needs checking.
 */
export function carryVerification(old: string | null, next: StoredField[], local: boolean): { fields: StoredField[]; check: boolean } {
  const prev = old ? parseFields(old) : [];
  const fields = next.map((f) => {
    const p = prev.find((x) => x.value === f.value && x.verified_at);
    return p ? { ...f, verified_at: p.verified_at } : { ...f, verified_at: null };
  });
  return { fields, check: fields.some((f) => !f.verified_at && verifiableUrl(f, local) !== null) };
}

/** Enqueues the check of `accountId`'s links (remote: spread over ten minutes, as Mastodon). */
export function enqueueVerifyLinks(ctx: AppContext, accountId: number, local: boolean): void {
  const runAt = local ? undefined : ctx.now() + Math.floor(Math.random() * 600_000);
  ctx.jobs.enqueue("accounts.verify_links", { accountId }, { runAt });
}

async function linksBack(ctx: AppContext, url: string, targets: string[]): Promise<boolean> {
  let res: Awaited<ReturnType<typeof safeFetch>>;
  try {
    res = await safeFetch(ctx, url, {
      headers: { Accept: "text/html", "User-Agent": `Hearth/${HEARTH_VERSION} (+${ctx.uris.base}/)` },
      maxBytes: VERIFY_LIMITS.htmlBytes,
      truncate: true,
      timeoutMs: VERIFY_LIMITS.timeoutMs,
    });
  } catch (e) {
    ctx.log.debug(`verify link ${url}: ${e instanceof Error ? e.message : e}`);
    return false;
  }
  if (res.status !== 200) return false;
  const hrefs = relMeHrefs(new TextDecoder().decode(res.body)).map((h) => h.toLowerCase());
  return hrefs.some((h) => targets.includes(h));
}

/** The job: checks each unverified link of `accountId` and stamps the ones that link back. */
export async function verifyAccountLinks(ctx: AppContext, accountId: number): Promise<void> {
  const a: AccountRow | null = getAccount(ctx.db, accountId);
  if (!a || a.suspended_at !== null) return;
  const local = a.domain === null;
  const targets = [profileUrl(ctx, a), a.uri].filter((x): x is string => !!x).map((x) => x.toLowerCase());
  const verified = new Set<string>();
  for (const f of parseFields(a.fields)) {
    const url = f.verified_at ? null : verifiableUrl(f, local);
    if (url && (await linksBack(ctx, url, targets))) verified.add(f.value);
  }
  if (!verified.size) return;
  const at = new Date(ctx.now()).toISOString();
  transaction(ctx.db, () => {
    const now = getAccount(ctx.db, accountId);
    if (!now) return;
    // Only fields whose value is still the one that was checked.
    const fields = parseFields(now.fields).map((f) => (!f.verified_at && verified.has(f.value) ? { ...f, verified_at: at } : f));
    updateAccountProfile(ctx.db, accountId, [["fields", JSON.stringify(fields)]]);
  });
}
