/** Account and user rows → Mastodon's Admin::Account and Admin::DomainBlock entities. Pure. */
import type { AccountRow, UserRow } from "../../db/rows";
import type { DomainBlockRow } from "../../services/admin/block-domain";
import { toMastodonRole } from "./account";
import { iso } from "./time";

/** Moderation columns of an account row (0001 + 0019). */
export type AdminAccountRow = AccountRow & { sensitized_at?: number | null };

/**
 * The Admin::Account entity: `user` is null for remote accounts (no e-mail, role or login);
 * `account` is the already serialized public Account.
 */
export function toAdminAccount(a: AdminAccountRow, user: UserRow | null, account: Record<string, unknown>): Record<string, unknown> {
  const ip = user?.sign_up_ip ?? null;
  return {
    id: String(a.id),
    username: a.username,
    domain: a.domain,
    created_at: iso(a.created_at),
    email: user?.email ?? null,
    ip,
    ips: ip ? [{ ip, used_at: iso(user!.created_at) }] : [],
    role: user ? toMastodonRole(user.role) : null,
    confirmed: user ? user.confirmed_at !== null : false,
    suspended: a.suspended_at !== null,
    silenced: a.silenced_at !== null,
    sensitized: (a.sensitized_at ?? null) !== null,
    disabled: user ? !!user.disabled : false,
    approved: user ? !!user.approved : false,
    locale: user?.locale ?? null,
    invite_request: user?.reason ?? null,
    account,
  };
}

/** The Admin::DomainBlock entity. */
export function toAdminDomainBlock(b: DomainBlockRow): Record<string, unknown> {
  return {
    id: String(b.id),
    domain: b.domain,
    digest: new Bun.CryptoHasher("sha256").update(b.domain).digest("hex"),
    created_at: iso(b.created_at),
    severity: b.severity,
    reject_media: !!b.reject_media,
    reject_reports: !!b.reject_reports,
    private_comment: b.private_comment,
    public_comment: b.public_comment,
    obfuscate: !!b.obfuscate,
  };
}
