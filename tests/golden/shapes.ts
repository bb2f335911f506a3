/**
 * Runtime shapes of the Mastodon entities declared in src/model/entities.ts, typed against
 * those declarations: tsc rejects a key that is missing or extra, an optional flag that is
 * wrong, or a JSON type the declared field cannot hold. `shapeErrors` then checks API output
 * against a shape (extra keys, missing required keys, values of the wrong JSON type).
 */
import type { Account, Instance, Notification, PreviewCard, Relationship, Status } from "../../src/model/entities";

/** The JSON type of a value. */
export type JsonTag = "string" | "number" | "boolean" | "null" | "array" | "object";

type TagOf<V> = V extends null
  ? "null"
  : V extends string
    ? "string"
    : V extends number
      ? "number"
      : V extends boolean
        ? "boolean"
        : V extends readonly unknown[]
          ? "array"
          : V extends object
            ? "object"
            : never;

interface FieldShape<Tags extends JsonTag, Opt extends boolean> {
  tags: Tags[];
  optional: Opt;
  shape?: AnyShape;
}

/** Any entity's shape. */
export type AnyShape = Record<string, FieldShape<JsonTag, boolean>>;

/** One entry per declared key: the JSON types allowed and whether the key may be absent. */
export type Shape<T> = { [K in keyof T]-?: FieldShape<TagOf<Exclude<T[K], undefined>>, {} extends Pick<T, K> ? true : false> };

const req = <G extends JsonTag>(...tags: G[]) => ({ tags, optional: false as const });
const opt = <G extends JsonTag>(...tags: G[]) => ({ tags, optional: true as const });
const nested = <G extends JsonTag, O extends boolean>(f: { tags: G[]; optional: O }, shape: AnyShape) => ({ ...f, shape });

/** The Account entity. */
export const ACCOUNT: Shape<Account> = {
  id: req("string"),
  username: req("string"),
  acct: req("string"),
  display_name: req("string"),
  locked: req("boolean"),
  bot: req("boolean"),
  discoverable: req("boolean", "null"),
  indexable: req("boolean"),
  group: req("boolean"),
  created_at: req("string"),
  note: req("string"),
  url: req("string"),
  uri: req("string"),
  avatar: req("string"),
  avatar_static: req("string"),
  header: req("string"),
  header_static: req("string"),
  followers_count: req("number"),
  following_count: req("number"),
  statuses_count: req("number"),
  last_status_at: req("string", "null"),
  hide_collections: req("boolean", "null"),
  noindex: req("boolean"),
  emojis: req("array"),
  roles: req("array"),
  fields: req("array"),
  memorial: opt("boolean"),
  suspended: opt("boolean"),
  limited: opt("boolean"),
  moved: opt("object", "null"),
};

/** The Status entity (`reblog` is checked as a Status too). */
export const PREVIEW_CARD: Shape<PreviewCard> = {
  url: req("string"),
  title: req("string"),
  description: req("string"),
  language: req("string", "null"),
  type: req("string"),
  author_name: req("string"),
  author_url: req("string"),
  provider_name: req("string"),
  provider_url: req("string"),
  html: req("string"),
  width: req("number"),
  height: req("number"),
  image: req("string", "null"),
  image_description: req("string"),
  embed_url: req("string"),
  blurhash: req("string", "null"),
  published_at: req("string", "null"),
  authors: req("array"),
};

export const STATUS: Shape<Status> = {
  id: req("string"),
  created_at: req("string"),
  in_reply_to_id: req("string", "null"),
  in_reply_to_account_id: req("string", "null"),
  sensitive: req("boolean"),
  spoiler_text: req("string"),
  visibility: req("string"),
  language: req("string", "null"),
  uri: req("string"),
  url: req("string", "null"),
  replies_count: req("number"),
  reblogs_count: req("number"),
  favourites_count: req("number"),
  quotes_count: req("number"),
  edited_at: req("string", "null"),
  content: req("string"),
  reblog: req("object", "null"),
  application: req("object", "null"),
  account: nested(req("object"), ACCOUNT),
  media_attachments: req("array"),
  mentions: req("array"),
  tags: req("array"),
  emojis: req("array"),
  card: nested(req("object", "null"), PREVIEW_CARD),
  poll: req("object", "null"),
  quote: req("object", "null"),
  quote_approval: req("object"),
  favourited: opt("boolean"),
  reblogged: opt("boolean"),
  muted: opt("boolean"),
  bookmarked: opt("boolean"),
  pinned: opt("boolean"),
  filtered: opt("array"),
};
STATUS.reblog.shape = STATUS;

/** The Notification entity. */
export const NOTIFICATION: Shape<Notification> = {
  id: req("string"),
  type: req("string"),
  created_at: req("string"),
  group_key: req("string"),
  account: nested(req("object"), ACCOUNT),
  status: nested(opt("object", "null"), STATUS),
  report: opt("object", "null"),
  moderation_warning: opt("object", "null"),
};

/** The Relationship entity. */
export const RELATIONSHIP: Shape<Relationship> = {
  id: req("string"),
  following: req("boolean"),
  showing_reblogs: req("boolean"),
  notifying: req("boolean"),
  languages: req("array", "null"),
  followed_by: req("boolean"),
  blocking: req("boolean"),
  blocked_by: req("boolean"),
  muting: req("boolean"),
  muting_notifications: req("boolean"),
  requested: req("boolean"),
  requested_by: req("boolean"),
  domain_blocking: req("boolean"),
  endorsed: req("boolean"),
  note: req("string"),
};

/** The v2 Instance entity (top level; `contact.account` is not descended into). */
export const INSTANCE: Shape<Instance> = {
  domain: req("string"),
  title: req("string"),
  version: req("string"),
  source_url: req("string"),
  description: req("string"),
  usage: req("object"),
  thumbnail: req("object"),
  icon: req("array"),
  languages: req("array"),
  configuration: req("object"),
  registrations: req("object"),
  api_versions: req("object"),
  contact: req("object"),
  rules: req("array"),
};

function tagOf(v: unknown): JsonTag {
  return v === null ? "null" : Array.isArray(v) ? "array" : (typeof v as JsonTag);
}

/** Differences between `value` and `shape` (empty when the value fits), with JSON paths. */
export function shapeErrors(value: unknown, shape: AnyShape, path = "$"): string[] {
  if (tagOf(value) !== "object") return [`${path}: expected an object, got ${tagOf(value)}`];
  const v = value as Record<string, unknown>;
  const errors: string[] = [];
  for (const k of Object.keys(v)) if (!(k in shape)) errors.push(`${path}.${k}: not declared`);
  for (const [k, f] of Object.entries(shape)) {
    if (!(k in v)) {
      if (!f.optional) errors.push(`${path}.${k}: missing`);
      continue;
    }
    const t = tagOf(v[k]);
    if (!f.tags.includes(t)) errors.push(`${path}.${k}: ${t} is not ${f.tags.join(" | ")}`);
    else if (f.shape && t === "object") errors.push(...shapeErrors(v[k], f.shape, `${path}.${k}`));
  }
  return errors;
}
