/** Route group: registers this group's endpoints on the router (r.app is the Elysia app for raw routes). */
import type { Router } from "../../http/route";

export default function register(_r: Router): void {}
