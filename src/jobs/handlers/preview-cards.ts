/** Jobs that read pages on the web: preview cards and verified profile links. */
import type { AppContext } from "../../context";
import { verifyAccountLinks } from "../../services/accounts/verify-links";
import { fetchLinkCard } from "../../services/preview-cards/fetch-card";

/** `preview_card.fetch`: the card of a status's first link (a vanished status is done). */
export async function runPreviewCardFetch(ctx: AppContext, p: { statusId: number }): Promise<void> {
  await fetchLinkCard(ctx, p.statusId);
}

/** `accounts.verify_links`: stamps profile links whose page links back with rel="me". */
export async function runVerifyLinks(ctx: AppContext, p: { accountId: number }): Promise<void> {
  await verifyAccountLinks(ctx, p.accountId);
}
