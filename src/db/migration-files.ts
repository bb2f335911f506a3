/**
 * The SQL files of migrations/, imported as text so the compiled binary carries them.
 * Append one line per new file; files are never edited once released.
 */
import m0001 from "../../migrations/0001_init.sql" with { type: "text" };
import m0005 from "../../migrations/0005_timelines.sql" with { type: "text" };
import m0007 from "../../migrations/0007_polls.sql" with { type: "text" };
import m0008 from "../../migrations/0008_federation_delivery.sql" with { type: "text" };
import m0009 from "../../migrations/0009_remote_actors.sql" with { type: "text" };
import m0010 from "../../migrations/0010_inbox.sql" with { type: "text" };
import m0011 from "../../migrations/0011_outbound.sql" with { type: "text" };
import m0012 from "../../migrations/0012_conversations.sql" with { type: "text" };
import m0013 from "../../migrations/0013_lists.sql" with { type: "text" };
import m0014 from "../../migrations/0014_filters.sql" with { type: "text" };
import m0015 from "../../migrations/0015_tag_follows.sql" with { type: "text" };
import m0016 from "../../migrations/0016_scheduled_statuses.sql" with { type: "text" };
import m0017 from "../../migrations/0017_notification_groups.sql" with { type: "text" };
import m0018 from "../../migrations/0018_two_factor.sql" with { type: "text" };
import m0019 from "../../migrations/0019_moderation.sql" with { type: "text" };
import m0020 from "../../migrations/0020_endorsements.sql" with { type: "text" };
import m0021 from "../../migrations/0021_notification_requests.sql" with { type: "text" };
import m0022 from "../../migrations/0022_moderation_warnings.sql" with { type: "text" };
import m0023 from "../../migrations/0023_feature_indexes.sql" with { type: "text" };
import m0024 from "../../migrations/0024_resanitize_remote_html.sql" with { type: "text" };
import m0025 from "../../migrations/0025_media_cache_removed.sql" with { type: "text" };
import m0026 from "../../migrations/0026_email.sql" with { type: "text" };
import m0027 from "../../migrations/0027_web_push_subscriptions.sql" with { type: "text" };
import m0028 from "../../migrations/0028_search.sql" with { type: "text" };
import m0029 from "../../migrations/0029_discovery.sql" with { type: "text" };
import m0030 from "../../migrations/0030_quotes.sql" with { type: "text" };
import m0031 from "../../migrations/0031_instance_admin.sql" with { type: "text" };
import m0032 from "../../migrations/0032_preview_cards.sql" with { type: "text" };
import m0033 from "../../migrations/0033_custom_emojis_ip_blocks.sql" with { type: "text" };
import m0034 from "../../migrations/0034_user_activity_days.sql" with { type: "text" };
import m0035 from "../../migrations/0035_domain_allows.sql" with { type: "text" };
import m0036 from "../../migrations/0036_email_blocks.sql" with { type: "text" };
import m0037 from "../../migrations/0037_quote_manual_policy.sql" with { type: "text" };
import m0038 from "../../migrations/0038_trend_review_requests.sql" with { type: "text" };
import m0039 from "../../migrations/0039_search_index_queue.sql" with { type: "text" };

/** Migrations in the order they apply. */
export const MIGRATIONS: { name: string; sql: string }[] = [
  { name: "0001_init", sql: m0001 },
  { name: "0005_timelines", sql: m0005 },
  { name: "0007_polls", sql: m0007 },
  { name: "0008_federation_delivery", sql: m0008 },
  { name: "0009_remote_actors", sql: m0009 },
  { name: "0010_inbox", sql: m0010 },
  { name: "0011_outbound", sql: m0011 },
  { name: "0012_conversations", sql: m0012 },
  { name: "0013_lists", sql: m0013 },
  { name: "0014_filters", sql: m0014 },
  { name: "0015_tag_follows", sql: m0015 },
  { name: "0016_scheduled_statuses", sql: m0016 },
  { name: "0017_notification_groups", sql: m0017 },
  { name: "0018_two_factor", sql: m0018 },
  { name: "0019_moderation", sql: m0019 },
  { name: "0020_endorsements", sql: m0020 },
  { name: "0021_notification_requests", sql: m0021 },
  { name: "0022_moderation_warnings", sql: m0022 },
  { name: "0023_feature_indexes", sql: m0023 },
  { name: "0024_resanitize_remote_html", sql: m0024 },
  { name: "0025_media_cache_removed", sql: m0025 },
  { name: "0026_email", sql: m0026 },
  { name: "0027_web_push_subscriptions", sql: m0027 },
  { name: "0028_search", sql: m0028 },
  { name: "0029_discovery", sql: m0029 },
  { name: "0030_quotes", sql: m0030 },
  { name: "0031_instance_admin", sql: m0031 },
  { name: "0032_preview_cards", sql: m0032 },
  { name: "0033_custom_emojis_ip_blocks", sql: m0033 },
  { name: "0034_user_activity_days", sql: m0034 },
  { name: "0035_domain_allows", sql: m0035 },
  { name: "0036_email_blocks", sql: m0036 },
  { name: "0037_quote_manual_policy", sql: m0037 },
  { name: "0038_trend_review_requests", sql: m0038 },
  { name: "0039_search_index_queue", sql: m0039 },
];
