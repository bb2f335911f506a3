/** Media attachments: a grid of lazy images/videos, blurred when sensitive, alt text on demand, a lightbox. */
import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import type { mastodon } from "masto";

type Media = mastodon.v1.MediaAttachment;

/** Shows a status's attachments; sensitive ones stay covered until the reader asks. */
export function MediaGallery({ media, sensitive }: { media: Media[]; sensitive: boolean }): JSX.Element {
  const [revealed, setRevealed] = useState(!sensitive);
  const [alt, setAlt] = useState<string | null>(null);
  const [open, setOpen] = useState<Media | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  const show = (m: Media) => {
    setOpen(m);
    queueMicrotask(() => dialog.current?.showModal?.());
  };

  return (
    <div class={`media count-${Math.min(media.length, 4)}`}>
      {media.map((m) => (
        <figure class="media-item" key={m.id}>
          {m.type === "video" || m.type === "gifv" ? (
            <video src={m.url ?? undefined} poster={m.previewUrl ?? undefined} controls={m.type === "video"} autoPlay={false} loop={m.type === "gifv"} muted={m.type === "gifv"} aria-label={m.description || "Video without a description"} preload="none" />
          ) : m.type === "audio" ? (
            <audio src={m.url ?? undefined} controls aria-label={m.description || "Audio without a description"} preload="none" />
          ) : (
            <button type="button" class="media-open" onClick={() => show(m)} aria-label={`View image: ${m.description || "no description"}`} tabIndex={revealed ? 0 : -1}>
              <img src={m.previewUrl ?? m.url ?? ""} alt={m.description ?? ""} loading="lazy" decoding="async" />
            </button>
          )}
          {m.description && revealed && (
            <button type="button" class="alt-badge" aria-expanded={alt === m.id} aria-label="Show image description" onClick={() => setAlt(alt === m.id ? null : m.id)}>ALT</button>
          )}
          {alt === m.id && <figcaption class="alt-text">{m.description}</figcaption>}
        </figure>
      ))}
      {!revealed && (
        <button type="button" class="sensitive-cover" onClick={() => setRevealed(true)}>
          <strong>Sensitive content</strong>
          <span>Select to show</span>
        </button>
      )}
      {revealed && sensitive && (
        <button type="button" class="hide-media" onClick={() => setRevealed(false)}>Hide media</button>
      )}
      {open && (
        <dialog ref={dialog} class="lightbox" aria-label="Image" onClose={() => setOpen(null)} onClick={(e) => e.target === dialog.current && dialog.current?.close()}>
          <img src={open.url ?? open.previewUrl ?? ""} alt={open.description ?? ""} />
          {open.description && <p class="alt-text">{open.description}</p>}
          <form method="dialog"><button autoFocus>Close</button></form>
        </dialog>
      )}
    </div>
  );
}
