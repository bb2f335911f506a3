/** Pinning statuses to the profile: own, not a boost, not direct, at most five. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { countStatusPins, deleteStatusPin, hasStatusPin, insertStatusPin } from "../../db/queries/status-pins";
import { getStatus } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { DIRECT } from "../../model/visibility";
import { publishPinChange } from "../federation/accounts";

/** Most pinned statuses per account (Mastodon's StatusPinValidator). */
export const MAX_PINS = 5;

/** Pins `s` to the account's profile (idempotent); 422 when the rules forbid it. Federates Add to followers. */
export function pinStatus(ctx: AppContext, accountId: number, s: StatusRow): void {
  transaction(ctx.db, () => {
    const db = ctx.db;
    if (s.reblog_of_id !== null) throw new ApiError(422, "Validation failed: A boost cannot be pinned");
    if (s.account_id !== accountId) throw new ApiError(422, "Validation failed: Someone else's post cannot be pinned");
    if (s.visibility === DIRECT)
      throw new ApiError(422, "Validation failed: Posts that are only visible to mentioned users cannot be pinned");
    if (hasStatusPin(db, accountId, s.id)) return;
    if (countStatusPins(db, accountId) >= MAX_PINS)
      throw new ApiError(422, "Validation failed: You have already pinned the maximum number of posts");
    const pinId = ctx.ids.next();
    insertStatusPin(db, { id: pinId, account_id: accountId, status_id: s.id, created_at: ctx.now() });
    publishPinChange(ctx, "Add", accountId, s, pinId);
  });
}

/** Unpins the status (no-op when it was not pinned); federates Remove from the featured collection. */
export function unpinStatus(ctx: AppContext, accountId: number, statusId: number): void {
  transaction(ctx.db, () => {
    const pinId = deleteStatusPin(ctx.db, accountId, statusId);
    const s = pinId !== null ? getStatus(ctx.db, statusId) : null;
    if (pinId !== null && s) publishPinChange(ctx, "Remove", accountId, s, pinId);
  });
}
