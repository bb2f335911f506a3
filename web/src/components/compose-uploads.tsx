/**
 * The composer's attachments: a thumbnail (with the focal point picker for images), the alt text,
 * upload progress, the "processing" state of a video the server is still transcoding, errors, and
 * Remove. The composer keeps the list; this draws it and reports edits.
 */
import type { JSX } from "preact";
import type { mastodon } from "masto";
import { Icon } from "./icons";
import { FocalPoint } from "./focal-point";

export interface Upload {
  key: string;
  /** The picked file; absent for media the edited or redrafted post already has. */
  file?: File;
  preview: string;
  description: string;
  /** Focal point, -1..1 on both axes (y up), as Mastodon's `focus`. */
  focus: { x: number; y: number };
  media?: mastodon.v1.MediaAttachment;
  /** 0..1 of the bytes sent, while uploading. */
  progress?: number;
  /** Uploaded, and the server is still transcoding it (202, url null). */
  processing?: boolean;
  /** image | video | gifv | audio: from the file while uploading, then from the server. */
  kind: string;
  error?: string;
}

/** A still to show for an upload: the server's preview, unless it is the file itself (audio without a cover). */
export const coverOf = (m: mastodon.v1.MediaAttachment) => (m.previewUrl && m.previewUrl !== m.url ? m.previewUrl : "");

const KIND_NAME: Record<string, string> = { image: "image", gifv: "GIF", video: "video", audio: "audio" };

export function UploadList({
  uploads,
  onChange,
  onRemove,
}: {
  uploads: Upload[];
  onChange: (key: string, patch: Partial<Upload>) => void;
  onRemove: (key: string) => void;
}): JSX.Element | null {
  if (uploads.length === 0) return null;
  return (
    <ul class="uploads">
      {uploads.map((u, i) => (
        <li key={u.key}>
          {u.kind === "image" || (u.kind === "gifv" && u.preview) ? (
            <FocalPoint src={u.preview} index={i + 1} focus={u.focus} onChange={(focus) => onChange(u.key, { focus })} />
          ) : (
            <span class={`upload-thumb ${u.kind}`}>
              {u.preview ? (
                <img src={u.preview} alt="" width={72} height={72} />
              ) : (
                <Icon name={u.kind === "audio" ? "audio" : "video"} size={32} />
              )}
            </span>
          )}
          <div>
            <label for={`alt-${u.key}`}>
              Description (alt text) for {KIND_NAME[u.kind] ?? "image"} {i + 1}
            </label>
            <textarea
              id={`alt-${u.key}`}
              class="alt-input"
              rows={4}
              value={u.description}
              maxLength={1500}
              onInput={(e) => onChange(u.key, { description: e.currentTarget.value })}
            />
            {!u.media && !u.error && !u.processing && (
              <p class="upload-progress">
                <label for={`progress-${u.key}`}>Uploading…</label>
                <progress id={`progress-${u.key}`} max={100} value={Math.round((u.progress ?? 0) * 100)}>
                  {Math.round((u.progress ?? 0) * 100)}%
                </progress>
              </p>
            )}
            {u.processing && !u.error && (
              <p class="muted" role="status">
                Processing {KIND_NAME[u.kind] ?? "file"}… you can post when it is ready.
              </p>
            )}
            {u.error && (
              <p class="error-text" role="alert">
                {u.error}
              </p>
            )}
          </div>
          <button type="button" onClick={() => onRemove(u.key)} aria-label={`Remove ${KIND_NAME[u.kind] ?? "image"} ${i + 1}`}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
