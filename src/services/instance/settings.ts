/**
 * Instance settings kept in the `settings` table (Mastodon's Setting keys where Mastodon has
 * one), read on every request so a change applies without a restart; the environment gives the
 * defaults (REGISTRATIONS, INSTANCE_TITLE). Changes are validated as a whole and audit-logged.
 */
import type { AppContext } from "../../context";
import { deleteSetting, getSettings, upsertSetting } from "../../db/queries/settings";
import { getLocalAccountByUsername } from "../../db/queries/accounts";
import { transaction } from "../../db/transaction";
import { validation } from "../../model/errors";
import { logAdminAction, type Actor } from "../admin/action-log";

/** Feed access levels of Mastodon 4.5 (local/remote live and topic feeds). */
export const FEED_ACCESS = ["public", "authenticated", "disabled"] as const;
export type FeedAccess = (typeof FEED_ACCESS)[number];

type Kind =
  | { type: "text"; max: number }
  | { type: "bool"; default: boolean }
  | { type: "enum"; values: readonly string[] }
  | { type: "email" }
  | { type: "username" }
  | { type: "language" }
  | { type: "colour" }
  | { type: "date" };

/** Every setting an admin may change, with how its value is checked. */
export const SETTING_KINDS: Record<string, Kind> = {
  site_title: { type: "text", max: 200 },
  site_short_description: { type: "text", max: 2000 },
  site_extended_description: { type: "text", max: 100_000 },
  site_contact_email: { type: "email" },
  site_contact_username: { type: "username" },
  registrations_mode: { type: "enum", values: ["open", "approved", "none"] },
  closed_registrations_message: { type: "text", max: 5000 },
  require_invite_text: { type: "bool", default: false },
  default_locale: { type: "language" },
  local_live_feed_access: { type: "enum", values: FEED_ACCESS },
  remote_live_feed_access: { type: "enum", values: FEED_ACCESS },
  local_topic_feed_access: { type: "enum", values: FEED_ACCESS },
  remote_topic_feed_access: { type: "enum", values: FEED_ACCESS },
  trends: { type: "bool", default: true },
  trendable_by_default: { type: "bool", default: false },
  theme_color: { type: "colour" },
  privacy_policy: { type: "text", max: 200_000 },
  terms_of_service: { type: "text", max: 200_000 },
  terms_of_service_effective_date: { type: "date" },
};

/** Texts whose change moves their `*_updated_at` setting (shown as the last-updated date). */
const DATED = new Set(["site_extended_description", "privacy_policy", "terms_of_service"]);

/** The settings as the rest of Hearth reads them, defaults applied. */
export interface InstanceSettings {
  title: string;
  shortDescription: string;
  extendedDescription: string;
  extendedDescriptionUpdatedAt: number | null;
  contactEmail: string;
  contactUsername: string | null;
  registrationsMode: "open" | "approved" | "none";
  closedRegistrationsMessage: string | null;
  reasonRequired: boolean;
  defaultLocale: string;
  feeds: { localLive: FeedAccess; remoteLive: FeedAccess; localTopic: FeedAccess; remoteTopic: FeedAccess };
  trends: boolean;
  trendableByDefault: boolean;
  themeColor: string | null;
  privacyPolicy: string;
  privacyPolicyUpdatedAt: number | null;
  termsOfService: string;
  termsOfServiceUpdatedAt: number | null;
  termsOfServiceEffectiveDate: string | null;
}

const ENV_MODE = { open: "open", approval: "approved", closed: "none" } as const;
const STORED = [...Object.keys(SETTING_KINDS), ...[...DATED].map((k) => `${k}_updated_at`), "site_description"];

const FEED_KEYS = ["local_live_feed_access", "remote_live_feed_access", "local_topic_feed_access", "remote_topic_feed_access"];

/** The feed access levels from stored settings (`get`: a setting's stored value). */
function feedsOf(get: (k: string) => string | undefined): InstanceSettings["feeds"] {
  const [localLive, remoteLive, localTopic, remoteTopic] = FEED_KEYS.map((k) => (get(k) as FeedAccess | undefined) ?? "public");
  return { localLive: localLive!, remoteLive: remoteLive!, localTopic: localTopic!, remoteTopic: remoteTopic! };
}

/**
 * Only the feed access levels (readInstanceSettings().feeds), in a query of four keys: every
 * public, hashtag and link timeline request reads them (issue 17: half the cost of reading all).
 */
export function readFeedAccess(ctx: AppContext): InstanceSettings["feeds"] {
  const s = getSettings(ctx.db, FEED_KEYS);
  return feedsOf((k) => s.get(k));
}

