/**
 * Test fixtures. The named ones (`local_account_1`, `remote_account_1`, …) are made once per
 * server at fixed ids and fixed times (`loadFixtures`, or `startTestServer({ fixtures: true })`).
 * The row helpers write rows directly (no HTTP) for per-folder test setups: statuses with their
 * mentions, tags, media and pins (fanned out to home feeds the way the real services do),
 * remote accounts, media, follows and blocks. The rig is the one place tests hold such SQL.
 */
import type { AppContext } from "../../src/context";
import type { AccountRow, StatusRow } from "../../src/db/rows";
import { SEQ } from "../../src/model/ids";
import { fanOutStatus } from "../../src/services/feeds";
import type { TestServer, TestUser } from "./index";

/** Where a frozen rig clock stands (after every fixture time). */
export const FROZEN_AT = Date.parse("2025-01-01T12:00:00.000Z");

/** When each named fixture was made; its id is that time's first snowflake (`fixtureId`). */
export const FIXTURE_TIMES = {
  local_account_1: Date.parse("2024-01-01T10:00:00.000Z"),
  local_account_2: Date.parse("2024-01-02T10:00:00.000Z"),
  admin_account: Date.parse("2024-01-03T10:00:00.000Z"),
  remote_account_1: Date.parse("2024-01-04T10:00:00.000Z"),
  remote_account_2: Date.parse("2024-01-05T10:00:00.000Z"),
  local_account_1_status_1: Date.parse("2024-01-06T10:00:00.000Z"),
  local_account_2_status_1: Date.parse("2024-01-07T10:00:00.000Z"),
} as const;

export type FixtureName = keyof typeof FIXTURE_TIMES;

/** The fixed id of a named fixture. */
export function fixtureId(name: FixtureName): number {
  return FIXTURE_TIMES[name] * SEQ;
}

/** The named fixtures of one rig server. */
export interface Fixtures {
  /** A plain local user (username `local_account_1`). */
  local_account_1: TestUser;
  /** Another plain local user (username `local_account_2`). */
  local_account_2: TestUser;
  /** A local admin (username `admin_account`, role admin, admin scopes). */
  admin_account: TestUser;
  /** `remote_account_1@remote-one.example`. */
  remote_account_1: AccountRow;
  /** `remote_account_2@remote-two.example`. */
  remote_account_2: AccountRow;
  /** A public post by local_account_1: "hello from local_account_1 #hearth". */
  local_account_1_status_1: StatusRow;
  /** An unlisted post by local_account_2: "unlisted hello". */
  local_account_2_status_1: StatusRow;
}

function expectId(name: FixtureName, id: number): void {
  if (id !== fixtureId(name))
    throw new Error(`fixture ${name} got id ${id}, not ${fixtureId(name)}: load fixtures first, on a fresh server`);
}

/**
 * Makes the named fixtures on a fresh server, each at its fixed time (so at its fixed id),
 * through the real services (accounts) and the API (statuses). Throws if an id comes out
 * different (something was made before them).
 */
