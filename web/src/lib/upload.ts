/**
 * Media uploads with progress: POST /api/v2/media through XMLHttpRequest (fetch has no upload
 * progress), then, for a 202 (still processing), GET /api/v1/media/:id until the url is set.
 */
import type { mastodon } from "masto";
import { camelize } from "./api";

type Media = mastodon.v1.MediaAttachment;

/** Sends `file`; `onProgress` gets 0..1 as bytes leave. Resolves with the attachment and whether it is still processing. */
export function uploadMedia(
  token: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<{ media: Media; processing: boolean }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v2/media");
    xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: any = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: reported below by status.
      }
      if (xhr.status === 200 || xhr.status === 202) {
        onProgress(1);
        resolve({ media: camelize<Media>(body), processing: xhr.status === 202 || !body?.url });
      } else reject(new Error(body?.error || `The server answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error("The network failed during the upload"));
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

/** Polls GET /api/v1/media/:id (206 while processing) until the url is set; gives up after `limitMs`. */
export async function waitProcessed(token: string, id: string, limitMs = 10 * 60_000): Promise<Media> {
  const until = Date.now() + limitMs;
  for (let delay = 500; Date.now() < until; delay = Math.min(delay * 1.5, 5000)) {
    const r = await fetch(`/api/v1/media/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } });
    if (r.status === 200) {
      const media = camelize<Media>(await r.json());
      if (media.url) return media;
    } else if (r.status !== 206) {
      const body = await r.json().catch(() => null);
      throw new Error(body?.error || `The file could not be processed (${r.status})`);
    }
    await new Promise((ok) => setTimeout(ok, delay));
  }
  throw new Error("The file is taking too long to process");
}
