/**
 * The composer: text with a live character count against the server's limit, content warning,
 * visibility, language, images with alt text and a focal point (uploaded via /api/v2/media), a
 * poll, mention and hashtag autocomplete, replies, and a draft kept in localStorage until sent.
 */
import type { JSX } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { emit } from "../lib/bus";
import { errorText } from "../lib/errors";
import { countCharacters, displayName, htmlToText } from "../lib/format";
import { useApp, type Editing } from "../lib/state";
import { Avatar } from "./bits";
import { Icon } from "./icons";
import { ChoiceMenu, type Choice } from "./choice-menu";
import { uploadMedia, waitProcessed } from "../lib/upload";
import { useAutocomplete } from "./autocomplete";
import { QuotingPreview } from "./quote";
import { EmojiText } from "../lib/emoji";
import { EmojiPicker } from "./emoji-picker";
import { coverOf, UploadList, type Upload } from "./compose-uploads";
import { NEW_POLL, nearestDuration, PollEditor, type PollDraft } from "./poll";
import { defaultScheduleValue, isoFromLocalInput, ScheduleField, scheduleProblem } from "../screens/scheduled";

type Visibility = "public" | "unlisted" | "private" | "direct";

interface Draft {
  text: string;
  cw: string;
  cwOn: boolean;
  visibility: Visibility;
  language: string;
  poll?: PollDraft | null;
}

const LANGUAGES: [string, string][] = [
  ["en", "English"],
  ["de", "Deutsch"],
  ["es", "Español"],
  ["fr", "Français"],
  ["it", "Italiano"],
  ["ja", "日本語"],
  ["nl", "Nederlands"],
  ["pl", "Polski"],
  ["pt", "Português"],
  ["sv", "Svenska"],
  ["uk", "Українська"],
  ["zh", "中文"],
];

const VISIBILITIES: Choice[] = [
  { value: "public", label: "Public", hint: "Anyone, in public timelines" },
  { value: "unlisted", label: "Unlisted", hint: "Anyone, kept out of public timelines" },
  { value: "private", label: "Followers only", hint: "Only your followers" },
  { value: "direct", label: "Mentioned only", hint: "Only the people mentioned" },
];
/** Who may quote the post (Mastodon 4.5's quote_approval_policy), a section of the visibility menu. */
const QUOTE_POLICIES: Choice[] = [
  { value: "public", label: "Anyone" },
  { value: "followers", label: "Followers" },
  { value: "nobody", label: "Only you" },
];
const VISIBILITY_ICON: Record<Visibility, string> = { public: "globe", unlisted: "unlock", private: "lock", direct: "mention" };

const draftKey = (replyId?: string) => `hearth.draft.${replyId ?? "new"}`;

function loadDraft(replyId: string | undefined, fallback: Draft): Draft {
  try {
    return { ...fallback, ...JSON.parse(localStorage.getItem(draftKey(replyId)) || "{}") };
  } catch {
    return fallback;
  }
}

/** The composer's starting point for an edit or a redraft: the post's source, media and poll. */
function fromEditing(e: Editing, fallbackLanguage: string): { draft: Draft; uploads: Upload[] } {
  const s = e.status;
  const poll = s.poll
    ? {
        options: s.poll.options.map((o) => o.title),
        multiple: s.poll.multiple,
        expiresIn: nearestDuration(s.poll.expiresAt ? (Date.parse(s.poll.expiresAt) - Date.parse(s.createdAt)) / 1000 : 86400),
      }
    : null;
  return {
    draft: {
      text: e.text,
      cw: e.spoilerText,
      cwOn: !!e.spoilerText,
      visibility: s.visibility as Visibility,
      language: s.language || fallbackLanguage,
      poll,
    },
    uploads: s.mediaAttachments.map((m) => ({
      key: m.id,
      preview: m.previewUrl ?? m.url ?? "",
      description: m.description ?? "",
      focus: { x: (m.meta as any)?.focus?.x ?? 0, y: (m.meta as any)?.focus?.y ?? 0 },
      media: m,
      kind: m.type,
    })),
  };
}

