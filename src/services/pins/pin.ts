/** Pinning statuses to the profile: own, not a boost, not direct, at most five. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { ApiError } from "../../model/errors";
import { DIRECT } from "../../model/visibility";
import { publishPinChange } from "../federation/accounts";

/** Most pinned statuses per account (Mastodon's StatusPinValidator). */
export const MAX_PINS = 5;

/** Pins `s` to the account's profile (idempotent); 422 when the rules forbid it. Federates Add to followers. */
export function pinStatus(ctx: AppContext, accountId: number, s: StatusRow): void {
  ctx.db.transaction(() => {
    const db = ctx.db;
    if (s.reblog_of_id !== null) throw new ApiError(422, "Validation failed: A boost cannot be pinned");
    if (s.account_id !== accountId) throw new ApiError(422, "Validation failed: Someone else's post cannot be pinned");
    if (s.visibility === DIRECT) throw new ApiError(422, "Validation failed: Posts that are only visible to mentioned users cannot be pinned");
    if (db.query("SELECT 1 FROM status_pins WHERE account_id = ? AND status_id = ?").get(accountId, s.id)) return;
    const n = db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM status_pins WHERE account_id = ?").get(accountId)!.n;
    if (n >= MAX_PINS) throw new ApiError(422, "Validation failed: You have already pinned the maximum number of posts");
    const pinId = ctx.ids.next();
    db.query("INSERT INTO status_pins (id, account_id, status_id, created_at) VALUES (?, ?, ?, ?)").run(pinId, accountId, s.id, ctx.now());
    publishPinChange(ctx, "Add", accountId, s, pinId);
  }).immediate();
}

/** Unpins the status (no-op when it was not pinned); federates Remove from the featured collection. */
export function unpinStatus(ctx: AppContext, accountId: number, statusId: number): void {
  ctx.db.transaction(() => {
    const pin = ctx.db.query<{ id: number }, [number, number]>("DELETE FROM status_pins WHERE account_id = ? AND status_id = ? RETURNING id").get(accountId, statusId);
    const s = pin ? ctx.db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(statusId) : null;
    if (pin && s) publishPinChange(ctx, "Remove", accountId, s, pin.id);
  }).immediate();
}
