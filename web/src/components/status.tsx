/** One post: boost line, author, content behind its content warning, media, and actions. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { Status } from "../lib/api";
import { errorText } from "../lib/errors";
import { displayName, fullTime, htmlToText, plural, sanitizeHtml } from "../lib/format";
import { navigate } from "../lib/router";
import { useApp } from "../lib/state";
import { AccountName, Avatar, RelativeTime } from "./bits";
import { Icon } from "./icons";
import { MediaGallery } from "./media";
import { PreviewCard } from "./preview-card";
import { PollView } from "./poll";
import { StatusMenu } from "./status-menu";
import { readingPrefs } from "../lib/prefs";
import { filterVerdict, type FilterContext } from "../lib/filters";
import { FilteredStatus } from "./filtered-status";
import { emojifyHtml, EmojiText } from "../lib/emoji";
import { canQuote, QuotedPost, type QuoteInfo } from "./quote";

const VISIBILITY_LABEL: Record<string, string> = {
  public: "Public",
  unlisted: "Unlisted",
  private: "Followers only",
  direct: "Mentioned people only",
};

type Toggle = "favourite" | "reblog" | "bookmark";
const FLAGS: Record<
  Toggle,
  { flag: "favourited" | "reblogged" | "bookmarked"; count?: "favouritesCount" | "reblogsCount"; on: string; off: string }
> = {
  favourite: { flag: "favourited", count: "favouritesCount", on: "Favourite", off: "Remove favourite" },
  reblog: { flag: "reblogged", count: "reblogsCount", on: "Boost", off: "Undo boost" },
  bookmark: { flag: "bookmarked", on: "Bookmark", off: "Remove bookmark" },
};

export interface StatusProps {
  status: Status;
  /** Called with the new version of the (outer) status after an action. */
  onChange?: (s: Status) => void;
  onDelete?: (id: string) => void;
  focused?: boolean;
  pos?: number;
  size?: number;
  /** Where the card is shown: the viewer's filters for this context apply (none when absent). */
  context?: FilterContext;
}

/**
 * Renders a status (or a boost of one) as a focusable article, unless the viewer's filters for
 * `context` hide it or fold it into a "Filtered: …" line with a "Show anyway" button.
 */
export function StatusCard(props: StatusProps): JSX.Element | null {
  const app = useApp();
  const [revealed, setRevealed] = useState(false);
  const verdict = filterVerdict(props.status, props.context, app.me.id, { warnInsteadOfHide: props.focused });
  if (verdict?.action === "hide") return null;
  if (verdict?.action === "warn" && !revealed) {
    const id = (props.status.reblog ?? props.status).id;
    const show = () => {
      setRevealed(true);
      requestAnimationFrame(() => document.querySelector<HTMLElement>(`article.status[data-id="${id}"]:not(.filtered-status)`)?.focus());
    };
    return <FilteredStatus id={id} titles={verdict.titles} pos={props.pos} size={props.size} onShow={show} />;
  }
  return <StatusArticle {...props} blurMedia={verdict?.action === "blur"} />;
}

