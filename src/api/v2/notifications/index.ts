/** Route group: grouped notifications (/api/v2/notifications). Placeholder until they land. */
import type { Router } from "../../../http/route";

export default function register(_r: Router): void {}
