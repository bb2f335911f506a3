/** PATCH /api/v1/accounts/update_credentials and DELETE /api/v1/profile/avatar|header. */
import { validation } from "../../../model/errors";
import { arr, bool, file, str, type Params } from "../../../http/params";
import type { Router, UserReq } from "../../../http/route";
import { removeProfileImage, updateCredentials, type CredentialsUpdate } from "../../../services/accounts/update-credentials";
import { credentialAccount } from "./verify-credentials";

function readFields(input: Params): CredentialsUpdate["fields"] {
  const list = arr(input, "fields_attributes");
  if (!list) return undefined;
  return list.map((f) => {
    if (!f || typeof f !== "object" || Array.isArray(f) || f instanceof Blob)
      throw validation("fields_attributes must be a list of {name, value}");
    const o = f as Params;
    return { name: str(o, "name") ?? "", value: str(o, "value") ?? "" };
  });
}

function readUpdate(input: Params): CredentialsUpdate {
  const source = input.source;
  if (source !== undefined && (source === null || typeof source !== "object" || Array.isArray(source)))
    throw validation("source must be a hash");
  const src = (source ?? {}) as Params;
  return {
    displayName: str(input, "display_name"),
    note: str(input, "note"),
    fields: readFields(input),
    locked: bool(input, "locked"),
    bot: bool(input, "bot"),
    discoverable: bool(input, "discoverable"),
    indexable: bool(input, "indexable"),
    hideCollections: bool(input, "hide_collections"),
    privacy: str(src, "privacy"),
    sensitive: bool(src, "sensitive"),
    language: str(src, "language"),
    avatar: file(input, "avatar"),
    header: file(input, "header"),
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