/** Reads every instance setting in one query. */
export function readInstanceSettings(ctx: AppContext): InstanceSettings {
  const s = getSettings(ctx.db, STORED);
  const get = (k: string) => s.get(k);
  const bool = (k: string) => (get(k) === undefined ? (SETTING_KINDS[k] as { default: boolean }).default : get(k) === "true");
  const at = (k: string) => (Number(get(k)) > 0 ? Number(get(k)) : null);
  return {
    title: get("site_title") || ctx.config.instanceTitle,
    shortDescription: get("site_short_description") ?? "",
    extendedDescription: get("site_extended_description") ?? get("site_description") ?? "",
    extendedDescriptionUpdatedAt: at("site_extended_description_updated_at"),
    contactEmail: get("site_contact_email") ?? "",
    contactUsername: get("site_contact_username") || null,
    registrationsMode:
      (get("registrations_mode") as InstanceSettings["registrationsMode"] | undefined) ?? ENV_MODE[ctx.config.registrations],
    closedRegistrationsMessage: get("closed_registrations_message") || null,
    reasonRequired: bool("require_invite_text"),
    defaultLocale: get("default_locale") || "en",
    feeds: feedsOf(get),
    trends: bool("trends"),
    trendableByDefault: bool("trendable_by_default"),
    themeColor: get("theme_color") || null,
    privacyPolicy: get("privacy_policy") ?? "",
    privacyPolicyUpdatedAt: at("privacy_policy_updated_at"),
    termsOfService: get("terms_of_service") ?? "",
    termsOfServiceUpdatedAt: at("terms_of_service_updated_at"),
    termsOfServiceEffectiveDate: get("terms_of_service_effective_date") || null,
  };
}

/** The raw stored value of each changeable setting (null: default), for `settings get` and the admin endpoint. */
export function rawInstanceSettings(ctx: AppContext): Record<string, string | null> {
  const s = getSettings(ctx.db, Object.keys(SETTING_KINDS));
  return Object.fromEntries(Object.keys(SETTING_KINDS).map((k) => [k, s.get(k) ?? null]));
}

/** The registration mode that sign-up enforces (settings first, REGISTRATIONS as the default). */
export function registrationsMode(ctx: AppContext): "open" | "approved" | "none" {
  return readInstanceSettings(ctx).registrationsMode;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const BOOLS: Record<string, string> = {
  true: "true",
  "1": "true",
  yes: "true",
  on: "true",
  false: "false",
  "0": "false",
  no: "false",
  off: "false",
};

/** Checks one value; the stored string, or null to reset to the default. Throws 422. */
function check(ctx: AppContext, key: string, raw: unknown): string | null {
  const kind = SETTING_KINDS[key];
  if (!kind) throw validation(`Unknown setting ${key}`);
  if (raw === null) return null;
  if (typeof raw === "boolean" && kind.type === "bool") return String(raw);
  if (typeof raw !== "string") throw validation(`${key} must be a string`);
  const v = raw.trim();
  switch (kind.type) {
    case "text":
      if (raw.length > kind.max) throw validation(`${key} is too long (maximum is ${kind.max} characters)`);
      return raw;
    case "bool": {
      const b = BOOLS[v.toLowerCase()];
      if (!b) throw validation(`${key} must be true or false`);
      return b;
    }
    case "enum":
      if (!kind.values.includes(v)) throw validation(`${key} must be one of ${kind.values.join(", ")}`);
      return v;
    case "email":
      if (v && (v.length > 320 || !EMAIL.test(v))) throw validation(`${key} is invalid`);
      return v;
    case "username": {
      const name = v.replace(/^@/, "");
      if (name && !getLocalAccountByUsername(ctx.db, name)) throw validation(`${key}: no local account named ${name}`);
      return name;
    }
    case "language":
      if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(v)) throw validation(`${key} must be an ISO 639 language code`);
      return v;
    case "colour":
      if (v && !/^#[0-9a-fA-F]{6}$/.test(v)) throw validation(`${key} must be a colour like #1a2b3c`);
      return v.toLowerCase();
    case "date":
      if (v && (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))) throw validation(`${key} must be a date like 2025-01-31`);
      return v;
  }
}

/**
 * Changes several settings at once (`null` resets one to its default). Every value is checked
 * first: a 422 writes nothing. Each change is audit-logged (`update` on `Setting`).
 */
export function updateInstanceSettings(ctx: AppContext, actor: Actor, values: Record<string, unknown>): Record<string, string | null> {
  const entries = Object.entries(values);
  if (!entries.length) throw validation("No settings given");
  const checked = entries.map(([k, v]) => [k, check(ctx, k, v)] as const);
  transaction(ctx.db, () => {
    const before = rawInstanceSettings(ctx);
    for (const [k, v] of checked) {
      if (before[k] === v) continue;
      if (v === null) deleteSetting(ctx.db, k);
      else upsertSetting(ctx.db, k, v);
      if (DATED.has(k)) upsertSetting(ctx.db, `${k}_updated_at`, String(ctx.now()));
      logAdminAction(ctx, actor, "update", "Setting", k, k);
    }
  });
  return rawInstanceSettings(ctx);
}
