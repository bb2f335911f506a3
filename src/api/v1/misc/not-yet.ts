/**
 * Read endpoints of features Hearth does not have yet, answering the empty result a server
 * without such data gives, so clients that load them at start-up (Elk, Phanpy, Ivory…) work.
 * Creating those things still answers 404.
 */
import type { Req, Router } from "../../../http/route";

const EMPTY_LISTS: [path: string, scopes: string[] | null][] = [
  ["/api/v1/domain_blocks", ["read:blocks"]],
  ["/api/v1/announcements", null],
  ["/api/v1/trends", null],
  ["/api/v1/trends/tags", null],
  ["/api/v1/trends/statuses", null],
  ["/api/v1/trends/links", null],
  ["/api/v1/suggestions", ["read"]],
  ["/api/v2/suggestions", ["read"]],
  ["/api/v1/directory", null],
];

/** Registers the empty read endpoints. */
export function registerNotYet(r: Router): void {
  for (const [path, scopes] of EMPTY_LISTS) {
    if (scopes) r.get(path, { scopes }, () => []);
    else r.get<Req>(path, { auth: "optional" }, () => []);
  }
}
