/**
 * A status's link preview (status.card) as one readable link: image, provider, title and a
 * description clamped to a few lines; it never grows wider than the post. When the page names a
 * known fediverse account (card.authors[0].account, from `fediverse:creator`), "More from" links
 * to its profile under the card, as Mastodon does.
 */
import type { JSX } from "preact";
import type { mastodon } from "masto";
import { EmojiText } from "../lib/emoji";
import { Avatar } from "./bits";

type Author = { name?: string; url?: string; account?: mastodon.v1.Account | null };

/** The preview card for `card`, or nothing when it has no title to show. */
export function PreviewCard({ card }: { card: mastodon.v1.PreviewCard }): JSX.Element | null {
  if (!card.url || !(card.title || card.description)) return null;
  let host = card.providerName;
  try {
    host ||= new URL(card.url).hostname;
  } catch {
    // A card without a parseable URL shows no provider.
  }
  const w = card.width ?? 0;
  const h = card.height ?? 0;
  const wide = !!card.image && w > 0 && h > 0 && w / h >= 1.5;
  const author = ((card as { authors?: Author[] }).authors ?? []).find((a) => a.account)?.account;
  const link = (
    <a class={`preview-card${wide ? " wide" : ""}`} href={card.url} target="_blank" rel="noopener noreferrer nofollow">
      {card.image && (
        <span class="preview-card-image">
          <img src={card.image} alt={(card as { imageDescription?: string }).imageDescription || ""} loading="lazy" decoding="async" />
        </span>
      )}
      <span class="preview-card-text">
        {host && <span class="preview-card-provider">{host}</span>}
        {card.title && <strong class="preview-card-title">{card.title}</strong>}
        {card.description && <span class="preview-card-description">{card.description}</span>}
      </span>
    </a>
  );
  if (!author) return link;
  return (
    <>
      {link}
      <p class="more-from-author">
        More from{" "}
        <a href={`/accounts/${author.id}`} data-route title={`@${author.acct}`}>
          <Avatar account={author} size={20} />
          <bdi>
            <EmojiText text={author.displayName || author.username} emojis={author.emojis} />
          </bdi>
        </a>
      </p>
    </>
  );
}
