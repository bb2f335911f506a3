/** Favouriting and unfavouriting a status: the row, the counter and the `favourite` notification. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { deleteFavourite, hasFavourite, insertFavourite } from "../../db/queries/favourites";
import { deleteInteractionNotification } from "../../db/queries/notifications";
import { decrementStatusCounter, getStatus, incrementStatusCounter } from "../../db/queries/statuses";
import { transaction } from "../../db/transaction";
import { notify } from "../notifications/notify";
import { publishFavourite, publishUnfavourite } from "../federation/interactions";

/** Favourites `s` (idempotent) and notifies its author, in one transaction; a remote author gets a Like. */
export function favouriteStatus(ctx: AppContext, accountId: number, s: StatusRow): void {
  transaction(ctx.db, () => {
    const id = ctx.ids.next();
    if (!insertFavourite(ctx.db, { id, account_id: accountId, status_id: s.id, created_at: ctx.now() })) return;
    publishFavourite(ctx, accountId, id, s);
    incrementStatusCounter(ctx.db, s.id, "favourites_count");
    notify(ctx, { accountId: s.account_id, fromAccountId: accountId, type: "favourite", statusId: s.id });
  });
}

/** Removes the favourite (if any), fixes the counter and withdraws its notification; a remote author gets Undo(Like). */
export function unfavouriteStatus(ctx: AppContext, accountId: number, statusId: number): void {
  transaction(ctx.db, () => {
    const favId = deleteFavourite(ctx.db, accountId, statusId);
    if (favId === null) return;
    const s = getStatus(ctx.db, statusId);
    if (s) publishUnfavourite(ctx, accountId, favId, s);
    decrementStatusCounter(ctx.db, statusId, "favourites_count");
    deleteInteractionNotification(ctx.db, "favourite", accountId, statusId);
  });
}

/** True when the account has favourited the status. */
export function hasFavourited(ctx: AppContext, accountId: number, statusId: number): boolean {
  return hasFavourite(ctx.db, accountId, statusId);
}
