/** Route group: registers this group's endpoints on the router. */
import type { Router } from "../../../http/route";

export default function register(_r: Router): void {}
