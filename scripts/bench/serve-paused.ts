/**
 * Bench only: `hearth serve` with the job runner and cron not started, so that the perf suite
 * measures the CPU of a POST request alone. SIGUSR2 runs every queued job (JobRunner.drain),
 * whose CPU the suite measures separately; SIGTERM stops. Environment as for `hearth serve`.
 */
import { loadConfig } from "../../src/config";
import { createContext } from "../../src/context";
import { startServer } from "../../src/server";

const ctx = createContext(loadConfig(process.env), {});
const server = startServer(ctx, { runJobs: false });
let draining = false;
process.on("SIGUSR2", async () => {
  if (draining) return;
  draining = true;
  try {
    while ((await server.runner.drain()) > 0) {}
  } finally {
    draining = false;
  }
});
process.on("SIGTERM", async () => {
  await server.stop();
  ctx.db.close();
  process.exit(0);
});
