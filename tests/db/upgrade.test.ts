/**
 * Safe upgrades: a populated database at every earlier schema version (migrations 1..k applied
 * to a fresh file, rows inserted with the columns that version has) is backed up and migrated
 * by the current binary's startup, keeps its rows, and is served through the API.
 */
import { afterAll, expect, test } from "bun:test";
import type { Database } from "bun:sqlite";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../src/config";
import { createContext } from "../../src/context";
import { openDatabase } from "../../src/db/connection";
import { appliedMigrations } from "../../src/db/migrate";
import { MIGRATIONS } from "../../src/db/migration-files";
import { createLogger } from "../../src/log";
import { startServer } from "../../src/server";
import type { BackupManifest } from "../../src/services/backup/manifest";
import { freePort } from "../rig";

const work = mkdtempSync(join(tmpdir(), "hearth-upgrade-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const T = Date.UTC(2024, 0, 1);
const ALICE = 1001;
const BOB = 1002;
const STATUS = 2001;
const REPLY = 2002;
const MEDIA = 3001;

/** Representative rows as any schema version stores them; only the columns a version has are used. */
function rows(domain: string): [table: string, values: Record<string, unknown>][] {
  const base = `http://${domain}`;
  return [
    ["settings", { key: "local_domain", value: domain }],
    ["settings", { key: "protocol", value: "http" }],
    ["settings", { key: "secret", value: "0".repeat(64) }],
    [
      "accounts",
      {
        id: ALICE,
        username: "alice",
        display_name: "Alice",
        note: "<p>hello</p>",
        uri: `${base}/users/alice`,
        url: `${base}/@alice`,
        inbox_url: `${base}/users/alice/inbox`,
        public_key_pem: "-----BEGIN PUBLIC KEY-----\n-----END PUBLIC KEY-----",
        private_key_pem: "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----",
        statuses_count: 1,
        following_count: 1,
        last_status_at: T,
        created_at: T,
        updated_at: T,
      },
    ],
    [
      "accounts",
      {
        id: BOB,
        username: "bob",
        domain: "remote.example",
        uri: "https://remote.example/users/bob",
        url: "https://remote.example/@bob",
        inbox_url: "https://remote.example/users/bob/inbox",
        statuses_count: 1,
        followers_count: 1,
        fetched_at: T,
        created_at: T,
        updated_at: T,
      },
    ],
    [
      "users",
      {
        id: 1,
        account_id: ALICE,
        email: "alice@example.com",
        password_hash: "x",
        role: "owner",
        confirmed_at: T,
        created_at: T,
        updated_at: T,
      },
    ],
    [
      "statuses",
      {
        id: STATUS,
        uri: `${base}/users/alice/statuses/${STATUS}`,
        url: `${base}/@alice/${STATUS}`,
        account_id: ALICE,
        local: 1,
        text: "a picture",
        content: "<p>a picture</p>",
        media_ids: JSON.stringify([MEDIA]),
        favourites_count: 1,
        replies_count: 1,
        created_at: T,
        updated_at: T,
      },
    ],
    [
      "statuses",
      {
        id: REPLY,
        uri: "https://remote.example/users/bob/statuses/1",
        account_id: BOB,
        local: 0,
        in_reply_to_id: STATUS,
        in_reply_to_account_id: ALICE,
        content: "<p>nice</p>",
        created_at: T + 1,
        updated_at: T + 1,
      },
    ],
    [
      "media_attachments",
      {
        id: MEDIA,
        account_id: ALICE,
        status_id: STATUS,
        type: "image",
        file_key: `media_attachments/files/${MEDIA}/original/a.png`,
        thumbnail_key: `media_attachments/files/${MEDIA}/small/a.png`,
        content_type: "image/png",
        file_size: 100,
        description: "a gradient",
        meta: JSON.stringify({ original: { width: 4, height: 3 } }),
        created_at: T,
        updated_at: T,
      },
    ],
    ["follows", { id: 4001, account_id: ALICE, target_account_id: BOB, uri: `${base}/follows/1`, created_at: T }],
    ["favourites", { id: 5001, account_id: BOB, status_id: STATUS, uri: "https://remote.example/likes/1", created_at: T }],
  ];
}

/** Inserts a row with the columns `table` has at this version; a required column we know nothing of fails the test. */
function insert(db: Database, table: string, values: Record<string, unknown>, version: string): void {
  const cols = db.query<{ name: string; notnull: number; dflt_value: unknown; pk: number }, []>(`PRAGMA table_info("${table}")`).all();
  if (cols.length === 0) return; // the table comes later
  const names = cols.filter((c) => c.name in values).map((c) => c.name);
  for (const c of cols)
    if (c.notnull && c.dflt_value === null && !c.pk && !(c.name in values))
      throw new Error(`${table}.${c.name} is required at ${version}: give it a value in tests/db/upgrade.test.ts`);
  db.query(`INSERT INTO "${table}" (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")})`).run(
    ...(names.map((n) => values[n]) as never[]),
  );
}

/** A database file at schema version k (migrations 1..k), populated. */
function databaseAt(dir: string, k: number, domain: string): void {
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, "hearth.sqlite"));
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  for (const m of MIGRATIONS.slice(0, k)) {
    db.exec(m.sql);
    db.query("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").run(m.name, T);
  }
  const version = MIGRATIONS[k - 1]!.name;
  db.transaction(() => {
    for (const [table, values] of rows(domain)) insert(db, table, values, version);
  })();
  db.close();
}

