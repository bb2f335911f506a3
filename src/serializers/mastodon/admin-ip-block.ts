/** ip_blocks row → Mastodon's Admin::IpBlock entity. */
import { iso } from "./time";

/** A row of `ip_blocks`. */
export interface IpBlockRow {
  id: number;
  ip: string;
  severity: string;
  comment: string;
  expires_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The Admin::IpBlock entity. */
export function toAdminIpBlock(r: IpBlockRow): Record<string, unknown> {
  return {
    id: String(r.id),
    ip: r.ip,
    severity: r.severity,
    comment: r.comment,
    created_at: iso(r.created_at),
    expires_at: r.expires_at === null ? null : iso(r.expires_at),
  };
}
