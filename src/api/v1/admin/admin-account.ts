/** Answering with an Admin::Account entity (after a state change or a show). */
import type { UserReq } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { adminAccountView } from "../../../db/views/admin";

/** The Admin::Account of `id` (404 when it vanished). */
export function adminAccount(q: UserReq, id: number): Record<string, unknown> {
  const v = adminAccountView(q.ctx, id);
  if (!v) throw notFound();
  return v;
}
