/** The only place that makes URIs and URLs for local objects. */
import type { Config } from "../config";

/**
 * Whether `domain` (a handle's domain, `host[:port]`) names this instance: LOCAL_DOMAIN, or
 * WEB_DOMAIN when that differs (Mastodon answers WebFinger for both). Case-insensitive.
 */
export function isLocalDomain(config: { localDomain: string; webDomain?: string }, domain: string): boolean {
  const d = domain.toLowerCase();
  return d === config.localDomain.toLowerCase() || (!!config.webDomain && d === config.webDomain.toLowerCase());
}

/**
 * URI and URL builders bound to one instance's scheme and WEB_DOMAIN (the host of the site and
 * of every URI; LOCAL_DOMAIN only appears in handles, `user@LOCAL_DOMAIN`).
 */
export class Uris {
  readonly base: string;
  /** The host (and port) every URL and URI is on. */
  readonly host: string;
  constructor(readonly config: Pick<Config, "protocol" | "localDomain" | "webDomain">) {
    this.host = config.webDomain || config.localDomain;
    this.base = `${config.protocol}://${this.host}`;
  }
  url(path: string): string {
    return this.base + path;
  }
  actor(username: string): string {
    return `${this.base}/users/${username}`;
  }
  profile(username: string): string {
    return `${this.base}/@${username}`;
  }
  inbox(username: string): string {
    return `${this.actor(username)}/inbox`;
  }
  outbox(username: string): string {
    return `${this.actor(username)}/outbox`;
  }
  followers(username: string): string {
    return `${this.actor(username)}/followers`;
  }
  following(username: string): string {
    return `${this.actor(username)}/following`;
  }
  featured(username: string): string {
    return `${this.actor(username)}/collections/featured`;
  }
  sharedInbox(): string {
    return `${this.base}/inbox`;
  }
  status(username: string, id: number | string): string {
    return `${this.actor(username)}/statuses/${id}`;
  }
  statusUrl(username: string, id: number | string): string {
    return `${this.profile(username)}/${id}`;
  }
  activity(username: string, id: number | string, kind: string): string {
    return `${this.status(username, id)}/${kind}`;
  }
  /** A local custom emoji's ActivityPub id (Mastodon's /emojis/:id). */
  emoji(id: number | string): string {
    return `${this.base}/emojis/${id}`;
  }
  tag(name: string): string {
    return `${this.base}/tags/${encodeURIComponent(name)}`;
  }
  /** An account's posts with a hashtag (FeaturedTag.url, Mastodon's short_account_tag_url). */
  accountTag(username: string, tag: string): string {
    return `${this.profile(username)}/tagged/${encodeURIComponent(tag)}`;
  }
  /** The collection of hashtags featured on a profile (the actor's `featuredTags`). */
  featuredTags(username: string): string {
    return `${this.actor(username)}/collections/tags`;
  }
  media(key: string): string {
    return `${this.base}/system/${key}`;
  }
  /** Where a remote attachment whose cache was removed is fetched again on view (Mastodon's media_proxy_url). */
  mediaProxy(id: number | string, style: "original" | "small"): string {
    return `${this.base}/media_proxy/${id}/${style}`;
  }
  defaultAvatar(): string {
    return `${this.base}/avatars/original/missing.png`;
  }
  defaultHeader(): string {
    return `${this.base}/headers/original/missing.png`;
  }
  streaming(): string {
    return `${this.config.protocol === "https" ? "wss" : "ws"}://${this.host}`;
  }
  /** The instance actor (an Application that signs our own fetches). */
  instanceActor(): string {
    return `${this.base}/actor`;
  }
  // ActivityPub activity and collection ids (federation documents helper).
  /** Id of the Create activity of a status (`statusUri` is the status's own URI). */
  createActivity(statusUri: string): string {
    return `${statusUri}/activity`;
  }
  /** Id of the Update activity for the edit made at `editedAt` (ms). */
  updateActivity(statusUri: string, editedAt: number): string {
    return `${statusUri}#updates/${editedAt}`;
  }
  /** Id of the Delete activity of a status. */
  deleteActivity(statusUri: string): string {
    return `${statusUri}#delete`;
  }
  /** Id of the QuoteRequest a local status sends for the post it quotes (FEP-044f). */
  quoteRequest(statusUri: string): string {
    return `${statusUri}#quote_request`;
  }
  /** The QuoteAuthorization (stamp) a local author grants for quote `quoteId` of their post. */
  quoteAuthorization(username: string, quoteId: number | string): string {
    return `${this.actor(username)}/quote_authorizations/${quoteId}`;
  }
  /** Id of the Announce activity of a boost (`reblogUri` is the boost row's own URI). */
  announceActivity(reblogUri: string): string {
    return `${reblogUri}/activity`;
  }
  /** Id of an activity about a row (Like, Follow, Block, Accept, Reject…): `${actor}#${kind}/${id}`. */
  rowActivity(actorUri: string, kind: string, id: number | string): string {
    return `${actorUri}#${kind}/${id}`;
  }
  /** Id of the Undo of another activity. */
  undoActivity(activityId: string): string {
    return `${activityId}/undo`;
  }
  /** A page of a collection, e.g. the outbox: `?page=true` plus cursor params. */
  collectionPage(collection: string, params: Record<string, string | number> = {}): string {
    const q = new URLSearchParams({ page: "true" });
    for (const [k, v] of Object.entries(params)) q.set(k, String(v));
    return `${collection}?${q.toString()}`;
  }
  /** The replies collection of a status. */
  replies(statusUri: string): string {
    return `${statusUri}/replies`;
  }
  /** An account's public posts as RSS 2.0 (Mastodon's /@name.rss). */
  accountRss(username: string): string {
    return `${this.profile(username)}.rss`;
  }
  /** A hashtag's public posts as RSS 2.0. */
  tagRss(name: string): string {
    return `${this.tag(name)}.rss`;
  }
  /** The frameable page of one post for embedding (the oEmbed iframe's src). */
  statusEmbed(username: string, id: number | string): string {
    return `${this.statusUrl(username, id)}/embed`;
  }
  /** The interaction page for one object (follow, reply, boost, favourite from elsewhere). */
  interactWith(uri: string): string {
    return `${this.base}/authorize_interaction?uri=${encodeURIComponent(uri)}`;
  }
  /** The interaction (remote follow / reply) page template of WebFinger's subscribe link. */
  authorizeInteraction(): string {
    return `${this.base}/authorize_interaction?uri={uri}`;
  }
  // Links in the mail Hearth sends (server-rendered account pages and the web client).
  /** The link that confirms an e-mail address (sign-up or change), Mastodon's /auth/confirmation. */
  emailConfirmation(token: string): string {
    return `${this.base}/auth/confirmation?confirmation_token=${encodeURIComponent(token)}`;
  }
  /** The page that sets a new password with a mailed token. */
  passwordEdit(token: string): string {
    return `${this.base}/auth/password/edit?reset_password_token=${encodeURIComponent(token)}`;
  }
  /** The "Forgot your password?" form. */
  passwordNew(): string {
    return `${this.base}/auth/password/new`;
  }
  /** The account security page (password, e-mail, two-factor, sessions). */
  accountSecurity(): string {
    return `${this.base}/auth/security`;
  }
  /** The web client's notifications screen. */
  notificationsPage(): string {
    return `${this.base}/notifications`;
  }
  /** The public page of a status by username and id (alias of statusUrl for AP documents). */
  statusActivityUri(username: string, id: number | string): string {
    return `${this.status(username, id)}/activity`;
  }
}
