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
import { S3Storage } from "./media/s3-storage";
import { DiskStorage, type Storage } from "./media/storage";
import { IdGenerator } from "./model/ids";
import { Uris } from "./model/uris";
import { StreamHub } from "./streaming/hub";
import { generateKeys } from "./services/accounts/keys";

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
}

/**
 * A data directory belongs to one LOCAL_DOMAIN and PROTOCOL forever (they are in every URI
 * others stored). The first use records them; later runs that leave them unset adopt the
 * recorded ones (so `hearth admin …` needs no repeat of the server's settings), and runs that
 * set different ones stop with a clear error.
 */
function pinIdentity(db: Database, config: Config): Config {
  const get = (k: string) => getSetting(db, k);
  const pinned = { localDomain: get("local_domain"), protocol: get("protocol") };
  const next = { ...config };
  for (const [key, env] of [
    ["localDomain", "LOCAL_DOMAIN"],
    ["protocol", "PROTOCOL"],
  ] as const) {
    const stored = pinned[key];
    if (stored === undefined) {
      insertSettingIfAbsent(db, key === "localDomain" ? "local_domain" : "protocol", config[key]);
    } else if (stored !== config[key]) {
      if (config.explicit[key]) {
        throw new ConfigError(
          `${env} is "${config[key]}" but the data in ${config.dataDir} belongs to "${stored}"; it cannot change once an instance has started`,
        );
      }
      (next as any)[key] = stored;
    }
  }
  return next;
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
    log: opts.log ?? createLogger(),
    now,
    secret,
    hashPassword: opts.hashPassword ?? ((pw) => Bun.password.hash(pw, { algorithm: "argon2id" })),
    newKeyPair: opts.newKeyPair ?? generateKeys,
    hub: new StreamHub(),
    outbound: createOutbound(opts.outbound),
  };
}
