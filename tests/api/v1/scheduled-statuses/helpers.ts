/** Shared setup for the scheduled statuses API tests: a server with a clock the test moves. */
import { startTestServer, type TestServer } from "../../../rig";

export const MIN = 60 * 1000;

/** A test server whose clock is `clock.now` (jobs run only in drain()). */
export async function clockedServer(): Promise<{ s: TestServer; clock: { now: number } }> {
  const clock = { now: Date.UTC(2031, 4, 6, 9, 0, 0) };
  const s = await startTestServer({ now: () => clock.now, runJobs: false });
  return { s, clock };
}

/** An ISO time `ms` after the server's now. */
export const inFuture = (clock: { now: number }, ms: number) => new Date(clock.now + ms).toISOString();
