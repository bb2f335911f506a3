/** Route group: the admin API (/api/v1/admin/*). Placeholder until moderation lands. */
import type { Router } from "../../../http/route";

export default function register(_r: Router): void {}
