/** Settling background work across several test servers: a thin wrapper over the rig's drainAll. */
import type { TestServer } from "../../rig";
import { drainAll, dueJobs } from "../../rig/drain";

/** Drains every server until no job is due anywhere (at most `maxMs`). */
export async function settle(servers: TestServer[], maxMs = 5000): Promise<void> {
  await drainAll(servers, { maxMs, done: () => !servers.some((s) => dueJobs(s) > 0), pauseMs: 15 });
}
