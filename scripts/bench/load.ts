/**
 * A small closed-loop load generator: N clients each send one request at a time for a fixed
 * duration (bounded also by a request cap) and record latency and status of every response.
 */

export interface Scenario {
  name: string;
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  /** Body for request number `i` (POST scenarios). */
  body?: (i: number) => string;
}

export interface LoadResult {
  name: string;
  requests: number;
  ok: number;
  /** Count per non-2xx status code. */
  statuses: Record<number, number>;
  errors: number;
  firstProblem: string | null;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

/** The q-quantile (0..1) of sorted latencies in ms. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Runs `s` with `clients` concurrent loops for `seconds`, stopping early after `maxRequests`. */
export async function runLoad(
  s: Scenario,
  opts: { clients: number; seconds: number; maxRequests: number; record?: boolean },
): Promise<LoadResult> {
  const latencies = new Float64Array(opts.maxRequests);
  const statuses: Record<number, number> = {};
  let n = 0,
    ok = 0,
    errors = 0;
  let firstProblem: string | null = null;
  const t0 = performance.now();
  const deadline = t0 + opts.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline && n < opts.maxRequests) {
      const i = n++;
      const start = performance.now();
      try {
        const res = await fetch(s.url, { method: s.method, headers: s.headers, body: s.body?.(i) });
        const text = await res.text();
        latencies[i] = performance.now() - start;
        if (res.status >= 200 && res.status < 300) ok++;
        else {
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          firstProblem ??= `${res.status} ${text.slice(0, 120)}`;
        }
      } catch (e) {
        latencies[i] = performance.now() - start;
        errors++;
        firstProblem ??= String((e as Error).message ?? e).slice(0, 120);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, client));
  const seconds = (performance.now() - t0) / 1000;
  const sorted = latencies.slice(0, n).sort();
  return {
    name: s.name,
    requests: n,
    ok,
    statuses,
    errors,
    firstProblem,
    seconds,
    rps: n / seconds,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}
