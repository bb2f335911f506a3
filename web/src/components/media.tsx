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

const KIND: Record<string, string> = { image: "image", gifv: "GIF", video: "video", audio: "audio", unknown: "file" };

const kindName = (type: string) => KIND[type] ?? "file";
const capital = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** The accessible name of a player: the alt text, or what it is when there is none. */
function describe(m: Media): string {
  return m.description || `${capital(kindName(m.type))} without a description`;
}

/** Whether the reader asked for less motion (no autoplaying GIFs then). */
export function reducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
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

  const still = reducedMotion();

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
            <>
              <video
                src={m.url ?? undefined}
                poster={m.previewUrl ?? undefined}
                controls={m.type === "video" || still}
                autoPlay={m.type === "gifv" && !still}
                loop={m.type === "gifv"}
                muted={m.type === "gifv"}
                playsInline
                preload={m.type === "gifv" && !still ? "auto" : "metadata"}
                aria-label={describe(m)}
                style={{ objectPosition: objectPosition((m.meta as any)?.focus) }}
              />
              <button
                type="button"
                class="media-expand"
                onClick={() => show(m)}
                aria-label={`Expand ${kindName(m.type)}: ${m.description || "no description"}`}
              >
                <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path fill="currentColor" d="M4 4h6v2H6v4H4V4zm10 0h6v6h-2V6h-4V4zM4 14h2v4h4v2H4v-6zm14 0h2v6h-6v-2h4v-4z" />
                </svg>
              </button>
            </>
          ) : m.type === "audio" ? (
            <div class="media-audio">
              {m.previewUrl && m.previewUrl !== m.url ? (
                <img src={m.previewUrl} alt="" loading="lazy" decoding="async" />
              ) : (
                <svg class="audio-cover" width="48" height="48" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path fill="currentColor" d="M12 3v10.6A4 4 0 1 0 14 17V7h4V3h-6z" />
                </svg>
              )}
              <audio src={m.url ?? undefined} controls preload="metadata" aria-label={describe(m)} />
            </div>
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
              title={`Show ${kindName(m.type)} description`}
              onClick={() => setAlt(alt === m.id ? null : m.id)}
            >
              ALT<span class="visually-hidden"> ({kindName(m.type)} description)</span>
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
          aria-label={capital(kindName(open.type))}
          onClose={() => setOpen(null)}
          onClick={(e) => e.target === dialog.current && dialog.current?.close()}
        >
          {open.type === "video" || open.type === "gifv" ? (
            <video
              src={open.url ?? undefined}
              poster={open.previewUrl ?? undefined}
              controls
              autoPlay={!still}
              loop={open.type === "gifv"}
              muted={open.type === "gifv"}
              playsInline
              aria-label={describe(open)}
            />
          ) : (
            <img src={open.url ?? open.previewUrl ?? ""} alt={open.description ?? ""} />
          )}
          {open.description && <p class="alt-text">{open.description}</p>}
          <form method="dialog">
            <button autoFocus>Close</button>
          </form>
        </dialog>
      )}
    </div>
  );
}
