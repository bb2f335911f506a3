/** AccountRow → Mastodon Account / CredentialAccount entities. */
import { toMastodonEmoji, type CustomEmojiRow } from "./custom-emoji";
import type { AppContext } from "../../context";
import type { AccountRow, UserRow, UserSettings } from "../../db/rows";
import { dateOnly, isoDay } from "./time";
import { ROLE_IDS, ROLE_PERMISSIONS } from "../../model/permissions";

/** The public URL of an account's avatar, never empty. */
export function avatarUrl(ctx: AppContext, a: AccountRow): string {
  if (a.avatar_path) return ctx.storage.url(a.avatar_path);
  return a.avatar_remote_url || ctx.uris.defaultAvatar();
}

/** The public URL of an account's header image, never empty. */
export function headerUrl(ctx: AppContext, a: AccountRow): string {
  if (a.header_path) return ctx.storage.url(a.header_path);
  return a.header_remote_url || ctx.uris.defaultHeader();
}

/** `user` for local accounts, `user@domain` for remote ones. */
export function acct(a: Pick<AccountRow, "username" | "domain">): string {
  return a.domain ? `${a.username}@${a.domain}` : a.username;
}

/** The profile URL of an account. */
export function profileUrl(ctx: AppContext, a: AccountRow): string {
  return a.url || (a.domain ? a.uri : ctx.uris.profile(a.username));
}

function parseFields(a: AccountRow): { name: string; value: string; verified_at: string | null }[] {
  try {
    const f = JSON.parse(a.fields);
    return Array.isArray(f)
      ? f.map((x: any) => ({
          name: String(x.name ?? ""),
          value: String(x.value_html ?? x.value ?? ""),
          verified_at: x.verified_at ?? null,
        }))
      : [];
  } catch {
    return [];
  }
}

/**
 * The Mastodon Account entity. `moved` is the already-serialized target of a Move; `emojis` the
 * custom emoji its display name, bio and fields use (loaded by db/views/custom-emojis.ts).
 */
export function toMastodonAccount(
  ctx: AppContext,
  a: AccountRow,
  moved?: object | null,
  emojis: readonly CustomEmojiRow[] = [],
): Record<string, unknown> {
  const avatar = avatarUrl(ctx, a);
  const header = headerUrl(ctx, a);
  const out: Record<string, unknown> = {
    id: String(a.id),
    username: a.username,
    acct: acct(a),
    display_name: a.display_name,
    locked: !!a.locked,
    bot: !!a.bot,
    discoverable: !!a.discoverable,
    indexable: !!a.indexable,
    group: a.actor_type === "Group",
    created_at: isoDay(a.created_at),
    note: a.note,
    url: profileUrl(ctx, a),
    uri: a.uri,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: a.followers_count,
    following_count: a.following_count,
    statuses_count: a.statuses_count,
    last_status_at: a.last_status_at ? dateOnly(a.last_status_at) : null,
    hide_collections: !!a.hide_collections,
    noindex: !a.indexable,
    emojis: emojis.map((e) => toMastodonEmoji(ctx, e)),
    roles: [],
    fields: parseFields(a),
  };
  if (a.memorial) out.memorial = true;
  if (a.suspended_at) {
    // As Mastodon's serializer for unavailable accounts: the profile is emptied for everyone.
    out.suspended = true;
    Object.assign(out, { display_name: "", note: "", locked: false, bot: false, discoverable: false, fields: [], emojis: [], roles: [] });
    out.avatar = out.avatar_static = ctx.uris.defaultAvatar();
    out.header = out.header_static = ctx.uris.defaultHeader();
    moved = null;
  }
  if (a.silenced_at) out.limited = true;
  if (moved) out.moved = moved;
  return out;
}

/** The Role entity for a user's role name. */
export function toMastodonRole(role: string): Record<string, unknown> {
  const name = role === "user" ? "" : role[0]!.toUpperCase() + role.slice(1);
  return { id: ROLE_IDS[role] ?? "-99", name, permissions: ROLE_PERMISSIONS[role] ?? "0", color: "", highlighted: role !== "user" };
}

/** The CredentialAccount entity: Account plus `source` and `role`, for the account's owner. */
export function toCredentialAccount(
  ctx: AppContext,
  a: AccountRow,
  u: UserRow,
  followRequestsCount: number,
  moved?: object | null,
): Record<string, unknown> {
  let settings: UserSettings = {};
  try {
    settings = JSON.parse(u.settings);
  } catch {
    /* keep defaults */
  }
  let rawFields: { name: string; value: string }[] = [];
  try {
    rawFields = (JSON.parse(a.fields) as any[]).map((f) => ({
      name: String(f.name ?? ""),
      value: String(f.value ?? ""),
      verified_at: f.verified_at ?? null,
    }));
  } catch {
    /* none */
  }
  return {
    ...toMastodonAccount(ctx, a, moved),
    source: {
      privacy: settings.default_privacy ?? "public",
      quote_policy: settings.default_quote_policy ?? "public",
      sensitive: settings.default_sensitive ?? false,
      language: settings.default_language ?? null,
      note: a.note_source,
      fields: rawFields,
      follow_requests_count: followRequestsCount,
      hide_collections: !!a.hide_collections,
      discoverable: !!a.discoverable,
      indexable: !!a.indexable,
      attribution_domains: [],
    },
    role: toMastodonRole(u.role),
  };
}
