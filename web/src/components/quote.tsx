/**
 * Quote posts: the quoted post inside a status (Status.quote), Mastodon's placeholder when it
 * cannot be shown, and the compact card the composer shows for a quote being written.
 */
import type { JSX } from "preact";
import type { Status } from "../lib/api";
import { emojifyHtml, EmojiText } from "../lib/emoji";
import { displayName, plural, sanitizeHtml } from "../lib/format";
import { navigate } from "../lib/router";
import { Avatar, RelativeTime } from "./bits";
import "./quote.css";

/** Status.quote as masto.js gives it (camelCased): a full quote, or a shallow one inside a quote. */
export interface QuoteInfo {
  state: string;
  quotedStatus?: Status | null;
  quotedStatusId?: string | null;
}

/** What a person reads instead of the quoted post, by Quote.state (Mastodon's wording in spirit). */
const PLACEHOLDER: Record<string, string> = {
  pending: "Post pending: waiting for the author's approval.",
  rejected: "The author did not allow this post to be quoted.",
  revoked: "The author removed this quote.",
  deleted: "This post was removed by its author.",
  unauthorized: "You are not authorized to view this post.",
  blocked_account: "Hidden because you blocked the author.",
  blocked_domain: "Hidden because you blocked the author's server.",
  muted_account: "Hidden because you muted the author.",
};

/** The quote's state in words when the quoted post is not shown, or null when it is. */
export function quotePlaceholder(q: QuoteInfo): string | null {
  if (q.state === "accepted" && (q.quotedStatus || q.quotedStatusId)) return null;
  return PLACEHOLDER[q.state] ?? "This post is unavailable.";
}

/** The quoted post inside a status: a card that opens it, or the placeholder for its state. */
export function QuotedPost({ quote }: { quote: QuoteInfo }): JSX.Element | null {
  const text = quotePlaceholder(quote);
  if (text) return <p class="quote-placeholder">{text}</p>;
  const q = quote.quotedStatus;
  if (!q) {
    // A quote inside a quote is shallow: only a link to it.
    return (
      <p class="quote-placeholder">
        <a href={`/statuses/${quote.quotedStatusId}`} data-route>
          Quoted a post
        </a>
      </p>
    );
  }
  return <QuoteCard status={q} link />;
}

/** A compact card of a post: author, time, text (or its content warning) and what it carries. */
export function QuoteCard({ status: q, link }: { status: Status; link?: boolean }): JSX.Element {
  const open = (e: MouseEvent) => {
    if (!link || (e.target as Element).closest("a, button")) return;
    navigate(`/statuses/${q.id}`);
  };
  const label = `Quoted post by ${displayName(q.account)}`;
  const nested = (q as Status & { quote?: QuoteInfo | null }).quote;
  return (
    <blockquote class={`quote-card${link ? " clickable" : ""}`} aria-label={label} onClick={open}>
      <header class="quote-head">
        <Avatar account={q.account} size={24} />
        <bdi class="display-name">
          <EmojiText text={displayName(q.account)} emojis={q.account.emojis} />
        </bdi>{" "}
        <span class="acct">@{q.account.acct}</span>
        {link ? (
          <a class="quote-time" href={`/statuses/${q.id}`} data-route>
            <RelativeTime iso={q.createdAt} />
            <span class="visually-hidden">, open the quoted post</span>
          </a>
        ) : (
          <RelativeTime iso={q.createdAt} />
        )}
      </header>
      {q.spoilerText ? (
        <p class="cw">
          <EmojiText text={q.spoilerText} emojis={q.emojis} />
        </p>
      ) : (
        <div
          class="content"
          lang={q.language ?? undefined}
          dangerouslySetInnerHTML={{ __html: emojifyHtml(sanitizeHtml(q.content), q.emojis) }}
        />
      )}
      {(q.mediaAttachments.length > 0 || q.poll || nested) && (
        <p class="muted">
          {[q.mediaAttachments.length > 0 && plural(q.mediaAttachments.length, "attachment"), q.poll && "a poll", nested && "a quoted post"]
            .filter(Boolean)
            .join(" · ")}
        </p>
      )}
    </blockquote>
  );
}

/** Whether the viewer may quote `s` (QuoteApproval.current_user automatic or manual). */
export function canQuote(s: Status): boolean {
  const who = (s as Status & { quoteApproval?: { currentUser?: string } }).quoteApproval?.currentUser;
  return who === "automatic" || who === "manual";
}

/** The composer's "Quoting @someone" line with the quoted post and a Remove button. */
export function QuotingPreview({ status, onRemove }: { status: Status; onRemove(): void }): JSX.Element {
  return (
    <div class="quoting">
      <p class="replying">
        Quoting <strong>@{status.account.acct}</strong>{" "}
        <button type="button" class="link" onClick={onRemove}>
          Remove quote
        </button>
      </p>
      <QuoteCard status={status} />
    </div>
  );
}