export async function loadFixtures(s: TestServer): Promise<Fixtures> {
  const at = <T>(name: FixtureName, fn: () => Promise<T>) => s.clock.pinned(FIXTURE_TIMES[name], fn);
  const user = async (name: "local_account_1" | "local_account_2" | "admin_account", o: Parameters<TestServer["createUser"]>[1] = {}) => {
    const u = await at(name, () => s.createUser(name, o));
    expectId(name, u.account.id);
    return u;
  };
  const remote = (name: "remote_account_1" | "remote_account_2", domain: string) =>
    at(name, async () => {
      const row = insertRemoteAccount(s.ctx, name, domain, {
        url: `https://${domain}/@${name}`,
        display_name: name.replace(/_/g, " "),
        inbox_url: `https://${domain}/users/${name}/inbox`,
        shared_inbox_url: `https://${domain}/inbox`,
        followers_url: `https://${domain}/users/${name}/followers`,
      });
      expectId(name, row.id);
      return row;
    });
  const post = (name: "local_account_1_status_1" | "local_account_2_status_1", by: TestUser, json: Record<string, unknown>) =>
    at(name, async () => {
      const res = await s.api("POST", "/api/v1/statuses", { token: by.token, json });
      if (res.status !== 200) throw new Error(`fixture ${name}: ${res.status} ${await res.text()}`);
      const id = Number(((await res.json()) as { id: string }).id);
      expectId(name, id);
      return s.ctx.db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(id)!;
    });
  const local_account_1 = await user("local_account_1");
  const local_account_2 = await user("local_account_2");
  const admin_account = await user("admin_account", {
    role: "admin",
    scopes: ["read", "write", "follow", "push", "admin:read", "admin:write"],
  });
  const remote_account_1 = await remote("remote_account_1", "remote-one.example");
  const remote_account_2 = await remote("remote_account_2", "remote-two.example");
  const local_account_1_status_1 = await post("local_account_1_status_1", local_account_1, {
    status: "hello from local_account_1 #hearth",
    visibility: "public",
  });
  const local_account_2_status_1 = await post("local_account_2_status_1", local_account_2, {
    status: "unlisted hello",
    visibility: "unlisted",
  });
  return {
    local_account_1,
    local_account_2,
    admin_account,
    remote_account_1,
    remote_account_2,
    local_account_1_status_1,
    local_account_2_status_1,
  };
}

/** INSERT of the given columns into `table`, returning the row (column names come from test code only). */
function insertRow<T>(ctx: AppContext, table: string, cols: Record<string, unknown>): T {
  const keys = Object.keys(cols);
  return ctx.db
    .query<T, any[]>(`INSERT INTO ${table} (${keys.join(", ")}) VALUES (${keys.map(() => "?").join(", ")}) RETURNING *`)
    .get(...keys.map((k) => cols[k]))!;
}

/**
 * Inserts a remote account row `username@domain` (uri `https://<domain>/users/<username>` and
 * created/updated now unless `cols` says otherwise; other columns keep their defaults).
 */
export function insertRemoteAccount(
  ctx: AppContext,
  username: string,
  domain: string,
  cols: Partial<Record<keyof AccountRow, unknown>> = {},
): AccountRow {
  const id = ctx.ids.next();
  const t = ctx.now();
  return insertRow<AccountRow>(ctx, "accounts", {
    id,
    username,
    domain,
    uri: `https://${domain}/users/${username}`,
    created_at: t,
    updated_at: t,
    ...cols,
  });
}

/**
 * Inserts a media_attachments row owned by `accountId` (type image unless `cols` says otherwise;
 * `cols` may be a function of the new id, for file keys); returns its id.
 */
export function insertMedia(
  ctx: AppContext,
  accountId: number,
  cols: Record<string, unknown> | ((id: number) => Record<string, unknown>) = {},
): number {
  const id = ctx.ids.next();
  const t = ctx.now();
  insertRow(ctx, "media_attachments", {
    id,
    account_id: accountId,
    type: "image",
    created_at: t,
    updated_at: t,
    ...(typeof cols === "function" ? cols(id) : cols),
  });
  return id;
}

/** A follows row, and nothing else (no counters, no feeds); `cols` may set notify, show_reblogs, uri. */
export function insertFollowRow(ctx: AppContext, followerId: number, targetId: number, cols: Record<string, unknown> = {}): void {
  insertRow(ctx, "follows", { id: ctx.ids.next(), account_id: followerId, target_account_id: targetId, created_at: ctx.now(), ...cols });
}

/** A blocks (or mutes) row of `targetId` by `accountId`. */
export function insertBlock(ctx: AppContext, accountId: number, targetId: number, table: "blocks" | "mutes" = "blocks"): void {
  insertRow(ctx, table, { id: ctx.ids.next(), account_id: accountId, target_account_id: targetId, created_at: ctx.now() });
}

