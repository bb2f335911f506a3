/** Route group: filters (/api/v2/filters with keyword and status sub-resources, and the v1 compatibility endpoints). */
import type { Router } from "../../../http/route";
import v2Filters from "./v2-filters";
import v2Keywords from "./v2-keywords";
import v2Statuses from "./v2-statuses";
import v1Filters from "./v1-filters";

export default function register(r: Router): void {
  // The sub-resources first: /api/v2/filters/keywords/:id must not be read as a filter id.
  v2Keywords(r);
  v2Statuses(r);
  v2Filters(r);
  v1Filters(r);
}
