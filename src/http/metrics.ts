/**
 * Request metrics for Prometheus: a counter of requests by method, route pattern and status and
 * a latency histogram by method and route, kept in memory and written in Prometheus' text
 * exposition format (version 0.0.4) by hand: it is a few lines, and prom-client's default
 * collectors read Node internals Bun does not have. Served on METRICS_PORT (./metrics-server.ts).
 */

/** Latency buckets in seconds (Prometheus' defaults). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The route label of requests no route matched (404s, malformed paths): raw URLs would make a label per scanner probe. */
export const UNMATCHED = "(unmatched)";

/** Escapes a label value for the text format. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** `{a="x",b="y"}` for the given labels ("" when none). */
export function labels(l: Record<string, string>): string {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
}

/** One metric family in the text format: HELP, TYPE and its samples (`name{labels} value`). */
export function family(name: string, type: "counter" | "gauge" | "histogram", help: string, samples: [string, number][]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const [suffix, v] of samples) lines.push(`${suffix} ${Number.isFinite(v) ? v : 0}`);
  return lines.join("\n") + "\n";
}

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

/** Counters and histograms of answered requests; `wrap()` feeds them, `render()` writes them. */
export class HttpMetrics {
  private routes = new WeakMap<Request, string>();
  private requests = new Map<string, { method: string; route: string; status: string; n: number }>();
  private latency = new Map<string, { method: string; route: string; h: Histogram }>();

  /** Remembers which registered path pattern (`/api/v1/accounts/:id`) a request matched. */
  noteRoute(request: Request, route: string): void {
    this.routes.set(request, route);
  }

  /** Counts one answered request and its time in seconds. */
  observe(request: Request, status: number, seconds: number): void {
    const method = METHODS.has(request.method) ? request.method : "OTHER";
    const route = this.routes.get(request) ?? UNMATCHED;
    const key = `${method} ${route} ${status}`;
    const c = this.requests.get(key);
    if (c) c.n++;
    else this.requests.set(key, { method, route, status: String(status), n: 1 });
    const lk = `${method} ${route}`;
    let l = this.latency.get(lk);
    if (!l) this.latency.set(lk, (l = { method, route, h: { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 } }));
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= LATENCY_BUCKETS[i]!) l.h.counts[i]!++;
    l.h.sum += seconds;
    l.h.count++;
  }

  /**
   * An Elysia higher-order function (`app.wrap`): times the whole handling (compression
   * included, so register it last) and counts the answer. A WebSocket upgrade counts as 101.
   */
  wrap() {
    return (handle: (request: Request) => unknown) => async (request: Request) => {
      const started = performance.now();
      const res = await handle(request);
      this.observe(request, res instanceof Response ? res.status : 101, (performance.now() - started) / 1000);
      return res;
    };
  }

  /** The request counter and latency histogram in the text format. */
  render(): string {
    const counts: [string, number][] = [...this.requests.values()].map((c) => [
      `hearth_http_requests_total${labels({ method: c.method, route: c.route, status: c.status })}`,
      c.n,
    ]);
    const buckets: [string, number][] = [];
    for (const { method, route, h } of this.latency.values()) {
      LATENCY_BUCKETS.forEach((le, i) =>
        buckets.push([`hearth_http_request_duration_seconds_bucket${labels({ method, route, le: String(le) })}`, h.counts[i]!]),
      );
      buckets.push([`hearth_http_request_duration_seconds_bucket${labels({ method, route, le: "+Inf" })}`, h.count]);
      buckets.push([`hearth_http_request_duration_seconds_sum${labels({ method, route })}`, h.sum]);
      buckets.push([`hearth_http_request_duration_seconds_count${labels({ method, route })}`, h.count]);
    }
    return (
      family("hearth_http_requests_total", "counter", "HTTP requests answered, by method, route pattern and status.", counts) +
      family(
        "hearth_http_request_duration_seconds",
        "histogram",
        "Time to answer an HTTP request (until the body starts), by route.",
        buckets,
      )
    );
  }
}
