/** Polls: the composer's editor (options, duration, multiple choice) and a post's poll with voting and results. */
import { EmojiText, type EmojiRef } from "../lib/emoji";
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { mastodon } from "masto";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import { RelativeTime } from "./bits";

/** A poll being written. */
export interface PollDraft {
  options: string[];
  expiresIn: number;
  multiple: boolean;
}

export const NEW_POLL: PollDraft = { options: ["", ""], expiresIn: 86400, multiple: false };

const DURATIONS: [number, string][] = [
  [300, "5 minutes"],
  [1800, "30 minutes"],
  [3600, "1 hour"],
  [21600, "6 hours"],
  [86400, "1 day"],
  [259200, "3 days"],
  [604800, "7 days"],
];

/** The offered poll duration nearest to `seconds` (an edited poll keeps its length as Mastodon's web app does). */
export function nearestDuration(seconds: number): number {
  let best = DURATIONS[0]![0];
  for (const [s] of DURATIONS) if (Math.abs(s - seconds) < Math.abs(best - seconds)) best = s;
  return best;
}

/** The poll limits from /api/v2/instance (Mastodon's defaults otherwise). */
export function pollLimits(instance: any): { maxOptions: number; maxChars: number } {
  const p = instance?.configuration?.polls;
  return { maxOptions: p?.maxOptions ?? 4, maxChars: p?.maxCharactersPerOption ?? 50 };
}

/** The composer's poll fields. */
export function PollEditor({ poll, onChange, onRemove }: { poll: PollDraft; onChange(p: PollDraft): void; onRemove(): void }): JSX.Element {
  const app = useApp();
  const { maxOptions, maxChars } = pollLimits(app.instance);
  const setOption = (i: number, v: string) => onChange({ ...poll, options: poll.options.map((o, j) => (j === i ? v : o)) });
  return (
    <fieldset class="poll-editor">
      <legend>Poll</legend>
      {poll.options.map((o, i) => (
        <div class="poll-option" key={i}>
          <label for={`poll-option-${i}`} class="visually-hidden">
            Option {i + 1}
          </label>
          <input
            id={`poll-option-${i}`}
            type="text"
            value={o}
            maxLength={maxChars}
            placeholder={`Option ${i + 1}`}
            onInput={(e) => setOption(i, e.currentTarget.value)}
          />
          {poll.options.length > 2 && (
            <button
              type="button"
              aria-label={`Remove option ${i + 1}`}
              onClick={() => onChange({ ...poll, options: poll.options.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          )}
        </div>
      ))}
      <div class="poll-settings">
        {poll.options.length < maxOptions && (
          <button type="button" onClick={() => onChange({ ...poll, options: [...poll.options, ""] })}>
            Add option
          </button>
        )}
        <label for="poll-duration" class="visually-hidden">
          Poll duration
        </label>
        <select
          id="poll-duration"
          value={String(poll.expiresIn)}
          onChange={(e) => onChange({ ...poll, expiresIn: Number(e.currentTarget.value) })}
        >
          {DURATIONS.map(([s, l]) => (
            <option key={s} value={String(s)}>
              {l}
            </option>
          ))}
        </select>
        <label class="check">
          <input type="checkbox" checked={poll.multiple} onChange={(e) => onChange({ ...poll, multiple: e.currentTarget.checked })} />{" "}
          Multiple choice
        </label>
        <button type="button" class="link" onClick={onRemove}>
          Remove poll
        </button>
      </div>
    </fieldset>
  );
}

/** A post's poll: a form to vote while it is open and unanswered, results otherwise. */
export function PollView({
  poll,
  mine,
  onChange,
}: {
  poll: mastodon.v1.Poll;
  mine: boolean;
  onChange(p: mastodon.v1.Poll): void;
}): JSX.Element {
  const app = useApp();
  // Option titles' custom emoji come with the poll (Poll.emojis), as Mastodon serves them.
  const emojis = (poll as { emojis?: readonly EmojiRef[] }).emojis ?? [];
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [showResults, setShowResults] = useState(false);
  const canVote = !poll.expired && !poll.voted && !mine && !showResults;
  const total = poll.multiple ? (poll.votersCount ?? poll.votesCount) : poll.votesCount;

  const vote = async (e: Event) => {
    e.preventDefault();
    if (!picked.length) return;
    setBusy(true);
    try {
      onChange(await app.client.v1.polls.$select(poll.id).votes.create({ choices: picked }));
      app.toast("Your vote was counted");
    } catch (err) {
      app.toast(errorText(err, "vote"), "error");
    } finally {
      setBusy(false);
    }
  };

  const footer = (
    <p class="poll-meta">
      {total} {total === 1 ? "person" : "people"} ·{" "}
      {poll.expired ? (
        "Closed"
      ) : poll.expiresAt ? (
        <>
          {Date.parse(poll.expiresAt) > Date.now() ? "Closes " : "Closed "}
          <RelativeTime iso={poll.expiresAt} />
        </>
      ) : (
        "Open"
      )}
    </p>
  );

  if (canVote) {
    const type = poll.multiple ? "checkbox" : "radio";
    return (
      <form class="poll" onSubmit={vote} aria-label="Poll">
        <fieldset>
          <legend class="visually-hidden">{poll.multiple ? "Choose one or more" : "Choose one"}</legend>
          {poll.options.map((o, i) => (
            <label class="poll-choice" key={i}>
              <input
                type={type}
                name={`poll-${poll.id}`}
                checked={picked.includes(i)}
                onChange={(e) =>
                  setPicked(poll.multiple ? (e.currentTarget.checked ? [...picked, i] : picked.filter((x) => x !== i)) : [i])
                }
              />
              <span>
                <EmojiText text={o.title} emojis={emojis} />
              </span>
            </label>
          ))}
        </fieldset>
        <div class="poll-actions">
          <button type="submit" class="primary" disabled={busy || !picked.length}>
            Vote
          </button>
          <button type="button" class="link" onClick={() => setShowResults(true)}>
            See results
          </button>
        </div>
        {footer}
      </form>
    );
  }
  return (
    <div class="poll" role="group" aria-label="Poll results">
      <ul class="poll-results">
        {poll.options.map((o, i) => {
          const pct = total ? Math.round(((o.votesCount ?? 0) / total) * 100) : 0;
          const own = poll.ownVotes?.includes(i);
          return (
            <li key={i} class={own ? "own" : ""}>
              <span class="poll-pct">{pct}%</span>{" "}
              <span>
                <EmojiText text={o.title} emojis={emojis} />
              </span>
              {own && <span class="visually-hidden"> (your choice)</span>}
              {own && <span aria-hidden="true"> ✓</span>}
              <span class="poll-bar" style={{ width: `${pct}%` }} />
            </li>
          );
        })}
      </ul>
      {showResults && !poll.voted && !poll.expired && (
        <button type="button" class="link" onClick={() => setShowResults(false)}>
          Back to voting
        </button>
      )}
      {footer}
    </div>
  );
}
