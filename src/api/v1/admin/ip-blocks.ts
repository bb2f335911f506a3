/** /api/v1/admin/ip_blocks: list, show, create, update and delete (Manage Blocks), as Mastodon. */
import type { Router, UserReq } from "../../../http/route";
import { int, str } from "../../../http/params";
import { readPage } from "../../../http/pagination";
import { listIpBlocks } from "../../../db/queries/ip-blocks";
import { parseId } from "../../../model/ids";
import { validation } from "../../../model/errors";
import { toAdminIpBlock } from "../../../serializers/mastodon/admin-ip-block";
import { changeIpBlock, createIpBlock, findIpBlock, removeIpBlock, type IpBlockInput } from "../../../services/admin/ip-blocks";
import { staff } from "./staff";

const READ = ["admin:read:ip_blocks"];
const WRITE = ["admin:write:ip_blocks"];

function input(q: UserReq): IpBlockInput {
  const i = q.input;
  let expiresIn: number | null | undefined;
  if (i.expires_in === null || i.expires_in === "") expiresIn = null;
  else if (i.expires_in !== undefined) {
    expiresIn = int(i, "expires_in");
    if (expiresIn === undefined) throw validation("Expires in is not a number");
  }
  return { ip: str(i, "ip", { max: 100 }), severity: str(i, "severity"), comment: str(i, "comment", { max: 2000 }), expiresIn };
}

/** Registers the endpoints. */
export default function register(r: Router): void {
  const base = "/api/v1/admin/ip_blocks";
  r.get(base, { scopes: READ }, (q) => {
    staff(q, "manage_blocks");
    const page = readPage(q.input, 100, 200);
    return listIpBlocks(q.ctx.db, page.limit, page.maxId).map(toAdminIpBlock);
  });
  r.get(`${base}/:id`, { scopes: READ }, (q) => {
    staff(q, "manage_blocks");
    return toAdminIpBlock(findIpBlock(q.ctx, parseId(q.params.id)));
  });
  r.post(base, { scopes: WRITE }, (q) => {
    staff(q, "manage_blocks");
    return toAdminIpBlock(createIpBlock(q.ctx, input(q), q.auth.accountId));
  });
  r.put(`${base}/:id`, { scopes: WRITE }, (q) => {
    staff(q, "manage_blocks");
    return toAdminIpBlock(changeIpBlock(q.ctx, parseId(q.params.id), input(q), q.auth.accountId));
  });
  r.delete(`${base}/:id`, { scopes: WRITE }, (q) => {
    staff(q, "manage_blocks");
    removeIpBlock(q.ctx, parseId(q.params.id), q.auth.accountId);
    return {};
  });
}
