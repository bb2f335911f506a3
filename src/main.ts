#!/usr/bin/env bun
/** CLI entry: `hearth serve | migrate | admin …`. Configuration from env vars and --flags. */
import { ConfigError, flagsToEnv, loadConfig } from "./config";
import { currentInvocation, needsCwd, selfCommand } from "./config/invocation";
import { execWithAllocatorSettings } from "./config/allocator";
import { createContext } from "./context";
import { migrate } from "./db/migrate";
import { countUsers } from "./db/queries/users";
import { startServer } from "./server";
import { ADMIN_HELP, runAdmin } from "./cli/admin";
import { DOCTOR_HELP, runDoctor } from "./cli/doctor";
import { BACKUP_HELP, runBackupCommand, runRestoreCommand } from "./cli/backup";
import { checkpointWal } from "./db/backup";
import { shrinkDatabaseMemory } from "./db/maintenance";
import { HEARTH_VERSION, VERSION_STRING } from "./version";
import { ffmpegSelfTest } from "./media/ffmpeg";
import { sharpSelfTest } from "./media/sharp";

const HELP = `Hearth ${HEARTH_VERSION}: a lightweight Mastodon-compatible Fediverse server

Usage: hearth <command> [--flags]

Commands:
  serve                   run the server
  migrate                 apply pending database migrations and exit
                          (a database-only backup is taken first, see BACKUP_DIR)
${BACKUP_HELP}
${ADMIN_HELP}
${DOCTOR_HELP}
  version                 print the version
  help                    show this help

Configuration (environment variables, each also a flag: PORT=3000 or --port 3000):
  LOCAL_DOMAIN   domain in handles and URIs (default localhost:3000)
  PORT           port to listen on (default 3000)
  BIND           address to listen on (default 127.0.0.1)
  DATA_DIR       where the database, media and keys live (default ./data)
  PROTOCOL       https or http: the scheme of every public URL (default https)
  REGISTRATIONS  open, approval or closed (default closed)
  INSTANCE_TITLE the instance's name (default Hearth)
  ALLOW_PRIVATE_ADDRESSES, AUTHORIZED_FETCH, RATE_LIMITS, LOG_LEVEL, LOG_FORMAT (text|json),
  METRICS_PORT (Prometheus, off by default), METRICS_BIND (default 127.0.0.1),
  MEDIA_CACHE_RETENTION_DAYS, REMOTE_STATUS_RETENTION_DAYS, S3_ENABLED, S3_BUCKET, S3_ENDPOINT, S3_REGION,
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, S3_ALIAS_HOST,
  BACKUP_DIR (daily backups: a folder or s3://bucket/prefix), BACKUP_KEEP (default 7)   (see README.md)
`;

/** After this long from listening, start-up's garbage is collected once (without waiting for the idle reclaim). */
const START_UP_SETTLE_MS = 1000;

/** Parses argv and runs a command; returns the exit code (serve never returns). */
export async function main(argv: string[]): Promise<number> {
  const { env, rest } = flagsToEnv(argv);
  const [cmd, ...args] = rest;
  // The binary starts with JavaScriptCore's tier-up held back (scripts/build.ts): only the server's
  // start-up is run-once code; every other command may loop over the whole database.
  if (cmd !== "serve") Bun.unsafe.setJITPolicy(1);
  // The server runs with mimalloc handing freed memory back at once (src/config/allocator.ts).
  else execWithAllocatorSettings();
  if (!cmd || cmd === "help" || env.HELP || env.H) {
    console.log(HELP);
    return 0;
  }
  if (cmd === "version") {
    console.log(VERSION_STRING);
    return 0;
  }
  // Hidden: proves the image pipeline (sharp + libvips) loads and FFmpeg runs, e.g. inside the compiled binary.
  // Loads the configuration itself: a bad one is a failed check, reported as one.
  if (cmd === "doctor") return runDoctor({ ...process.env, ...env });
  if (cmd === "self-test") {
    try {
      console.log(await sharpSelfTest());
      console.log(await ffmpegSelfTest());
      return 0;
    } catch (e) {
      console.error(`hearth: ${(e as Error).message}`);
      return 1;
    }
  }
  if (!["serve", "migrate", "admin", "backup", "restore"].includes(cmd)) {
    console.error(`hearth: unknown command "${cmd}" (try hearth --help)`);
    return 2;
  }
  let config;
  try {
    config = loadConfig({ ...process.env, ...env });
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`hearth: ${e.message}`);
      return 1;
    }
    throw e;
  }
  // Backup and restore work beside a running server and never migrate or create a database.
  if (cmd === "backup") return runBackupCommand(config, { ...process.env, ...env }, args);
  if (cmd === "restore") return runRestoreCommand(config, { ...process.env, ...env }, args);
  let context: ReturnType<typeof createContext>;
  try {
    context = createContext(config, {});
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`hearth: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const ctx = context;
  if (cmd === "migrate") {
    const applied = migrate(ctx.db);
    console.log(applied.length ? `applied ${applied.join(", ")}` : "database is up to date");
    return 0;
  }
  if (cmd === "admin") {
    return runAdmin(ctx, args.concat(Object.entries(env).flatMap(([k, v]) => [`--${k.toLowerCase().replace(/_/g, "-")}`, v])));
  }
  if (cmd === "serve") {
    const server = startServer(ctx);
    // Start-up is done: hot code may be compiled again (scripts/build.ts held it back), and once the
    // job runner's first poll has run, what start-up allocated and left (migrations, route tables,
    // SQLite's cache of the pages it read) is given back: ~2 MB of 17 MB anonymous memory.
    Bun.unsafe.setJITPolicy(1);
    setTimeout(() => {
      if (stopping) return;
      Bun.gc(true);
      shrinkDatabaseMemory(ctx.db);
    }, START_UP_SETTLE_MS).unref();
    ctx.log.info(
      `Hearth ${HEARTH_VERSION} listening on http://${config.bind}:${server.port} as ${ctx.uris.base} (data in ${ctx.config.dataDir})`,
    );
    console.log(`Open ${ctx.uris.base}/ in a browser: the web client (sign in there or with any Mastodon app).`);
    if (countUsers(ctx.db) === 0) {
      // The command as this process was started (./dist/hearth from `make run`, hearth on the PATH, bun src/main.ts…).
      const self = currentInvocation(ctx.config.dataDir);
      console.log(
        `No accounts yet. In another terminal${needsCwd(self) ? `, in ${process.cwd()}` : ""}, create the owner account (NAME is its username; the command prints the password):\n` +
          `  ${selfCommand(self)} admin accounts create NAME --email you@example.com --role owner`,
      );
    }
    let stopping = false;
    // SIGTERM (systemd stop): stop accepting, let requests and jobs finish (10 s at most), fold the WAL into the database, exit 0.
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      ctx.log.info(`${signal}: stopping (requests and jobs get up to 10 s)`);
      const { requestsDone, jobsDone } = await server.shutdown(10_000);
      if (!requestsDone) ctx.log.warn("requests still running after 10 s were cut off");
      if (!jobsDone) ctx.log.warn("jobs still running after 10 s stay queued and run again after the restart");
      const wal = checkpointWal(ctx.db);
      if (wal.busy) ctx.log.warn("WAL checkpoint could not finish: another process is reading the database");
      ctx.db.close();
      ctx.log.info("stopped");
      process.exit(0);
    };
    process.on("SIGINT", () => void shutdown("SIGINT"));
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
    return await new Promise<number>(() => {});
  }
  console.error(`hearth: unknown command "${cmd}" (try hearth --help)`);
  return 2;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
