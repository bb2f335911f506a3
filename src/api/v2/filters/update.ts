/** PUT (or PATCH) /api/v2/filters/:id: change a filter and its keywords → Filter. */
import type { Router, UserReq } from "../../../http/route";
import { filterView } from "../../../db/views/filters";
import { updateFilter } from "../../../services/filters/save";
import { readFilterInput } from "./params";

export default function register(r: Router): void {
  const update = (q: UserReq) => filterView(q.ctx, updateFilter(q.ctx, q.auth.accountId, q.params.id, readFilterInput(q.input)));
  r.put("/api/v2/filters/:id", { scopes: ["write:filters"] }, update);
  r.patch("/api/v2/filters/:id", { scopes: ["write:filters"] }, update);
}
