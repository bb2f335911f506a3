/**
 * Media attachments: a grid of lazy images/videos over their blurhash placeholders, covered by
 * the blurhash alone while sensitive, cropped around the focal point, alt text on demand, a lightbox.
 */
import type { JSX } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { mastodon } from "masto";
import { decode } from "blurhash";
import { objectPosition } from "./focal-point";
import { readingPrefs } from "../lib/prefs";

type Media = mastodon.v1.MediaAttachment;

/** Paints a blurhash into a small canvas that CSS stretches over the media's box. */
export function Blurhash({ hash }: { hash: string }): JSX.Element {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const ctx = c?.getContext("2d");
    if (!c || !ctx) return;
    try {
      const pixels = decode(hash, 32, 32);
      const img = ctx.createImageData(32, 32);
      img.data.set(pixels);
      ctx.putImageData(img, 0, 0);
    } catch {
      // An invalid hash leaves the plain background colour.
    }
  }, [hash]);
  return <canvas ref={ref} class="blurhash" width={32} height={32} aria-hidden="true" />;
}

/** Shows a status's attachments; sensitive ones stay covered until the reader asks. */
export function MediaGallery({ media, sensitive }: { media: Media[]; sensitive: boolean }): JSX.Element {
  const [revealed, setRevealed] = useState(() => {
    const pref = readingPrefs().expandMedia;
    return pref === "show_all" ? true : pref === "hide_all" ? false : !sensitive;
  });
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
          {m.blurhash && <Blurhash hash={m.blurhash} />}
          {!revealed ? null : m.type === "video" || m.type === "gifv" ? (
            <video
              src={m.url ?? undefined}
              poster={m.previewUrl ?? undefined}
              controls={m.type === "video"}
              autoPlay={false}
              loop={m.type === "gifv"}
              muted={m.type === "gifv"}
              aria-label={m.description || "Video without a description"}
              preload="none"
            />
          ) : m.type === "audio" ? (
            <audio src={m.url ?? undefined} controls aria-label={m.description || "Audio without a description"} preload="none" />
          ) : (
            <button
              type="button"
              class="media-open"
              onClick={() => show(m)}
              aria-label={`View image: ${m.description || "no description"}`}
              tabIndex={revealed ? 0 : -1}
            >
              <img
                src={m.previewUrl ?? m.url ?? ""}
                alt={m.description ?? ""}
                loading="lazy"
                decoding="async"
                style={{ objectPosition: objectPosition((m.meta as any)?.focus) }}
                onLoad={(e) => e.currentTarget.classList.add("loaded")}
              />
            </button>
          )}
          {m.description && revealed && (
            <button
              type="button"
              class="alt-badge"
              aria-expanded={alt === m.id}
              title="Show image description"
              onClick={() => setAlt(alt === m.id ? null : m.id)}
            >
              ALT<span class="visually-hidden"> (image description)</span>
            </button>
          )}
          {alt === m.id && <figcaption class="alt-text">{m.description}</figcaption>}
        </figure>
      ))}
      {!revealed && (
        <button type="button" class="sensitive-cover" onClick={() => setRevealed(true)}>
          <strong>{sensitive ? "Sensitive content" : "Media hidden"}</strong>
          <span>Select to show</span>
        </button>
      )}
      {revealed && (sensitive || readingPrefs().expandMedia === "hide_all") && (
        <button type="button" class="hide-media" onClick={() => setRevealed(false)}>
          Hide media
        </button>
      )}
      {open && (
        <dialog
          ref={dialog}
          class="lightbox"
          aria-label="Image"
          onClose={() => setOpen(null)}
          onClick={(e) => e.target === dialog.current && dialog.current?.close()}
        >
          <img src={open.url ?? open.previewUrl ?? ""} alt={open.description ?? ""} />
          {open.description && <p class="alt-text">{open.description}</p>}
          <form method="dialog">
            <button autoFocus>Close</button>
          </form>
        </dialog>
      )}
    </div>
  );
}
