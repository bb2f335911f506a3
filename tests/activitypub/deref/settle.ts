/** Settling background work across several test servers (each runs its own job runner). */
import type { TestServer } from "../../rig";

/** Drains every server until no job is due or running anywhere (at most `maxMs`). */
export async function settle(servers: TestServer[], maxMs = 5000): Promise<void> {
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    for (const s of servers) await s.drain();
    const busy = servers.some((s) => s.count("jobs", "run_at <= ?", s.ctx.now()) > 0);
    if (!busy) return;
    await Bun.sleep(15);
  }
}
