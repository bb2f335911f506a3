/** Shared fixtures for the statuses API tests. */
import type { TestServer } from "../../../rig";

/** Inserts an unattached, processed image owned by `accountId` and returns its id. */
export function addMedia(s: TestServer, accountId: number, opts: { processing?: number } = {}): string {
  const id = s.ctx.ids.next();
  const t = s.ctx.now();
  s.ctx.db.query(
    "INSERT INTO media_attachments (id, account_id, type, file_key, content_type, processing, created_at, updated_at) VALUES (?, ?, 'image', ?, 'image/png', ?, ?, ?)",
  ).run(id, accountId, `media/${id}.png`, opts.processing ?? 0, t, t);
  return String(id);
}

/** Makes `follower` follow `target` directly in the database (follows are another group's API). */
export function addFollow(s: TestServer, follower: number, target: number, notify = false): void {
  s.ctx.db.query("INSERT INTO follows (id, account_id, target_account_id, notify, created_at) VALUES (?, ?, ?, ?, ?)")
    .run(s.ctx.ids.next(), follower, target, notify ? 1 : 0, s.ctx.now());
}

/** A block of `target` by `account`. */
export function addBlock(s: TestServer, account: number, target: number): void {
  s.ctx.db.query("INSERT INTO blocks (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)").run(s.ctx.ids.next(), account, target, s.ctx.now());
}
