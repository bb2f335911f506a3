/** Shared fixtures for the statuses API tests (rows written by the rig's helpers). */
import type { TestServer } from "../../../rig";
import { insertBlock, insertFollowRow, insertMedia } from "../../../rig/fixtures";

/** Inserts an unattached, processed image owned by `accountId` and returns its id. */
export function addMedia(s: TestServer, accountId: number, opts: { processing?: number } = {}): string {
  return String(
    insertMedia(s.ctx, accountId, (id) => ({ file_key: `media/${id}.png`, content_type: "image/png", processing: opts.processing ?? 0 })),
  );
}

/** Makes `follower` follow `target` directly in the database (follows are another group's API). */
export function addFollow(s: TestServer, follower: number, target: number, notify = false): void {
  insertFollowRow(s.ctx, follower, target, { notify: notify ? 1 : 0 });
}

/** A block of `target` by `account`. */
export function addBlock(s: TestServer, account: number, target: number): void {
  insertBlock(s.ctx, account, target);
}
