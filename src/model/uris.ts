/** The only place that makes URIs and URLs for local objects. */
import type { Config } from "../config";

/** URI and URL builders bound to one instance's domain and scheme. */
export class Uris {
  readonly base: string;
  constructor(readonly config: Pick<Config, "protocol" | "localDomain">) {
    this.base = `${config.protocol}://${config.localDomain}`;
  }
  url(path: string): string { return this.base + path; }
  actor(username: string): string { return `${this.base}/users/${username}`; }
  profile(username: string): string { return `${this.base}/@${username}`; }
  inbox(username: string): string { return `${this.actor(username)}/inbox`; }
  outbox(username: string): string { return `${this.actor(username)}/outbox`; }
  followers(username: string): string { return `${this.actor(username)}/followers`; }
  following(username: string): string { return `${this.actor(username)}/following`; }
  featured(username: string): string { return `${this.actor(username)}/collections/featured`; }
  sharedInbox(): string { return `${this.base}/inbox`; }
  status(username: string, id: number | string): string { return `${this.actor(username)}/statuses/${id}`; }
  statusUrl(username: string, id: number | string): string { return `${this.profile(username)}/${id}`; }
  activity(username: string, id: number | string, kind: string): string { return `${this.status(username, id)}/${kind}`; }
  tag(name: string): string { return `${this.base}/tags/${encodeURIComponent(name)}`; }
  media(key: string): string { return `${this.base}/system/${key}`; }
  defaultAvatar(): string { return `${this.base}/avatars/original/missing.png`; }
  defaultHeader(): string { return `${this.base}/headers/original/missing.png`; }
  streaming(): string { return `${this.config.protocol === "https" ? "wss" : "ws"}://${this.config.localDomain}`; }
}
