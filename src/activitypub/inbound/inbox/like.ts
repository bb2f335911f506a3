/**
 * Like of a local status → a favourite and a `favourite` notification. Misskey's Like with
 * `content`/`_misskey_reaction` and EmojiReact count as favourites too. Ignored when the
 * actor may not see the status (private, direct, blocked).
 */
import type { AppContext } from "../../../context";
import { setFavouriteUri } from "../../../db/queries/favourites";
import { canViewStatus } from "../../../db/queries/visibility";
import { favouriteStatus } from "../../../services/favourites/favourite";
import { idOf, inTransaction, localStatusByUri, type Activity, type InboxContext } from "./util";

/** Inbox handler for Like activities (see the file comment); ignores what it cannot use. */
export async function onLike(ctx: AppContext, a: Activity, { actor }: InboxContext): Promise<void> {
  const s = localStatusByUri(ctx, idOf(a.object));
  if (!s || !canViewStatus(ctx, s, actor.id)) return;
  inTransaction(ctx, () => {
    favouriteStatus(ctx, actor.id, s);
    if (typeof a.id === "string") setFavouriteUri(ctx.db, actor.id, s.id, a.id);
  });
}
