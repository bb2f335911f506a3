/**
 * GET /health as Mastodon's HealthController answers it: 200 `OK` as text/plain, no token, no
 * database work, so a reverse proxy or monitor can poll it as often as it likes. A raw route:
 * it skips the rate limits, which a health check should never trip.
 */
import type { Router } from "../http/route";

const health = (method: string) =>
  new Response(method === "HEAD" ? null : "OK", {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

export default function register(r: Router): void {
  const app = r.app as any;
  app.get("/health", ({ request }: { request: Request }) => health(request.method));
  app.head("/health", ({ request }: { request: Request }) => health(request.method));
}
