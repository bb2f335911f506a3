/** Route group: server-rendered account security pages (two-factor, sessions, authorized apps). Placeholder. */
import type { Router } from "../../http/route";

export default function register(_r: Router): void {}
