/**
 * Test fixtures that write rows directly (no HTTP): statuses with their mentions, tags, media
 * and pins, fanned out to home feeds the way the real services do.
 */
import type { AppContext } from "../../src/context";
import type { StatusRow } from "../../src/db/rows";
import { fanOutStatus } from "../../src/services/feeds";

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
  return db.transaction(() => {
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
      .get(id, ctx.uris.status(author.username, id), ctx.uris.statusUrl(author.username, id), accountId, parent?.id ?? null,
        parent?.account_id ?? null, f.reblogOf ?? null, parent?.conversation_id ?? id, text, text ? `<p>${esc}</p>` : "",
        f.sensitive ? 1 : 0, VIS[f.visibility ?? "public"], t, t)!;
    for (const m of f.mentions ?? []) db.query("INSERT INTO mentions (id, status_id, account_id) VALUES (?, ?, ?)").run(ctx.ids.next(), id, m);
    for (const name of f.tags ?? []) {
      db.query("INSERT OR IGNORE INTO tags (id, name, display_name, created_at) VALUES (?, ?, ?, ?)").run(ctx.ids.next(), name.toLowerCase(), name, t);
      db.query("UPDATE tags SET last_status_at = ? WHERE name = ?").run(t, name.toLowerCase());
      db.query("INSERT INTO statuses_tags (tag_id, status_id) SELECT id, ? FROM tags WHERE name = ?").run(id, name.toLowerCase());
    }
    if (f.media) {
      const mid = ctx.ids.next();
      db.query("INSERT INTO media_attachments (id, account_id, status_id, type, file_key, content_type, created_at, updated_at) VALUES (?, ?, ?, 'image', ?, 'image/png', ?, ?)")
        .run(mid, accountId, id, `media_attachments/${mid}.png`, t, t);
      db.query("UPDATE statuses SET media_ids = ? WHERE id = ?").run(JSON.stringify([mid]), id);
    }
    if (f.pinned) db.query("INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)").run(ctx.ids.next(), accountId, id, t);
    if (parent) db.query("UPDATE statuses SET replies_count = replies_count + 1 WHERE id = ?").run(parent.id);
    if (f.reblogOf) db.query("UPDATE statuses SET reblogs_count = reblogs_count + 1 WHERE id = ?").run(f.reblogOf);
    db.query("UPDATE accounts SET statuses_count = statuses_count + 1, last_status_at = ? WHERE id = ?").run(t, accountId);
    fanOutStatus(ctx, row);
    return row;
  }).immediate();
}

/** Makes `followerId` follow `targetId` directly (counters included), bypassing locks. */
export function insertFollow(ctx: AppContext, followerId: number, targetId: number): void {
  ctx.db.transaction(() => {
    ctx.db.query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)").run(ctx.ids.next(), followerId, targetId, ctx.now());
    ctx.db.query("UPDATE accounts SET following_count = following_count + 1 WHERE id = ?").run(followerId);
    ctx.db.query("UPDATE accounts SET followers_count = followers_count + 1 WHERE id = ?").run(targetId);
  }).immediate();
}
