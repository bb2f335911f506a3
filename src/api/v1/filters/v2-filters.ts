/** GET/POST /api/v2/filters, GET/PUT/PATCH/DELETE /api/v2/filters/:id → Filter entities. */
import type { Router, UserReq } from "../../../http/route";
import { accountFilterRows, filterView, filterViews } from "../../../db/views/filters";
import { ownedFilter } from "../../../services/filters/common";
import { createFilter, deleteFilter, updateFilter } from "../../../services/filters/save";
import { readFilterInput } from "./params";

const READ = { scopes: ["read:filters"] };
const WRITE = { scopes: ["write:filters"] };

export default function register(r: Router): void {
  r.get("/api/v2/filters", READ, (q) => filterViews(q.ctx, accountFilterRows(q.ctx, q.auth.accountId)));
  r.get("/api/v2/filters/:id", READ, (q) => filterView(q.ctx, ownedFilter(q.ctx, q.auth.accountId, q.params.id)));
  r.post("/api/v2/filters", WRITE, (q) => filterView(q.ctx, createFilter(q.ctx, q.auth.accountId, readFilterInput(q.input))));
  const update = (q: UserReq) => filterView(q.ctx, updateFilter(q.ctx, q.auth.accountId, q.params.id, readFilterInput(q.input)));
  r.put("/api/v2/filters/:id", WRITE, update);
  r.patch("/api/v2/filters/:id", WRITE, update);
  r.delete("/api/v2/filters/:id", WRITE, (q) => {
    deleteFilter(q.ctx, q.auth.accountId, q.params.id);
    return {};
  });
}
