/**
 * GET /api/v1/accounts/:id, GET /api/v1/accounts?id[]=, GET /api/v1/accounts/lookup?acct=.
 * A suspended account is still answered (Mastodon 3.3+): `suspended: true` with its profile
 * emptied, so clients can say so; its posts and network are not shown elsewhere.
 */
import { accountView, loadAccountRows, loadAccountViews } from "../../../db/views/accounts";
import { ApiError } from "../../../model/errors";
import { str, strArr } from "../../../http/params";
import type { Req, Router } from "../../../http/route";
import { parseId } from "../../../model/ids";
import { findByHandle, parseAcct } from "../../../services/accounts/find";
import { resolveAccountByHandle } from "../../../services/federation/resolve-account";

export default function register(r: Router): void {
  const opts = { auth: "optional" as const, scopes: ["read:accounts"] };
  r.get<Req>("/api/v1/accounts/lookup", opts, async (q) => {
    const acct = str(q.input, "acct");
    if (!acct) throw new ApiError(404, "Record not found");
    const { username, domain } = parseAcct(q.ctx, acct);
    // A remote handle not seen yet is resolved over WebFinger (federation).
    const a =
      findByHandle(q.ctx, username, domain) ?? (domain !== null ? await resolveAccountByHandle(q.ctx, `${username}@${domain}`) : null);
    if (!a) throw new ApiError(404, "Record not found");
    return accountView(q.ctx, a.id);
  });
  r.get<Req>("/api/v1/accounts", opts, (q) => {
    const ids = (strArr(q.input, "id") ?? [])
      .slice(0, 100)
      .map(parseId)
      .filter((x): x is number => x !== undefined);
    const rows = loadAccountRows(q.ctx, ids);
    const visible = ids.filter((id) => rows.has(id));
    const views = loadAccountViews(q.ctx, visible);
    return [...new Set(visible)].map((id) => views.get(id)!);
  });
  r.get<Req>("/api/v1/accounts/:id", opts, (q) => {
    const id = parseId(q.params.id);
    const view = id === undefined ? undefined : accountView(q.ctx, id);
    if (!view) throw new ApiError(404, "Record not found");
    return view;
  });
}