/** The composer; `onPosted` runs after a successful post (e.g. to leave the /compose page). */
export function Compose({ onPosted, autoFocus }: { onPosted?: () => void; autoFocus?: boolean }): JSX.Element {
  const app = useApp();
  const replyTo = app.replyTo;
  const editing = app.editing;
  /** Editing in place (PUT): the visibility is locked as in Mastodon. A redraft posts anew. */
  const editInPlace = !!editing && !editing.redraft;
  const browserLang = (navigator.language || "en").slice(0, 2);
  const defaults: Draft = {
    text: replyTo ? mentionsFor(replyTo, app.me.acct) : "",
    cw: replyTo?.spoilerText ?? "",
    cwOn: !!replyTo?.spoilerText,
    visibility: (replyTo?.visibility as Visibility) ?? ((app.me as any).source?.privacy as Visibility) ?? "public",
    language: (app.me as any).source?.language || browserLang,
  };
  const [d, setD] = useState<Draft>(() => (editing ? fromEditing(editing, defaults.language).draft : loadDraft(replyTo?.id, defaults)));
  const [uploads, setUploads] = useState<Upload[]>(() => (editing ? fromEditing(editing, defaults.language).uploads : []));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const quoting = app.quoting;
  /** Who may quote the new post (Mastodon 4.5's quote_approval_policy); private and direct posts: nobody. */
  const [quotePolicy, setQuotePolicy] = useState<string>(() => (app.me as any).source?.quotePolicy || "public");
  const quotable = d.visibility === "public" || d.visibility === "unlisted";
  /** The "Publish at" value while scheduling (datetime-local), null when posting now. */
  const [schedule, setSchedule] = useState<string | null>(null);
  const text = useRef<HTMLTextAreaElement>(null);

  // A layout effect: the reply's mentions are in the box before the browser paints (or a test reads it).
  useLayoutEffect(() => {
    if (editing) {
      const start = fromEditing(editing, defaults.language);
      setD(start.draft);
      setUploads(start.uploads);
      setError(null);
      requestAnimationFrame(() => text.current?.focus());
      return;
    }
    setD(loadDraft(replyTo?.id, defaults));
    setError(null);
    if (replyTo) {
      const t = text.current;
      t?.focus();
      t?.setSelectionRange(t.value.length, t.value.length);
    }
  }, [replyTo?.id, editing]);

  useEffect(() => {
    if (autoFocus) text.current?.focus();
  }, []);

  const set = (patch: Partial<Draft>) => {
    const next = { ...d, ...patch };
    setD(next);
    if (editing) return;
    if (next.text || next.cw) localStorage.setItem(draftKey(replyTo?.id), JSON.stringify(next));
    else localStorage.removeItem(draftKey(replyTo?.id));
  };

  const { maxCharacters, urlLength, maxMedia } = app.limits;
  const used = countCharacters(d.text, urlLength) + (d.cwOn ? Array.from(d.cw).length : 0);
  const left = maxCharacters - used;
  const uploading = uploads.some((u) => (!u.media || u.processing) && !u.error);
  const pollOk = !d.poll || d.poll.options.filter((o) => o.trim()).length >= 2;
  const canPost = !busy && !uploading && left >= 0 && pollOk && (d.text.trim().length > 0 || uploads.some((u) => u.media));
  const ac = useAutocomplete(text, (value, caret) => {
    set({ text: value });
    requestAnimationFrame(() => {
      text.current?.focus();
      text.current?.setSelectionRange(caret, caret);
    });
  });

  /** Puts `:shortcode:` at the caret, with spaces around it where needed. */
  const insertEmoji = (code: string) => {
    const t = text.current;
    const at = t ? (t.selectionStart ?? d.text.length) : d.text.length;
    const before = d.text.slice(0, at);
    const after = d.text.slice(at);
    const piece = `${before && !/\s$/.test(before) ? " " : ""}:${code}: `;
    set({ text: before + piece + after });
    const caret = before.length + piece.length;
    requestAnimationFrame(() => {
      text.current?.focus();
      text.current?.setSelectionRange(caret, caret);
    });
  };

  const patchUpload = (key: string, p: Partial<Upload>) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, ...p } : x)));

  const addFiles = async (files: FileList | null) => {
    if (!files) return;
    const room = maxMedia - uploads.length;
    const picked = Array.from(files).slice(0, Math.max(0, room));
    if (files.length > room) setError(`You can attach at most ${maxMedia} files to a post.`);
    const fresh: Upload[] = picked.map((file) => ({
      key: `${file.name}-${Math.random()}`,
      file,
      preview: file.type.startsWith("image/") ? URL.createObjectURL(file) : "",
      description: "",
      focus: { x: 0, y: 0 },
      progress: 0,
      kind: file.type.split("/")[0] || "image",
    }));
    setUploads((u) => [...u, ...fresh]);
    for (const up of fresh) {
      try {
        const sent = await uploadMedia(app.token, up.file!, (progress) => patchUpload(up.key, { progress }));
        patchUpload(up.key, {
          progress: 1,
          processing: sent.processing,
          kind: sent.media.type,
          ...(sent.processing ? {} : { media: sent.media }),
        });
        if (sent.processing) {
          void waitProcessed(app.token, sent.media.id).then(
            (media) => patchUpload(up.key, { media, processing: false, kind: media.type, preview: up.preview || coverOf(media) }),
            (e) => patchUpload(up.key, { processing: false, error: errorText(e, `process ${up.file!.name}`) }),
          );
        } else if (!up.preview && coverOf(sent.media)) patchUpload(up.key, { preview: coverOf(sent.media) });
      } catch (e) {
        patchUpload(up.key, { error: errorText(e, `upload ${up.file!.name}`) });
      }
    }
  };

  const removeUpload = (key: string) => setUploads((u) => u.filter((x) => x.key !== key));

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!canPost) return;
    const notYet = schedule !== null ? scheduleProblem(schedule) : null;
    if (notYet) {
      setError(notYet);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (editInPlace) {
        const kept = uploads.filter((u) => u.media);
        const updated = await app.client.v1.statuses.$select(editing!.status.id).update({
          status: d.text,
          spoilerText: d.cwOn ? d.cw : "",
          sensitive: d.cwOn && kept.length > 0 ? true : undefined,
          language: d.language || undefined,
          mediaIds: d.poll ? [] : kept.map((u) => u.media!.id),
          mediaAttributes: kept.map((u) => ({ id: u.media!.id, description: u.description })),
          poll: d.poll
            ? { options: d.poll.options.map((o) => o.trim()).filter(Boolean), expiresIn: d.poll.expiresIn, multiple: d.poll.multiple }
            : undefined,
        } as any);
        setUploads([]);
        setD({ ...defaults, text: "", cw: "", cwOn: false, poll: null });
        app.clearEdit();
        emit({ type: "edited", status: updated });
        app.toast("Your post was updated");
        onPosted?.();
        return;
      }
      // Alt text is saved on each attachment just before posting, so editing it is free.
      for (const u of uploads) {
        const moved = u.focus.x !== 0 || u.focus.y !== 0;
        if (u.media && (u.description !== (u.media.description ?? "") || moved)) {
          await app.client.v1.media.$select(u.media.id).update({
            description: u.description,
            ...(moved ? { focus: `${u.focus.x.toFixed(2)},${u.focus.y.toFixed(2)}` } : {}),
          });
        }
      }
      const status = await app.client.v1.statuses.create({
        status: d.text,
        spoilerText: d.cwOn ? d.cw : undefined,
        sensitive: d.cwOn && uploads.length > 0 ? true : undefined,
        visibility: d.visibility,
        language: d.language || undefined,
        inReplyToId: replyTo?.id ?? (editing?.redraft ? (editing.status.inReplyToId ?? undefined) : undefined),
        mediaIds: d.poll ? undefined : uploads.filter((u) => u.media).map((u) => u.media!.id),
        poll: d.poll
          ? { options: d.poll.options.map((o) => o.trim()).filter(Boolean), expiresIn: d.poll.expiresIn, multiple: d.poll.multiple }
          : undefined,
        scheduledAt: schedule !== null ? isoFromLocalInput(schedule) : undefined,
        quotedStatusId: quoting?.id,
        quoteApprovalPolicy: quotable ? quotePolicy : "nobody",
      } as any);
      localStorage.removeItem(draftKey(replyTo?.id));
      uploads.forEach((u) => u.file && URL.revokeObjectURL(u.preview));
      setUploads([]);
      setD({ ...defaults, text: "", cw: "", cwOn: false, poll: null, visibility: d.visibility, language: d.language });
      app.clearReply();
      app.clearEdit();
      app.clearQuote();
      const scheduledFor = (status as { scheduledAt?: string }).scheduledAt;
      if (scheduledFor) {
        setSchedule(null);
        app.toast(`Scheduled for ${new Date(scheduledFor).toLocaleString()}`);
      } else {
        emit({ type: "posted", status });
        app.toast("Your post was published");
      }
      onPosted?.();
    } catch (err) {
      setError(errorText(err, "publish your post"));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (ac.onKeyDown(e)) return;
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void submit(e);
  };

  return (
    <form class="compose" onSubmit={submit} aria-label="Compose a post">
      {replyTo && (
        <>
          <p class="replying">
            Replying to <strong>@{replyTo.account.acct}</strong>{" "}
            <button type="button" class="link" onClick={app.clearReply}>
              Cancel reply
            </button>
          </p>
          <blockquote class="reply-preview" aria-label={`The post you are replying to, by ${displayName(replyTo.account)}`}>
            <Avatar account={replyTo.account} size={32} />
            <div>
              <strong class="name">
                <bdi>
                  <EmojiText text={displayName(replyTo.account)} emojis={replyTo.account.emojis} />
                </bdi>
              </strong>
              <p>{replyTo.spoilerText ? `CW: ${replyTo.spoilerText}` : htmlToText(replyTo.content).slice(0, 280)}</p>
            </div>
          </blockquote>
        </>
      )}
      {editing && !editing.mention && (
        <p class="replying">
          {editing.redraft ? "Redrafting your deleted post" : "Editing your post"}{" "}
          <button type="button" class="link" onClick={app.clearEdit}>
            {editing.redraft ? "Discard" : "Cancel editing"}
          </button>
        </p>
      )}
      {quoting && <QuotingPreview status={quoting} onRemove={app.clearQuote} />}
      {d.cwOn && (
        <>
          <label for="compose-cw" class="visually-hidden">
            Content warning
          </label>
          <input
            id="compose-cw"
            class="cw-input"
            type="text"
            placeholder="Content warning"
            value={d.cw}
            onInput={(e) => set({ cw: e.currentTarget.value })}
          />
        </>
      )}
      <label for="compose-text" class="visually-hidden">
        Post text
      </label>
      <textarea
        id="compose-text"
        ref={text}
        rows={5}
        placeholder={replyTo ? "Write your reply" : "What's on your mind?"}
        value={d.text}
        onInput={(e) => {
          set({ text: e.currentTarget.value });
          ac.update();
        }}
        onKeyDown={onKeyDown}
        onKeyUp={(e) => {
          if (e.key === "ArrowLeft" || e.key === "ArrowRight" || e.key === "Home" || e.key === "End") ac.update();
        }}
        onClick={ac.update}
        onBlur={() => setTimeout(ac.update, 150)}
        aria-describedby="compose-count"
        {...ac.inputProps}
      />
      {ac.list}
      <UploadList uploads={uploads} onChange={patchUpload} onRemove={removeUpload} />
      {schedule !== null && <ScheduleField value={schedule} onChange={setSchedule} />}
      {d.poll && <PollEditor poll={d.poll} onChange={(poll) => set({ poll })} onRemove={() => set({ poll: null })} />}
      <div class="compose-tools">
        <label class={`file-button${d.poll ? " disabled" : ""}`} title="Add images, a video or audio">
          <Icon name="image" />
          <span class="visually-hidden">Add image</span>
          <input
            type="file"
            accept="image/*,video/*,audio/*"
            multiple
            class="visually-hidden"
            disabled={uploads.length >= maxMedia || !!d.poll}
            onChange={(e) => {
              void addFiles(e.currentTarget.files);
              e.currentTarget.value = "";
            }}
          />
        </label>
        <button
          type="button"
          aria-pressed={!!d.poll}
          disabled={uploads.length > 0}
          title={uploads.length ? "A post can have media or a poll, not both" : "Poll"}
          onClick={() => set({ poll: d.poll ? null : { ...NEW_POLL, options: ["", ""] } })}
        >
          <Icon name="poll" />
          <span class="visually-hidden">Poll</span>
        </button>
        <EmojiPicker onPick={insertEmoji} />
        <button type="button" class="cw-button" aria-pressed={d.cwOn} title="Content warning" onClick={() => set({ cwOn: !d.cwOn })}>
          CW
        </button>
        {!editInPlace && (
          <button
            type="button"
            aria-pressed={schedule !== null}
            title="Schedule"
            onClick={() => setSchedule(schedule === null ? defaultScheduleValue() : null)}
          >
            <Icon name="clock" />
            <span class="visually-hidden">Schedule</span>
          </button>
        )}
        <ChoiceMenu
          id="compose-visibility"
          name={`Visibility: ${VISIBILITIES.find((v) => v.value === d.visibility)?.label ?? d.visibility}`}
          face={<Icon name={VISIBILITY_ICON[d.visibility]} />}
          title={editInPlace ? "The visibility of a post cannot be changed" : "Visibility and who can quote"}
          value={d.visibility}
          choices={VISIBILITIES}
          label="Visibility"
          sections={
            editInPlace
              ? []
              : [
                  {
                    id: "compose-quote-policy",
                    label: "Who can quote",
                    value: quotable ? quotePolicy : "nobody",
                    choices: QUOTE_POLICIES,
                    disabled: !quotable,
                    note: quotable ? undefined : "Followers-only posts and private mentions cannot be quoted",
                    onChange: setQuotePolicy,
                  },
                ]
          }
          disabled={editInPlace}
          onChange={(v) => set({ visibility: v as Visibility })}
        />
        <ChoiceMenu
          id="compose-language"
          name={`Language: ${LANGUAGES.find(([c]) => c === d.language)?.[1] ?? d.language}`}
          face={<span class="lang-code">{d.language.toUpperCase()}</span>}
          title="Language"
          value={d.language}
          choices={[
            ...(LANGUAGES.some(([c]) => c === d.language) ? [] : [{ value: d.language, label: d.language }]),
            ...LANGUAGES.map(([value, label]) => ({ value, label })),
          ]}
          onChange={(language) => set({ language })}
        />
      </div>
      <div class="compose-submit">
        <span id="compose-count" class={`count${left < 0 ? " over" : ""}`}>
          <span class="visually-hidden">Characters left: </span>
          {left}
        </span>
        <button type="submit" class="primary" disabled={!canPost}>
          {busy ? "Posting…" : editInPlace ? "Update" : schedule !== null ? "Schedule post" : replyTo ? "Reply" : "Post"}
        </button>
      </div>
      {error && (
        <p class="error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** "@author @others " for a reply, leaving out the replier. */
function mentionsFor(s: mastodon.v1.Status, self: string): string {
  const accts = [s.account.acct, ...s.mentions.map((m) => m.acct)].filter((a, i, all) => a !== self && all.indexOf(a) === i);
  return accts.length ? accts.map((a) => `@${a}`).join(" ") + " " : "";
}
