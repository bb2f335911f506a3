/**
 * Seeds a benchmark database: 10,000 remote accounts, 1,000,000 statuses spread over the last
 * year, one local user following 500 of them, and that user's home feed filled the way
 * src/services/feeds does. Bulk rows go in with prepared statements in big transactions.
 */
import { Database } from "bun:sqlite";
import { loadConfig } from "../../src/config";
import { createContext } from "../../src/context";
import { createLogger } from "../../src/log";
import { SEQ } from "../../src/model/ids";
import { createLocalAccount } from "../../src/services/accounts/create-local";
import { createApplication, issueToken } from "../../src/services/oauth/tokens";
import { indexQueuedStatuses } from "../../src/db/queries/search-index";

export interface SeedOptions {
  dataDir: string;
  localDomain: string;
  accounts: number;
  statuses: number;
  follows: number;
  log?: (msg: string) => void;
}

export interface SeedResult {
  token: string;
  accountId: number;
  homeFeedRows: number;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
const WORDS =
  "the a fediverse hearth timeline morning coffee cat garden release bug fix today weather train book music walk code sqlite bun server federation hello world small web".split(
    " ",
  );

/** Deterministic PRNG (mulberry32) so every seed produces the same data set. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Creates the data set in `opts.dataDir` (which must not hold a database yet). */
export async function seed(opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const config = loadConfig({ DATA_DIR: opts.dataDir, LOCAL_DOMAIN: opts.localDomain, PROTOCOL: "http" });
  const ctx = createContext(config, { log: createLogger("error") });
  // The local user and its token go through the real services.
  const { account } = await createLocalAccount(ctx, {
    username: "bench",
    email: "bench@example.com",
    password: "bench-password",
    role: "owner",
  });
  const app = createApplication(ctx, {
    name: "Hearth bench",
    website: null,
    redirectUris: ["urn:ietf:wg:oauth:2.0:oob"],
    scopes: ["read", "write", "follow"],
  });
  const token = issueToken(ctx, {
    applicationId: app.id,
    userId: ctx.db.query<{ id: number }, [number]>("SELECT id FROM users WHERE account_id = ?").get(account.id)!.id,
    scopes: ["read", "write", "follow"],
  }).token;
  ctx.db.close();

  const db = new Database(`${opts.dataDir}/hearth.sqlite`, { strict: true });
  db.exec(
    "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF",
  );
  const rand = rng(42);
  const now = Date.now();
  const start = now - YEAR_MS;

  // Remote accounts on 100 hosts, created before the first status.
  const accountIds: number[] = [];
  const insAccount = db.prepare(
    `INSERT INTO accounts (id, username, domain, display_name, note, uri, url, inbox_url, shared_inbox_url, outbox_url,
       followers_url, following_url, created_at, updated_at, fetched_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < opts.accounts; i++) {
      const id = (start - YEAR_MS + i * 1000) * SEQ + (i % SEQ);
      const host = `remote${i % 100}.example`;
      const user = `user${i}`;
      const actor = `https://${host}/users/${user}`;
      insAccount.run(
        id,
        user,
        host,
        `User ${i}`,
        `<p>Remote account ${i}</p>`,
        actor,
        `https://${host}/@${user}`,
        `${actor}/inbox`,
        `https://${host}/inbox`,
        `${actor}/outbox`,
        `${actor}/followers`,
        `${actor}/following`,
        start - YEAR_MS,
        now,
        now,
      );
      accountIds.push(id);
    }
  })();
  log(`  ${opts.accounts} accounts`);

  // Statuses in id order (cheap B-tree appends): mostly public, some replies and reblogs.
  const insStatus = db.prepare(
    `INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id, reblog_of_id, conversation_id,
       content, visibility, language, created_at, updated_at)
     VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 'en', ?, ?)`,
  );
  const statusIds = new Float64Array(opts.statuses);
  const statusAuthor = new Int32Array(opts.statuses);
  const step = YEAR_MS / opts.statuses;
  const BATCH = 50_000;
  for (let b = 0; b < opts.statuses; b += BATCH) {
    db.transaction(() => {
      for (let i = b; i < Math.min(b + BATCH, opts.statuses); i++) {
        const ms = Math.floor(start + i * step);
        const id = ms * SEQ + (i % SEQ);
        const a = Math.floor(rand() * opts.accounts);
        const accountId = accountIds[a]!;
        const host = `remote${a % 100}.example`;
        const r = rand();
        let replyTo: number | null = null,
          replyToAccount: number | null = null,
          reblogOf: number | null = null;
        if (i > 100 && r < 0.05) {
          const j = Math.floor(rand() * i);
          reblogOf = statusIds[j]!;
        } else if (i > 100 && r < 0.15) {
          const j = Math.floor(rand() * i);
          replyTo = statusIds[j]!;
          replyToAccount = accountIds[statusAuthor[j]!]!;
        }
        const v = rand();
        const visibility = reblogOf !== null ? 0 : v < 0.8 ? 0 : v < 0.9 ? 1 : v < 0.98 ? 2 : 3;
        const words = Array.from({ length: 8 + Math.floor(rand() * 20) }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ");
        const uri = `https://${host}/users/user${a}/statuses/${id}`;
        insStatus.run(
          id,
          uri,
          reblogOf === null ? `https://${host}/@user${a}/${id}` : null,
          accountId,
          replyTo,
          replyToAccount,
          reblogOf,
          id,
          reblogOf === null ? `<p>${words}</p>` : "",
          visibility,
          ms,
          ms,
        );
        statusIds[i] = id;
        statusAuthor[i] = a;
      }
    })();
    // Their search entries, as the server's jobs fold them in (migration 0039): one segment per batch.
    indexQueuedStatuses(db);
    if ((b / BATCH) % 4 === 3) log(`  ${b + BATCH} statuses`);
  }

  db.transaction(() => {
    db.exec(`UPDATE accounts SET statuses_count = c.n, last_status_at = c.last / ${SEQ}
             FROM (SELECT account_id, count(*) AS n, max(id) AS last FROM statuses GROUP BY account_id) AS c
             WHERE c.account_id = accounts.id`);
    // The local user follows `follows` accounts (every 20th), and its home feed holds their
    // statuses as fanOutStatus would have put them there (direct ones only when mentioned: none).
    const insFollow = db.prepare("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)");
    const stride = Math.max(1, Math.floor(opts.accounts / opts.follows));
    for (let k = 0; k < opts.follows; k++) insFollow.run((start - YEAR_MS / 2) * SEQ + k, account.id, accountIds[k * stride]!, start);
    db.query("UPDATE accounts SET following_count = ? WHERE id = ?").run(opts.follows, account.id);
    db.query(`UPDATE accounts SET followers_count = 1 WHERE id IN (SELECT target_account_id FROM follows WHERE account_id = ?)`).run(
      account.id,
    );
    db.query(
      `INSERT OR IGNORE INTO home_feeds (account_id, status_id)
       SELECT f.account_id, s.id FROM follows f JOIN statuses s ON s.account_id = f.target_account_id
       WHERE f.account_id = ? AND s.visibility < 3 AND (s.reblog_of_id IS NULL OR f.show_reblogs = 1)`,
    ).run(account.id);
  })();
  const homeFeedRows = db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM home_feeds WHERE account_id = ?").get(account.id)!.n;
  log(`  ${opts.follows} follows, ${homeFeedRows} home feed rows; analyzing`);
  db.exec("ANALYZE");
  db.exec("PRAGMA journal_mode = DELETE");
  db.close();
  return { token, accountId: account.id, homeFeedRows };
}
