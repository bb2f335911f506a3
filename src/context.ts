/** AppContext: everything a service, route or job needs, passed explicitly (no singletons). */
import type { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, type Config } from "./config";
import { openDatabase } from "./db/connection";
import { migrate } from "./db/migrate";
import { getSetting, insertSettingIfAbsent } from "./db/queries/settings";
import { JobQueue } from "./db/job-queue";
import { createLogger, type Logger } from "./log";
import { createOutbound, type Outbound } from "./activitypub/outbound/pinned";
import { createMailer, type Mailer } from "./mail/transport";
import { S3Storage } from "./media/s3-storage";
import { DiskStorage, type Storage } from "./media/storage";
import { IdGenerator } from "./model/ids";
import { Uris } from "./model/uris";
import { StreamHub } from "./streaming/hub";
import { generateKeys } from "./services/accounts/keys";
import { backupIfUpgrading } from "./services/backup/create";

export interface AppContext {
  config: Config;
  db: Database;
  jobs: JobQueue;
  ids: IdGenerator;
  uris: Uris;
  storage: Storage;
  log: Logger;
  /** The clock; tests may freeze it. */
  now: () => number;
  /** Instance-wide secret (random, kept in the settings table). */
  secret: string;
  /** Hashes a password with argon2id (the test rig lowers the cost). */
  hashPassword: (password: string) => Promise<string>;
  /** A new RSA-2048 key pair for a local actor (the test rig reuses pregenerated ones). */
  newKeyPair: () => Promise<{ publicKey: string; privateKey: string }>;
  /** The streaming hub: open WebSocket and SSE connections and their subscriptions. */
  hub: StreamHub;
  /** How outbound HTTP resolves names and connects to the checked address (tests inject both). */
  outbound: Outbound;
  /** Sends mail over SMTP (null without SMTP_SERVER); only the `mail.send` job uses it. */
  mailer: Mailer | null;
}

/**
 * A data directory belongs to one LOCAL_DOMAIN, WEB_DOMAIN and PROTOCOL forever (they are in
 * every handle and URI others stored). The first use records them; later runs that leave them
 * unset adopt the recorded ones (so `hearth admin …` needs no repeat of the server's settings),
 * and runs that set different ones stop with an error that says what to do instead. A data
 * directory from before WEB_DOMAIN existed served its URIs on LOCAL_DOMAIN.
 */
function pinIdentity(db: Database, config: Config): Config {
  const stored = {
    localDomain: getSetting(db, "local_domain"),
    webDomain: getSetting(db, "web_domain") ?? getSetting(db, "local_domain"),
    protocol: getSetting(db, "protocol"),
  };
  const next = { ...config };
  // WEB_DOMAIN defaults to the LOCAL_DOMAIN in effect, so LOCAL_DOMAIN is settled first.
  for (const [key, env, setting] of [
    ["localDomain", "LOCAL_DOMAIN", "local_domain"],
    ["webDomain", "WEB_DOMAIN", "web_domain"],
    ["protocol", "PROTOCOL", "protocol"],
  ] as const) {
    const want = key === "webDomain" && !config.explicit.webDomain ? next.localDomain : config[key];
    const recorded = stored[key];
    if (recorded === undefined) {
      next[key] = want as never;
    } else if (recorded !== want && config.explicit[key]) {
      throw new ConfigError(refusal(env, want, recorded, config.dataDir));
    } else {
      next[key] = recorded as never;
    }
    insertSettingIfAbsent(db, setting, next[key]);
  }
  return next;
}

/** The one-line refusal for a changed identity setting, saying what to do instead. */
function refusal(env: string, want: string, recorded: string, dataDir: string): string {
  return (
    `${env} is "${want}" but the data in ${dataDir} belongs to "${recorded}", and handles and URIs cannot change once an instance has started: ` +
    `unset ${env} (or set it to "${recorded}") to run this instance (PORT and BIND may change freely), ` +
    `or start a new instance with another DATA_DIR for "${want}" and move accounts to it with "hearth admin accounts move" (README: "Moving to another port or domain")`
  );
}

/** Opens the data dir and database, applies migrations and builds the context. */
export function createContext(
  config: Config,
  opts: {
    now?: () => number;
    log?: Logger;
    hashPassword?: AppContext["hashPassword"];
    newKeyPair?: AppContext["newKeyPair"];
    outbound?: Partial<Outbound>;
  } = {},
): AppContext {
  mkdirSync(config.dataDir, { recursive: true });
  const db = openDatabase(join(config.dataDir, "hearth.sqlite"));
  // A newer binary on an older database: keep a copy of the database as it was before migrating.
  let saved: string | null;
  try {
    saved = backupIfUpgrading(db, config);
  } catch (e) {
    db.close();
    throw new ConfigError((e as Error).message);
  }
  if (saved) (opts.log ?? console).warn(`database backed up to ${saved} before migrating`);
  migrate(db);
  config = pinIdentity(db, config);
  const now = opts.now ?? Date.now;
  const uris = new Uris(config);
  let secret = getSetting(db, "secret");
  if (!secret) {
    secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("hex");
    insertSettingIfAbsent(db, "secret", secret);
  }
  return {
    config,
    db,
    jobs: new JobQueue(db, now),
    ids: new IdGenerator(now),
    uris,
    storage: config.s3 ? new S3Storage(config.s3) : new DiskStorage(join(config.dataDir, "media"), (key) => uris.media(key)),
    log: opts.log ?? createLogger(undefined, config.logFormat),
    now,
    secret,
    hashPassword: opts.hashPassword ?? ((pw) => Bun.password.hash(pw, { algorithm: "argon2id" })),
    newKeyPair: opts.newKeyPair ?? generateKeys,
    hub: new StreamHub(),
    outbound: createOutbound(opts.outbound),
    mailer: config.smtp ? createMailer(config.smtp) : null,
  };
}
