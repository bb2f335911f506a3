#!/usr/bin/env bun
/** CLI entry: `hearth serve | migrate | admin …`. Configuration from env vars and --flags. */
import { ConfigError, flagsToEnv, loadConfig } from "./config";
import { createContext } from "./context";
import { migrate } from "./db/migrate";
import { countUsers } from "./db/queries/users";
import { startServer } from "./server";
import { ADMIN_HELP, runAdmin } from "./cli/admin";
import { HEARTH_VERSION, VERSION_STRING } from "./version";
import { sharpSelfTest } from "./media/sharp";

const HELP = `Hearth ${HEARTH_VERSION}: a lightweight Mastodon-compatible Fediverse server

Usage: hearth <command> [--flags]

Commands:
  serve                   run the server
  migrate                 apply pending database migrations and exit
${ADMIN_HELP}
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
  ALLOW_PRIVATE_ADDRESSES, AUTHORIZED_FETCH, RATE_LIMITS, LOG_LEVEL,
  MEDIA_CACHE_RETENTION_DAYS, REMOTE_STATUS_RETENTION_DAYS, S3_ENABLED, S3_BUCKET, S3_ENDPOINT, S3_REGION,
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, S3_ALIAS_HOST   (see README.md)
`;

/** Parses argv and runs a command; returns the exit code (serve never returns). */
export async function main(argv: string[]): Promise<number> {
  const { env, rest } = flagsToEnv(argv);
  const [cmd, ...args] = rest;
  if (!cmd || cmd === "help" || env.HELP || env.H) {
    console.log(HELP);
    return 0;
  }
  if (cmd === "version") {
    console.log(VERSION_STRING);
    return 0;
  }
  // Hidden: proves the image pipeline (sharp + libvips) loads, e.g. inside the compiled binary.
  if (cmd === "self-test") {
    try {
      console.log(await sharpSelfTest());
      return 0;
    } catch (e) {
      console.error(`hearth: ${(e as Error).message}`);
      return 1;
    }
  }
  if (!["serve", "migrate", "admin"].includes(cmd)) {
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
    ctx.log.info(
      `Hearth ${HEARTH_VERSION} listening on http://${config.bind}:${server.port} as ${ctx.uris.base} (data in ${ctx.config.dataDir})`,
    );
    const n = countUsers(ctx.db);
    if (n === 0) {
      console.log(
        `No accounts yet. Create the owner account with:\n  hearth admin accounts create NAME --email you@example.com --role owner\n(from a checkout: bun src/main.ts admin accounts create NAME --email you@example.com --role owner)`,
      );
    }
    const shutdown = async () => {
      await server.stop();
      ctx.db.close();
      process.exit(0);
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
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
