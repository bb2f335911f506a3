/** Preview card and profile link jobs. */
import type { AppContext } from "../../context";
import { fetchLinkCard } from "../../services/preview-cards/fetch-card";

/** `preview_card.fetch`: the card of a status's first link (a vanished status is done). */
export async function runPreviewCardFetch(ctx: AppContext, p: { statusId: number }): Promise<void> {
  await fetchLinkCard(ctx, p.statusId);
}
