/**
 * The JSON inside a push message, as Mastodon's Web::NotificationSerializer makes it:
 * access_token, preferred_locale, notification_id, notification_type, icon, title, body.
 */
import type { AccountRow, StatusRow } from "../../db/rows";
import { htmlToPlain } from "../../text/filter-match";

/** Mastodon's English notification_mailer subjects, by type (%{name}: the sender's display name or username). */
const TITLES: Record<string, (name: string) => string> = {
  mention: (n) => `You were mentioned by ${n}`,
  quote: (n) => `${n} quoted your post`,
  status: (n) => `${n} just posted`,
  reblog: (n) => `${n} boosted your post`,
  follow: (n) => `${n} is now following you`,
  follow_request: (n) => `Pending follower: ${n}`,
  favourite: (n) => `${n} favorited your post`,
  poll: (n) => `A poll by ${n} has ended`,
  update: (n) => `${n} edited a post`,
  quoted_update: (n) => `${n} edited a post you have quoted`,
  "admin.sign_up": (n) => `${n} signed up`,
  "admin.report": (n) => `${n} submitted a report`,
  severed_relationships: () => "You have lost connections due to a moderation decision",
  moderation_warning: () => "You have received a moderation warning",
};

/** Rails' truncate(length: 140): longer text is cut to 137 characters and gets "...". */
function truncate(s: string, max = 140): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 3).join("")}...` : s;
}

/** What one push message says. */
export interface WebPushNotificationInput {
  accessToken: string;
  locale: string;
  notification: { id: number; type: string };
  from: AccountRow;
  status: StatusRow | null;
  /** The sender's avatar (static) as a full URL. */
  icon: string;
}

/** The payload object (serialized to JSON, then encrypted). */
export function toWebPushNotification(p: WebPushNotificationInput): Record<string, unknown> {
  const name = p.from.display_name.trim() || p.from.username;
  const title = (TITLES[p.notification.type] ?? ((n: string) => n))(name);
  // The CW when there is one, else the post's text (source for local posts, content for remote), else the sender's bio.
  const s = p.status;
  const source = s ? s.spoiler_text || (s.local && s.text ? s.text : htmlToPlain(s.content)) : htmlToPlain(p.from.note);
  return {
    access_token: p.accessToken,
    preferred_locale: p.locale,
    notification_id: p.notification.id,
    notification_type: p.notification.type,
    icon: p.icon,
    title,
    body: truncate(source.trim()),
  };
}
