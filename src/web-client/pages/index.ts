/** Route group: server-rendered public pages (/@user, /@user/:id) for browsers. */
import type { Router } from "../../http/route";

export default function register(_r: Router): void {}