export interface StatusFixture {
  visibility?: "public" | "unlisted" | "private" | "direct";
  text?: string;
  reblogOf?: number;
  inReplyTo?: number;
  /** Account ids mentioned by the status. */
  mentions?: number[];
  /** Hashtag names (without #). */
  tags?: string[];
  sensitive?: boolean;
  /** Attach one (fake) image. */
  media?: boolean;
  /** Pin it on the author's profile. */
  pinned?: boolean;
}

const VIS = { public: 0, unlisted: 1, private: 2, direct: 3 } as const;

/** Inserts a status for `accountId` (bumping counters and feeds); returns the row. */
export function insertStatus(ctx: AppContext, accountId: number, f: StatusFixture = {}): StatusRow {
  const db = ctx.db;
  return db
    .transaction(() => {
      const id = ctx.ids.next();
      const t = ctx.now();
      const author = db.query<{ username: string }, [number]>("SELECT username FROM accounts WHERE id = ?").get(accountId)!;
      const parent = f.inReplyTo ? db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(f.inReplyTo) : null;
      const text = f.text ?? (f.reblogOf ? "" : `status ${id}`);
      const esc = text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
      const row = db
        .query<StatusRow, any[]>(
          `INSERT INTO statuses (id, uri, url, account_id, local, in_reply_to_id, in_reply_to_account_id, reblog_of_id, conversation_id,
           text, content, sensitive, visibility, created_at, updated_at)
         VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          id,
          ctx.uris.status(author.username, id),
          ctx.uris.statusUrl(author.username, id),
          accountId,
          parent?.id ?? null,
          parent?.account_id ?? null,
          f.reblogOf ?? null,
          parent?.conversation_id ?? id,
          text,
          text ? `<p>${esc}</p>` : "",
          f.sensitive ? 1 : 0,
          VIS[f.visibility ?? "public"],
          t,
          t,
        )!;
      for (const m of f.mentions ?? [])
        db.query("INSERT INTO mentions (id, status_id, account_id) VALUES (?, ?, ?)").run(ctx.ids.next(), id, m);
      for (const name of f.tags ?? []) {
        db.query("INSERT OR IGNORE INTO tags (id, name, display_name, created_at) VALUES (?, ?, ?, ?)").run(
          ctx.ids.next(),
          name.toLowerCase(),
          name,
          t,
        );
        db.query("UPDATE tags SET last_status_at = ? WHERE name = ?").run(t, name.toLowerCase());
        db.query("INSERT INTO statuses_tags (tag_id, status_id) SELECT id, ? FROM tags WHERE name = ?").run(id, name.toLowerCase());
      }
      if (f.media) {
        const mid = ctx.ids.next();
        db.query(
          "INSERT INTO media_attachments (id, account_id, status_id, type, file_key, content_type, created_at, updated_at) VALUES (?, ?, ?, 'image', ?, 'image/png', ?, ?)",
        ).run(mid, accountId, id, `media_attachments/${mid}.png`, t, t);
        db.query("UPDATE statuses SET media_ids = ? WHERE id = ?").run(JSON.stringify([mid]), id);
      }
      if (f.pinned)
        db.query("INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)").run(
          ctx.ids.next(),
          accountId,
          id,
          t,
        );
      if (parent) db.query("UPDATE statuses SET replies_count = replies_count + 1 WHERE id = ?").run(parent.id);
      if (f.reblogOf) db.query("UPDATE statuses SET reblogs_count = reblogs_count + 1 WHERE id = ?").run(f.reblogOf);
      db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = ? WHERE id = ?").run(t, accountId);
      fanOutStatus(ctx, row);
      return row;
    })
    .immediate();
}

/** Makes `followerId` follow `targetId` directly (counters included), bypassing locks. */
export function insertFollow(ctx: AppContext, followerId: number, targetId: number): void {
  ctx.db
    .transaction(() => {
      ctx.db
        .query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)")
        .run(ctx.ids.next(), followerId, targetId, ctx.now());
      ctx.db.query("UPDATE accounts SET following_count = following_count + 1 WHERE id = ?").run(followerId);
      ctx.db.query("UPDATE accounts SET followers_count = followers_count + 1 WHERE id = ?").run(targetId);
    })
    .immediate();
}
