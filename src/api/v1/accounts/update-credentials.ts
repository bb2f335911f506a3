/** PATCH /api/v1/accounts/update_credentials and DELETE /api/v1/profile/avatar|header. */
import { validation } from "../../../model/errors";
import { arr, bool, file, str, type Params } from "../../../http/params";
import type { Router, UserReq } from "../../../http/route";
import { removeProfileImage, updateCredentials, type CredentialsUpdate } from "../../../services/accounts/update-credentials";
import { credentialAccount } from "./verify-credentials";

/**
 * Rails' `permit` of scalar keys: a hash or a list where a scalar (or file) belongs is dropped,
 * as Mastodon's strong parameters drop it, instead of failing the whole update.
 */
function scalars(input: Params, keys: readonly string[]): Params {
  const out: Params = {};
  for (const k of keys) {
    const v = input[k];
    if (v === null || typeof v !== "object" || v instanceof Blob) out[k] = v;
  }
  return out;
}

const isHash = (v: unknown): v is Params => !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Blob);

/** `fields_attributes` as `permit(fields_attributes: [:name, :value])` reads it: a scalar is dropped, and so is every entry that is not a hash. */
function readFields(input: Params): CredentialsUpdate["fields"] {
  const v = input.fields_attributes;
  if (v === null || typeof v !== "object" || v instanceof Blob) return undefined;
  return arr(input, "fields_attributes")!
    .filter(isHash)
    .map((f) => {
      const o = scalars(f, ["name", "value"]);
      return { name: str(o, "name") ?? "", value: str(o, "value") ?? "" };
    });
}

function readUpdate(input: Params): CredentialsUpdate {
  // Mastodon skips a blank `source` and reads any other with `params.require(:source)`, which
  // fails on a scalar or a list: those stay refused.
  const source = input.source;
  const blank = source === undefined || source === null || source === "" || source === false || (Array.isArray(source) && !source.length);
  if (!blank && !isHash(source)) throw validation("source must be a hash");
  const src = isHash(source) ? source : {};
  const p = scalars(input, ["display_name", "note", "locked", "bot", "discoverable", "indexable", "hide_collections", "avatar", "header"]);
  return {
    displayName: str(p, "display_name"),
    note: str(p, "note"),
    fields: readFields(input),
    locked: bool(p, "locked"),
    bot: bool(p, "bot"),
    discoverable: bool(p, "discoverable"),
    indexable: bool(p, "indexable"),
    hideCollections: bool(p, "hide_collections"),
    privacy: str(src, "privacy"),
    quotePolicy: str(src, "quote_policy"),
    sensitive: bool(src, "sensitive"),
    language: str(src, "language"),
    avatar: file(p, "avatar"),
    header: file(p, "header"),
  };
}

export default function register(r: Router): void {
  const update = async (q: UserReq) => {
    await updateCredentials(q.ctx, q.auth.accountId, readUpdate(q.input));
    return credentialAccount(q.ctx, q.auth.accountId);
  };
  r.patch("/api/v1/accounts/update_credentials", { scopes: ["write:accounts"] }, update);
  for (const kind of ["avatar", "header"] as const) {
    r.delete(`/api/v1/profile/${kind}`, { scopes: ["write:accounts"] }, async (q) => {
      await removeProfileImage(q.ctx, q.auth.accountId, kind);
      return credentialAccount(q.ctx, q.auth.accountId);
    });
  }
}
