/** The S3 side of backups: upload a finished backup folder, list, download and remove backups in a bucket. */
import { S3Client } from "bun";
import type { BackupTarget } from "../../config";

type S3Target = Extract<BackupTarget, { kind: "s3" }>;

/** A client for the target's bucket. */
export function s3Client(t: S3Target): S3Client {
  return new S3Client({
    bucket: t.bucket,
    endpoint: t.endpoint,
    region: t.region,
    accessKeyId: t.accessKeyId,
    secretAccessKey: t.secretAccessKey,
  });
}

/** The key of `path` inside backup `name` under the target's prefix. */
export function s3Key(t: S3Target, name: string, path = ""): string {
  return [t.prefix, name, path].filter(Boolean).join("/");
}

/** s3://bucket/prefix/name for messages. */
export function s3Url(t: S3Target, name: string): string {
  return `s3://${t.bucket}/${s3Key(t, name)}`;
}

/** Every object key under `prefix` (paged). */
export async function listKeys(client: S3Client, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let startAfter: string | undefined;
  for (;;) {
    const page = await client.list({ prefix, maxKeys: 1000, ...(startAfter ? { startAfter } : {}) });
    const got = (page.contents ?? []).map((c) => c.key);
    keys.push(...got);
    if (!page.isTruncated || got.length === 0) return keys;
    startAfter = got[got.length - 1];
  }
}

/** Names of the backups under the target's prefix that have a manifest.json (complete ones). */
export async function listS3Backups(t: S3Target): Promise<string[]> {
  const client = s3Client(t);
  const base = t.prefix ? `${t.prefix}/` : "";
  const names = new Set<string>();
  for (const key of await listKeys(client, base)) {
    const rest = key.slice(base.length).split("/");
    if (rest.length === 2 && rest[1] === "manifest.json") names.add(rest[0]!);
  }
  return [...names].sort();
}

/** Deletes every object of backup `name` (manifest.json first, so a half-deleted one counts as incomplete). */
export async function removeS3Backup(t: S3Target, name: string): Promise<void> {
  const client = s3Client(t);
  const keys = await listKeys(client, `${s3Key(t, name)}/`);
  const manifest = keys.filter((k) => k.endsWith("/manifest.json"));
  for (const k of [...manifest, ...keys.filter((k) => !manifest.includes(k))]) await client.delete(k);
}
