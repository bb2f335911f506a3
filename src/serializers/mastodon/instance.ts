/** Instance view → Mastodon Instance entities (v1 deprecated shape and v2). */
import type { AppContext } from "../../context";
import type { InstanceView } from "../../services/instance/view";
import { LIMITS, MASTODON_API_VERSION } from "../../model/limits";
import { VERSION_STRING } from "../../version";

/** Where the source code lives (AGPL notice in `source_url`). */
export const SOURCE_URL = "https://github.com/hearth-social/hearth";

function thumbnailUrl(ctx: AppContext): string {
  return ctx.uris.url("/headers/original/missing.png");
}

/** GET /api/v2/instance */
export function toInstanceV2(ctx: AppContext, v: InstanceView): Record<string, unknown> {
  return {
    domain: v.domain,
    title: v.title,
    version: VERSION_STRING,
    source_url: SOURCE_URL,
    description: v.shortDescription,
    usage: { users: { active_month: v.activeMonth } },
    thumbnail: { url: thumbnailUrl(ctx) },
    icon: [],
    languages: ["en"],
    configuration: {
      urls: { streaming: ctx.uris.streaming(), status: null },
      vapid: { public_key: v.vapidKey },
      accounts: { ...LIMITS.accounts },
      statuses: { ...LIMITS.statuses },
      media_attachments: { ...LIMITS.media_attachments, supported_mime_types: [...LIMITS.media_attachments.supported_mime_types] },
      polls: { ...LIMITS.polls },
      translation: { enabled: false },
      limited_federation: false,
    },
    registrations: {
      enabled: v.registrations !== "closed",
      approval_required: v.registrations === "approval",
      message: v.registrations === "closed" ? v.registrationsMessage : null,
      url: null,
    },
    api_versions: { mastodon: MASTODON_API_VERSION },
    contact: { email: v.contactEmail, account: v.contactAccount },
    rules: v.rules,
  };
}

/** GET /api/v1/instance (deprecated in Mastodon 4.0 but still used by many clients). */
export function toInstanceV1(ctx: AppContext, v: InstanceView): Record<string, unknown> {
  const { description_limit: _d, ...media } = LIMITS.media_attachments;
  return {
    uri: v.domain,
    title: v.title,
    short_description: v.shortDescription,
    description: v.description,
    email: v.contactEmail,
    version: VERSION_STRING,
    urls: { streaming_api: ctx.uris.streaming() },
    stats: { user_count: v.userCount, status_count: v.statusCount, domain_count: v.domainCount },
    thumbnail: thumbnailUrl(ctx),
    languages: ["en"],
    registrations: v.registrations !== "closed",
    approval_required: v.registrations === "approval",
    invites_enabled: false,
    configuration: {
      accounts: { ...LIMITS.accounts },
      statuses: { ...LIMITS.statuses },
      media_attachments: { ...media, supported_mime_types: [...media.supported_mime_types] },
      polls: { ...LIMITS.polls },
    },
    contact_account: v.contactAccount,
    rules: v.rules,
  };
}
