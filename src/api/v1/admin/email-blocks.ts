/**
 * /api/v1/admin/email_domain_blocks (list, show, create, delete) and /api/v1/admin/canonical_email_blocks
 * (list, show, test, create, delete), as Mastodon (Manage Blocks).
 */
import type { Router } from "../../../http/route";
import { str } from "../../../http/params";
import { readPage } from "../../../http/pagination";
import {
  emailDomainBlockAttempts,
  listCanonicalEmailBlocks,
  listEmailDomainBlocks,
  type CanonicalEmailBlockRow,
  type EmailDomainBlockRow,
} from "../../../db/queries/email-blocks";
import type { AppContext } from "../../../context";
import { parseId } from "../../../model/ids";
import {
  createCanonicalEmailBlock,
  createEmailDomainBlock,
  findCanonicalEmailBlock,
  findEmailDomainBlock,
  removeCanonicalEmailBlock,
  removeEmailDomainBlock,
  testCanonicalEmail,
} from "../../../services/admin/email-blocks";
import { staff } from "./staff";

const DAY = 86_400_000;

/** Admin::EmailDomainBlock entities with their last 7 days of refused attempts (newest first; accounts counts attempts too). */
function domainBlocks(ctx: AppContext, rows: EmailDomainBlockRow[]): Record<string, unknown>[] {
  const today = Math.floor(ctx.now() / DAY);
  const hits = emailDomainBlockAttempts(
    ctx.db,
    rows.map((r) => r.id),
    today - 6,
    today,
  );
  return rows.map((r) => ({
    id: String(r.id),
    domain: r.domain,
    created_at: new Date(r.created_at).toISOString(),
    history: Array.from({ length: 7 }, (_, i) => {
      const uses = hits.find((h) => h.block_id === r.id && h.day === today - i)?.uses ?? 0;
      return { day: String(((today - i) * DAY) / 1000), accounts: String(uses), uses: String(uses) };
    }),
  }));
}

const canonical = (r: CanonicalEmailBlockRow) => ({ id: String(r.id), canonical_email_hash: r.canonical_email_hash });

/** Registers the endpoints. */
export default function register(r: Router): void {
  const eb = "/api/v1/admin/email_domain_blocks";
  const er = ["admin:read:email_domain_blocks"];
  const ew = ["admin:write:email_domain_blocks"];
  r.get(eb, { scopes: er }, (q) => {
    staff(q, "manage_blocks");
    const page = readPage(q.input, 100, 200);
    return domainBlocks(q.ctx, listEmailDomainBlocks(q.ctx.db, page.limit, page.maxId));
  });
  r.get(`${eb}/:id`, { scopes: er }, (q) => {
    staff(q, "manage_blocks");
    return domainBlocks(q.ctx, [findEmailDomainBlock(q.ctx, parseId(q.params.id))])[0];
  });
  r.post(eb, { scopes: ew }, (q) => {
    staff(q, "manage_blocks");
    return domainBlocks(q.ctx, [createEmailDomainBlock(q.ctx, str(q.input, "domain", { max: 300 }), q.auth.accountId)])[0];
  });
  r.delete(`${eb}/:id`, { scopes: ew }, (q) => {
    staff(q, "manage_blocks");
    removeEmailDomainBlock(q.ctx, parseId(q.params.id), q.auth.accountId);
    return {};
  });

  const cb = "/api/v1/admin/canonical_email_blocks";
  const cr = ["admin:read:canonical_email_blocks"];
  const cw = ["admin:write:canonical_email_blocks"];
  r.get(cb, { scopes: cr }, (q) => {
    staff(q, "manage_blocks");
    const page = readPage(q.input, 100, 200);
    return listCanonicalEmailBlocks(q.ctx.db, page.limit, page.maxId).map(canonical);
  });
  r.get(`${cb}/:id`, { scopes: cr }, (q) => {
    staff(q, "manage_blocks");
    return canonical(findCanonicalEmailBlock(q.ctx, parseId(q.params.id)));
  });
  r.post(`${cb}/test`, { scopes: cr }, (q) => {
    staff(q, "manage_blocks");
    return testCanonicalEmail(q.ctx, str(q.input, "email", { max: 320 })).map(canonical);
  });
  r.post(cb, { scopes: cw }, (q) => {
    staff(q, "manage_blocks");
    const i = { email: str(q.input, "email", { max: 320 }), hash: str(q.input, "canonical_email_hash", { max: 200 }) };
    return canonical(createCanonicalEmailBlock(q.ctx, i, q.auth.accountId));
  });
  r.delete(`${cb}/:id`, { scopes: cw }, (q) => {
    staff(q, "manage_blocks");
    removeCanonicalEmailBlock(q.ctx, parseId(q.params.id), q.auth.accountId);
    return {};
  });
}