test.each(MIGRATIONS.slice(0, -1).map((m, i) => [m.name, i + 1] as const))(
  "a populated database at %s is backed up, migrated and served",
  async (name, k) => {
    const dir = join(work, name);
    const port = freePort();
    const domain = `127.0.0.1:${port}`;
    databaseAt(dir, k, domain);

    const ctx = createContext(loadConfig({ DATA_DIR: dir, PORT: String(port), RATE_LIMITS: "false" }), { log: createLogger("error") });
    const server = startServer(ctx, { port, hostname: "127.0.0.1", runJobs: false });
    try {
      expect(appliedMigrations(ctx.db)).toEqual(MIGRATIONS.map((m) => m.name).sort());
      // The automatic backup before migrating holds the database as this version left it.
      const backups = readdirSync(join(dir, "backups"));
      expect(backups).toHaveLength(1);
      expect(backups[0]).toMatch(new RegExp(`^pre-migrate-${name.slice(0, 4)}-\\d{8}T\\d{6}Z$`));
      const manifest = JSON.parse(readFileSync(join(dir, "backups", backups[0]!, "manifest.json"), "utf8")) as BackupManifest;
      expect([manifest.kind, manifest.schema_version, manifest.migrations]).toEqual(["pre-migrate", name, k]);
      expect([manifest.tables.accounts, manifest.tables.statuses, manifest.tables.follows]).toEqual([2, 2, 1]);

      const count = (t: string) => (ctx.db.query(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
      expect([
        count("accounts"),
        count("users"),
        count("statuses"),
        count("follows"),
        count("media_attachments"),
        count("favourites"),
      ]).toEqual([2, 1, 2, 1, 1, 1]);
      const base = `http://${domain}`;
      const account = (await (await fetch(`${base}/api/v1/accounts/${ALICE}`)).json()) as any;
      expect([account.username, account.display_name, account.statuses_count, account.following_count]).toEqual(["alice", "Alice", 1, 1]);
      const res = await fetch(`${base}/api/v1/statuses/${STATUS}`);
      expect(res.status).toBe(200);
      const status = (await res.json()) as any;
      expect(status.content).toBe("<p>a picture</p>");
      expect(status.account.id).toBe(String(ALICE));
      expect([status.favourites_count, status.replies_count]).toEqual([1, 1]);
      expect(status.media_attachments.map((m: any) => [m.id, m.type, m.description])).toEqual([[String(MEDIA), "image", "a gradient"]]);
      const context = (await (await fetch(`${base}/api/v1/statuses/${STATUS}/context`)).json()) as any;
      expect(context.descendants.map((d: any) => d.id)).toEqual([String(REPLY)]);
      const following = (await (await fetch(`${base}/api/v1/accounts/${ALICE}/following`)).json()) as any[];
      expect(following.map((a) => a.acct)).toEqual(["bob@remote.example"]);
    } finally {
      await server.stop();
      ctx.db.close();
    }
    // Starting again finds nothing to migrate and takes no further backup.
    const again = createContext(loadConfig({ DATA_DIR: dir, PORT: String(port) }), { log: createLogger("error") });
    again.db.close();
    expect(readdirSync(join(dir, "backups"))).toHaveLength(1);
    expect(existsSync(join(dir, "hearth.sqlite"))).toBe(true);
  },
  30_000,
);

test("a new data directory is created without a backup", () => {
  const dir = join(work, "fresh");
  const ctx = createContext(loadConfig({ DATA_DIR: dir }), { log: createLogger("error") });
  ctx.db.close();
  expect(existsSync(join(dir, "backups"))).toBe(false);
});
