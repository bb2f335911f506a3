/** /api/v1/admin/domain_allows: list, show, create and delete (Manage Federation), as Mastodon. */
import type { Router } from "../../../http/route";
import { str } from "../../../http/params";
import { readPage } from "../../../http/pagination";
import { listDomainAllows, type DomainAllowRow } from "../../../db/queries/domain-allows";
import { parseId } from "../../../model/ids";
import { allowDomain, disallowDomain, findAllow } from "../../../services/admin/domain-allows";
import { staff } from "./staff";

const READ = ["admin:read:domain_allows"];
const WRITE = ["admin:write:domain_allows"];

/** The Admin::DomainAllow entity. */
function toAdminDomainAllow(r: DomainAllowRow): Record<string, unknown> {
  return { id: String(r.id), domain: r.domain, created_at: new Date(r.created_at).toISOString() };
}

/** Registers the endpoints. */
export default function register(r: Router): void {
  const base = "/api/v1/admin/domain_allows";
  r.get(base, { scopes: READ }, (q) => {
    staff(q, "manage_federation");
    const page = readPage(q.input, 100, 200);
    return listDomainAllows(q.ctx.db, page.limit, page.maxId).map(toAdminDomainAllow);
  });
  r.get(`${base}/:id`, { scopes: READ }, (q) => {
    staff(q, "manage_federation");
    return toAdminDomainAllow(findAllow(q.ctx, parseId(q.params.id)));
  });
  r.post(base, { scopes: WRITE }, (q) => {
    staff(q, "manage_federation");
    return toAdminDomainAllow(allowDomain(q.ctx, str(q.input, "domain", { max: 255 }), q.auth.accountId));
  });
  r.delete(`${base}/:id`, { scopes: WRITE }, (q) => {
    staff(q, "manage_federation");
    disallowDomain(q.ctx, parseId(q.params.id), q.auth.accountId);
    return {};
  });
}
