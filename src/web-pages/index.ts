/** Route group: server-rendered pages (the root page while the web client is absent). */
import type { Req, Router } from "../http/route";
import { hasWebClient } from "../web-client";
import { rootPage } from "./root";

export default function register(r: Router): void {
  // The embedded web client owns `/` when it was built; this page is the fallback.
  if (!hasWebClient()) r.get<Req>("/", { auth: "none" }, rootPage);
}
