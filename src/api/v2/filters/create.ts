/** POST /api/v2/filters: create a filter (with keywords_attributes[]) → Filter. */
import type { Router } from "../../../http/route";
import { filterView } from "../../../db/views/filters";
import { createFilter } from "../../../services/filters/save";
import { readFilterInput } from "./params";

export default function register(r: Router): void {
  r.post("/api/v2/filters", { scopes: ["write:filters"] }, (q) =>
    filterView(q.ctx, createFilter(q.ctx, q.auth.accountId, readFilterInput(q.input))),
  );
}
