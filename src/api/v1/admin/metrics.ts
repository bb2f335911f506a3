/**
 * The dashboard endpoints of Mastodon's admin API (View Dashboard, admin:read):
 * POST /api/v1/admin/measures, /api/v1/admin/dimensions and /api/v1/admin/retention.
 */
import type { Router } from "../../../http/route";
import { int, strArr } from "../../../http/params";
import { dimensions, measures, retention } from "../../../services/admin/metrics";
import { staff } from "./staff";

const READ = ["admin:read"];

/** Registers the endpoints. */
export default function register(r: Router): void {
  r.post("/api/v1/admin/measures", { scopes: READ }, (q) => {
    staff(q, "view_dashboard");
    return measures(q.ctx, strArr(q.input, "keys") ?? [], q.input.start_at, q.input.end_at, q.input);
  });
  r.post("/api/v1/admin/dimensions", { scopes: READ }, (q) => {
    staff(q, "view_dashboard");
    const limit = int(q.input, "limit", { min: 1, max: 100 }) ?? 10;
    return dimensions(q.ctx, strArr(q.input, "keys") ?? [], q.input.start_at, q.input.end_at, limit, q.input);
  });
  r.post("/api/v1/admin/retention", { scopes: READ }, (q) => {
    staff(q, "view_dashboard");
    return retention(q.ctx, q.input.start_at, q.input.end_at, q.input.frequency);
  });
}
