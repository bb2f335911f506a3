/** Small shared pieces: avatar, relative time, error and loading states, account line. */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Account } from "../lib/api";
import { EmojiText } from "../lib/emoji";
import { displayName, fullTime, relativeTime } from "../lib/format";

let tick = Date.now();
const listeners = new Set<() => void>();
setInterval(() => {
  tick = Date.now();
  listeners.forEach((l) => l());
}, 30_000);

/** A <time> that says "5m" and re-renders as time passes. */
export function RelativeTime({ iso }: { iso: string }): JSX.Element {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return (
    <time dateTime={iso} title={fullTime(iso)}>
      {relativeTime(iso, Math.max(tick, Date.now()))}
    </time>
  );
}

/** An account's avatar (decorative next to its name). */
export function Avatar({ account, size = 48 }: { account: Account; size?: number }): JSX.Element {
  return (
    <img class="avatar" src={account.avatarStatic || account.avatar} width={size} height={size} alt="" loading="lazy" decoding="async" />
  );
}

/** An error message in words, announced to screen readers, with an optional retry. */
export function ErrorBox({ text, retry }: { text: string; retry?: () => void }): JSX.Element {
  return (
    <div class="error" role="alert">
      <p>{text}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A polite loading line. */
export function Loading({ label = "Loading…", rows = 3 }: { label?: string; rows?: number }): JSX.Element {
  return (
    <div class="skeleton" role="status">
      <span class="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div class="skeleton-card" key={i} aria-hidden="true">
          <span class="sk-avatar" />
          <div>
            <span style={{ width: "40%" }} />
            <span style={{ width: "90%" }} />
            <span style={{ width: "70%" }} />
          </div>
        </div>
      ))}
    </div>
  );
}

/** Display name and @acct linking to the profile. */
export function AccountName({ account }: { account: Account }): JSX.Element {
  return (
    <a class="account-name" href={`/accounts/${account.id}`} data-route>
      <bdi class="display-name">
        <EmojiText text={displayName(account)} emojis={account.emojis} />
      </bdi>{" "}
      <span class="acct">@{account.acct}</span>
    </a>
  );
}

/** A row for an account in a list, with optional trailing controls. */
export function AccountRow({ account, children }: { account: Account; children?: JSX.Element | JSX.Element[] | false }): JSX.Element {
  return (
    <li class="account-row">
      <Avatar account={account} size={40} />
      <AccountName account={account} />
      {children && <span class="row-actions">{children}</span>}
    </li>
  );
}
