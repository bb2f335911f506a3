/** /api/v1/admin/domain_blocks: list, show, create, update and delete (Manage Federation). */
import type { Router, UserReq } from "../../../http/route";
import { bool, str } from "../../../http/params";
import { readPage } from "../../../http/pagination";
import { listDomainBlocksNewestFirst } from "../../../db/queries/domain-blocks";
import { parseId } from "../../../model/ids";
import { toAdminDomainBlock } from "../../../serializers/mastodon/admin-account";
import {
  createDomainBlock,
  findDomainBlock,
  removeDomainBlock,
  updateDomainBlock,
  type DomainBlockInput,
} from "../../../services/admin/domain-blocks";
import { SCOPES, staff } from "./staff";

function input(q: UserReq): DomainBlockInput {
  const i = q.input;
  return {
    domain: str(i, "domain", { max: 255 }),
    severity: str(i, "severity"),
    rejectMedia: bool(i, "reject_media"),
    rejectReports: bool(i, "reject_reports"),
    privateComment: str(i, "private_comment"),
    publicComment: str(i, "public_comment"),
    obfuscate: bool(i, "obfuscate"),
  };
}

/** Registers the endpoints. */
export default function register(r: Router): void {
  const base = "/api/v1/admin/domain_blocks";
  r.get(base, { scopes: SCOPES.readDomainBlocks }, (q) => {
    staff(q, "manage_federation");
    const page = readPage(q.input, 100, 200);
    return listDomainBlocksNewestFirst(q.ctx.db, page.limit).map(toAdminDomainBlock);
  });
  r.get(`${base}/:id`, { scopes: SCOPES.readDomainBlocks }, (q) => {
    staff(q, "manage_federation");
    return toAdminDomainBlock(findDomainBlock(q.ctx, parseId(q.params.id)));
  });
  r.post(base, { scopes: SCOPES.writeDomainBlocks }, (q) => {
    staff(q, "manage_federation");
    return toAdminDomainBlock(createDomainBlock(q.ctx, input(q), q.auth.accountId));
  });
  r.put(`${base}/:id`, { scopes: SCOPES.writeDomainBlocks }, (q) => {
    staff(q, "manage_federation");
    return toAdminDomainBlock(updateDomainBlock(q.ctx, parseId(q.params.id), input(q), q.auth.accountId));
  });
  r.delete(`${base}/:id`, { scopes: SCOPES.writeDomainBlocks }, (q) => {
    staff(q, "manage_federation");
    removeDomainBlock(q.ctx, parseId(q.params.id), q.auth.accountId);
    return {};
  });
}
