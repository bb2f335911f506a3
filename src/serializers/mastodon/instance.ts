/** Instance view → Mastodon Instance entities (v1 deprecated shape and v2). */
import type { AppContext } from "../../context";
import type { InstanceView } from "../../services/instance/view";
import { LIMITS, MASTODON_API_VERSION } from "../../model/limits";
import { VERSION_STRING } from "../../version";

/** Where the source code lives (AGPL notice in `source_url`). */
export const SOURCE_URL = "https://github.com/hearth-social/hearth";

function thumbnailUrl(ctx: AppContext, v: InstanceView): string {
  return v.thumbnail ? ctx.storage.url(v.thumbnail["@1x"]) : ctx.uris.url("/headers/original/missing.png");
}

/** v2's thumbnail: the default image, or the uploaded one with its blurhash and both versions. */
function thumbnail(ctx: AppContext, v: InstanceView): Record<string, unknown> {
  const t = v.thumbnail;
  if (!t) return { url: thumbnailUrl(ctx, v) };
  return {
    url: ctx.storage.url(t["@1x"]),
    blurhash: t.blurhash,
    versions: { "@1x": ctx.storage.url(t["@1x"]), "@2x": ctx.storage.url(t["@2x"]) },
  };
}

/** Mastodon 4.5's configuration.timelines_access (trending link feeds follow the live feeds). */
function timelinesAccess(v: InstanceView): Record<string, Record<string, string>> {
  const f = v.settings.feeds;
  return {
    live_feeds: { local: f.localLive, remote: f.remoteLive },
    hashtag_feeds: { local: f.localTopic, remote: f.remoteTopic },
    trending_link_feeds: { local: f.localLive, remote: f.remoteLive },
  };
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
    thumbnail: thumbnail(ctx, v),
    icon: [],
    languages: [v.settings.defaultLocale],
    configuration: {
      urls: {
        streaming: ctx.uris.streaming(),
        status: null,
        about: ctx.uris.url("/about"),
        privacy_policy: v.settings.privacyPolicy ? ctx.uris.url("/privacy-policy") : null,
        terms_of_service: v.settings.termsOfService ? ctx.uris.url("/terms-of-service") : null,
      },
      vapid: { public_key: v.vapidKey },
      accounts: { ...LIMITS.accounts },
      statuses: { ...LIMITS.statuses },
      media_attachments: { ...LIMITS.media_attachments, supported_mime_types: [...LIMITS.media_attachments.supported_mime_types] },
      polls: { ...LIMITS.polls },
      translation: { enabled: false },
      timelines_access: timelinesAccess(v),
      limited_federation: false,
    },
    registrations: {
      enabled: v.settings.registrationsMode !== "none",
      approval_required: v.settings.registrationsMode === "approved",
      reason_required: v.settings.registrationsMode === "approved" && v.settings.reasonRequired,
      message: v.settings.registrationsMode === "none" ? v.settings.closedRegistrationsMessage : null,
      min_age: null,
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
    thumbnail: thumbnailUrl(ctx, v),
    languages: [v.settings.defaultLocale],
    registrations: v.settings.registrationsMode !== "none",
    approval_required: v.settings.registrationsMode === "approved",
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