function StatusArticle({ status, onChange, onDelete, focused, pos, size, blurMedia }: StatusProps & { blurMedia?: boolean }): JSX.Element {
  const app = useApp();
  const s = status.reblog ?? status;
  const [showCw, setShowCw] = useState(() => readingPrefs().expandSpoilers);
  const [busy, setBusy] = useState<string | null>(null);
  const update = (inner: Status) => onChange?.(status.reblog ? { ...status, reblog: inner } : inner);

  const toggle = async (kind: Toggle) => {
    const f = FLAGS[kind];
    const was = !!s[f.flag];
    const optimistic: Status = { ...s, [f.flag]: !was, ...(f.count ? { [f.count]: Math.max(0, s[f.count] + (was ? -1 : 1)) } : {}) };
    update(optimistic);
    setBusy(kind);
    try {
      const api = app.client.v1.statuses.$select(s.id);
      let res: Status;
      if (kind === "favourite") res = was ? await api.unfavourite() : await api.favourite();
      else if (kind === "reblog") res = was ? await api.unreblog() : await api.reblog();
      else res = was ? await api.unbookmark() : await api.bookmark();
      // A new boost comes back as the wrapper; the post itself is inside it.
      update(res.reblog && res.reblog.id === s.id ? res.reblog : res);
    } catch (e) {
      update(s);
      app.toast(errorText(e, `${was ? f.off.toLowerCase() : f.on.toLowerCase()} this post`), "error");
    } finally {
      setBusy(null);
    }
  };

  const onContentClick = (e: MouseEvent) => {
    const a = (e.target as Element).closest("a");
    if (!a) return;
    const mention = s.mentions.find((m) => m.url === a.href);
    if (mention) {
      e.preventDefault();
      navigate(`/accounts/${mention.id}`);
      return;
    }
    const tag = a.classList.contains("hashtag") || /\/tags\//.test(a.pathname) ? a.textContent?.replace(/^#/, "") : null;
    if (tag) {
      e.preventDefault();
      navigate(`/tags/${encodeURIComponent(tag)}`);
    }
  };

  const text = htmlToText(s.content);
  const label = `${displayName(s.account)}${status.reblog ? `, boosted by ${displayName(status.account)}` : ""}: ${s.spoilerText ? `Content warning: ${s.spoilerText}` : text.slice(0, 140)}`;
  const hidden = !!s.spoilerText && !showCw;
  const mine = s.account.id === app.me.id;
  const quote = (s as Status & { quote?: QuoteInfo | null }).quote;
  const canBoost = s.visibility === "public" || s.visibility === "unlisted" || (mine && s.visibility === "private");

  return (
    <article
      class={`status${focused ? " focused" : ""}`}
      tabIndex={0}
      aria-label={label}
      aria-posinset={pos}
      aria-setsize={size}
      data-id={s.id}
    >
      {status.reblog && (
        <p class="boost-line">
          <Icon name="reblog" size={16} />{" "}
          <a href={`/accounts/${status.account.id}`} data-route>
            <bdi>
              <EmojiText text={displayName(status.account)} emojis={status.account.emojis} />
            </bdi>
          </a>{" "}
          boosted
        </p>
      )}
      <header class="status-head">
        <a href={`/accounts/${s.account.id}`} data-route tabIndex={-1} aria-hidden="true">
          <Avatar account={s.account} />
        </a>
        <AccountName account={s.account} />
        <a class="status-time" href={`/statuses/${s.id}`} data-route data-action="open">
          <RelativeTime iso={s.createdAt} />
          {s.visibility !== "public" && <span class="visually-hidden">, {VISIBILITY_LABEL[s.visibility]}</span>}
        </a>
      </header>
      {s.inReplyToId && s.inReplyToAccountId && (
        <p class="reply-line">
          Reply
          {s.inReplyToAccountId === s.account.id
            ? " in a thread"
            : s.mentions[0]
              ? ` to @${s.mentions.find((m) => m.id === s.inReplyToAccountId)?.acct ?? s.mentions[0].acct}`
              : ""}
        </p>
      )}
      {s.spoilerText && (
        <p class="cw">
          <span class="cw-text">
            <EmojiText text={s.spoilerText} emojis={s.emojis} />
          </span>{" "}
          <button type="button" class="cw-toggle" aria-expanded={showCw} onClick={() => setShowCw(!showCw)}>
            {showCw ? "Show less" : "Show more"}
          </button>
        </p>
      )}
      {!hidden && (
        <div
          class="content"
          lang={s.language ?? undefined}
          onClick={onContentClick}
          dangerouslySetInnerHTML={{ __html: emojifyHtml(sanitizeHtml(s.content), s.emojis) }}
        />
      )}
      {!hidden && s.mediaAttachments.length > 0 && <MediaGallery media={s.mediaAttachments} sensitive={s.sensitive || !!blurMedia} />}
      {!hidden && quote && <QuotedPost quote={quote} />}
      {!hidden && s.card && !quote && !s.mediaAttachments.length && !s.poll && <PreviewCard card={s.card} />}
      {!hidden && s.poll && <PollView poll={s.poll} mine={s.account.id === app.me.id} onChange={(poll) => update({ ...s, poll })} />}
      {hidden && s.mediaAttachments.length > 0 && <p class="muted">{plural(s.mediaAttachments.length, "attachment")} hidden</p>}
      {focused && (
        <p class="focus-meta">
          <time dateTime={s.createdAt}>{fullTime(s.createdAt)}</time>
          {s.editedAt && <span> · Edited {fullTime(s.editedAt)}</span>}
          <span> · {VISIBILITY_LABEL[s.visibility]}</span>
          <br />
          <span class="focus-counts">
            {plural(s.repliesCount, "reply", "replies")} · {plural(s.reblogsCount, "boost")} · {plural(s.favouritesCount, "favourite")}
          </span>
        </p>
      )}
      <footer class="actions">
        <button type="button" data-action="reply" title="Reply" onClick={() => app.reply(s)}>
          <Icon name="reply" />
          <span class="visually-hidden">Reply</span> {s.repliesCount > 0 && <span>{s.repliesCount}</span>}
        </button>
        {(["reblog", "favourite", "bookmark"] as Toggle[]).map((k) => {
          const f = FLAGS[k];
          const on = !!s[f.flag];
          const disabled = k === "reblog" && !canBoost;
          return (
            <button
              type="button"
              key={k}
              class={on ? `active ${k}` : k}
              data-action={k}
              aria-pressed={on}
              title={disabled ? "This post cannot be boosted" : on ? f.off : f.on}
              disabled={disabled || busy === k}
              onClick={() => toggle(k)}
            >
              <Icon name={k} />
              <span class="visually-hidden">{f.on}</span> {f.count && s[f.count] > 0 && <span>{s[f.count]}</span>}
            </button>
          );
        })}
        {canQuote(s) && (
          <button type="button" data-action="quote" title="Quote" onClick={() => app.quote(s)}>
            <Icon name="quote" />
            <span class="visually-hidden">Quote</span>
          </button>
        )}
        <StatusMenu status={s} update={update} onDelete={() => onDelete?.(status.id)} />
      </footer>
    </article>
  );
}
