/**
 * /api/v1/domain_blocks: the remote domains the user hides. GET lists them (strings, Link
 * paging by block id as Mastodon), POST `domain=` blocks one and DELETE `domain=` unblocks it
 * (both answer `{}`; 422 for a domain that is not valid).
 */
import { listAccountDomainBlocksPage } from "../../../db/queries/account-domain-blocks";
import { str } from "../../../http/params";
import { readPage, setLinkHeader } from "../../../http/pagination";
import type { Router } from "../../../http/route";
import { blockDomainForAccount, unblockDomainForAccount } from "../../../services/domain-blocks/block";

/** Mastodon's DomainBlocksController: 100 per page by default, at most 200. */
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 200;

export default function register(r: Router): void {
  r.get("/api/v1/domain_blocks", { scopes: ["read:blocks", "follow"] }, (q) => {
    const page = readPage(q.input, DEFAULT_LIMIT, MAX_LIMIT);
    const rows = listAccountDomainBlocksPage(q.ctx.db, q.auth.accountId, page);
    setLinkHeader(q, rows[0]?.pid, rows.at(-1)?.pid, { next: rows.length === page.limit });
    return rows.map((b) => b.domain);
  });
  r.post("/api/v1/domain_blocks", { scopes: ["write:blocks", "follow"] }, (q) => {
    blockDomainForAccount(q.ctx, q.auth.accountId, str(q.input, "domain", { max: 255 }));
    return {};
  });
  r.delete("/api/v1/domain_blocks", { scopes: ["write:blocks", "follow"] }, (q) => {
    unblockDomainForAccount(q.ctx, q.auth.accountId, str(q.input, "domain", { max: 255 }));
    return {};
  });
}
