/**
 * Direct-SQL fixtures for timeline and notification tests: statuses (with tags, mentions,
 * media, boosts), follows, blocks, mutes, favourites, bookmarks and remote accounts.
 * They do not go through the statuses/accounts services, so these tests stand alone.
 */
import type { AppContext } from "../../../../src/context";
import type { TestServer, TestUser } from "../../../rig";
import { insertBlock, insertRemoteAccount } from "../../../rig/fixtures";
import type { AccountRow, StatusRow } from "../../../../src/db/rows";
import { backfillFeed, fanOutStatus } from "../../../../src/services/feeds";
import { notify, type NotificationType } from "../../../../src/services/notifications/notify";

export interface StatusFixture {
  text?: string;
  visibility?: number;
  reblogOf?: number;
  inReplyTo?: { id: number; accountId: number };
  tags?: string[];
  mentions?: number[];
  media?: boolean;
}

/** Inserts a status by `accountId` (and its tags, mentions, media) and fans it out to home feeds. */
export function makeStatus(ctx: AppContext, accountId: number, f: StatusFixture = {}): StatusRow {
  const db = ctx.db;
  const id = ctx.ids.next();
  const t = ctx.now();
  const author = db.query<AccountRow, [number]>("SELECT * FROM accounts WHERE id = ?").get(accountId)!;
  const local = author.domain === null ? 1 : 0;
  const uri = local ? ctx.uris.status(author.username, id) : `https://${author.domain}/statuses/${id}`;
  const row = db
    .query<StatusRow, any[]>(
      `INSERT INTO statuses (id, uri, account_id, local, in_reply_to_id, in_reply_to_account_id, reblog_of_id, text, content, visibility, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(
      id,
      uri,
      accountId,
      local,
      f.inReplyTo?.id ?? null,
      f.inReplyTo?.accountId ?? null,
      f.reblogOf ?? null,
      f.text ?? "",
      f.reblogOf ? "" : `<p>${f.text ?? ""}</p>`,
      f.visibility ?? 0,
      t,
      t,
    )!;
  for (const name of f.tags ?? []) {
    db.query("INSERT OR IGNORE INTO tags (id, name, display_name, created_at) VALUES (?, ?, ?, ?)").run(
      ctx.ids.next(),
      name.toLowerCase(),
      name,
      t,
    );
    db.query("INSERT INTO statuses_tags (tag_id, status_id) SELECT id, ? FROM tags WHERE name = ?").run(id, name.toLowerCase());
  }
  for (const m of f.mentions ?? [])
    db.query("INSERT INTO mentions (id, status_id, account_id) VALUES (?, ?, ?)").run(ctx.ids.next(), id, m);
  if (f.media) {
    db.query(
      "INSERT INTO media_attachments (id, account_id, status_id, type, remote_url, created_at, updated_at) VALUES (?, ?, ?, 'image', ?, ?, ?)",
    ).run(ctx.ids.next(), accountId, id, "https://example.com/a.png", t, t);
  }
  fanOutStatus(ctx, row);
  return row;
}

/** `followerId` follows `targetId` and gets the target's recent posts in the home feed. */
export function makeFollow(ctx: AppContext, followerId: number, targetId: number, o: { showReblogs?: boolean } = {}): void {
  ctx.db
    .query("INSERT INTO follows (id, account_id, target_account_id, show_reblogs, created_at) VALUES (?, ?, ?, ?, ?)")
    .run(ctx.ids.next(), followerId, targetId, o.showReblogs === false ? 0 : 1, ctx.now());
  backfillFeed(ctx, followerId, targetId);
}

/** `accountId` blocks `targetId` (feeds are left alone so read-time filtering is what is tested). */
export function makeBlock(ctx: AppContext, accountId: number, targetId: number): void {
  insertBlock(ctx, accountId, targetId);
}

/** `accountId` mutes `targetId`. */
export function makeMute(ctx: AppContext, accountId: number, targetId: number): void {
  insertBlock(ctx, accountId, targetId, "mutes");
}

/** A favourite or bookmark row; returns its id (the list's pagination id). */
export function makeMark(ctx: AppContext, table: "favourites" | "bookmarks", accountId: number, statusId: number): number {
  const id = ctx.ids.next();
  ctx.db.query(`INSERT INTO ${table} (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)`).run(id, accountId, statusId, ctx.now());
  return id;
}

/** A remote account on `domain`. */
export function makeRemoteAccount(ctx: AppContext, username: string, domain: string): AccountRow {
  return insertRemoteAccount(ctx, username, domain, { url: `https://${domain}/@${username}` });
}

/** A notification through notify(); returns its id (throws when it was suppressed). */
export function makeNotification(
  ctx: AppContext,
  accountId: number,
  fromAccountId: number,
  type: NotificationType,
  statusId?: number,
): number {
  const id = notify(ctx, { accountId, fromAccountId, type, statusId });
  if (id === null) throw new Error("notification suppressed");
  return id;
}

/** Follows a Link header's rel (next/prev) to a path usable with s.api. */
export function linkPath(res: Response, rel: "next" | "prev", base: string): string | undefined {
  const link = res.headers.get("link") ?? "";
  const m = new RegExp(`<([^>]+)>; rel="${rel}"`).exec(link);
  return m ? m[1]!.slice(base.length) : undefined;
}

/** Creates several users in parallel, typed as a tuple. */
export function makeUsers<N extends readonly string[]>(s: TestServer, ...names: N): Promise<{ -readonly [K in keyof N]: TestUser }> {
  return Promise.all(names.map((n) => s.createUser(n))) as any;
}
