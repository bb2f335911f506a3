/** Route group: server-rendered pages (the first-run page at `/` until an account exists). */
import type { Req, Router } from "../http/route";
import { hasWebClient, indexResponse } from "../web-client";
import { rootPage } from "./root";

export default function register(r: Router): void {
  // Until the owner account exists, `/` explains how to create it (the app could not sign in
  // anyway); afterwards the embedded web client owns `/`, with this page as its fallback.
  r.get<Req>("/", { auth: "none" }, (q) => {
    const anyone = !!q.ctx.db.query("SELECT 1 FROM users LIMIT 1").get();
    if (anyone && hasWebClient()) return indexResponse(q.request.method);
    return rootPage(q);
  });
}
