/** Helpers for media API tests: multipart uploads over raw fetch and a walk of stored files. */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TestServer } from "../../../rig";

/** POSTs a multipart upload; `file` may carry a client-claimed type and name. */
export function upload(
  s: TestServer,
  path: string,
  token: string | undefined,
  fields: Record<string, string | { bytes: Uint8Array<ArrayBuffer>; type?: string; name?: string }>,
  method = "POST",
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === "string") form.append(k, v);
    else form.append(k, new Blob([v.bytes], { type: v.type ?? "application/octet-stream" }), v.name ?? "upload.bin");
  }
  return s.api(method, path, { token, body: form });
}

/** Every file under a directory (recursively); empty when it does not exist. */
export function filesUnder(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const n of names) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out = out.concat(filesUnder(p));
    else out.push(p);
  }
  return out;
}
