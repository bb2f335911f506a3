/** S3-compatible storage through Bun's built-in S3 client (path-style when an endpoint is set). */
import { S3Client } from "bun";
import type { Storage, StoredObject } from "./storage";

/** Settings from S3_* / AWS_* environment variables. */
export interface S3Config {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** CDN host serving the bucket: public URLs become https://<aliasHost>/<key>. */
  aliasHost?: string;
}

function checkKey(key: string): string {
  if (!key || key.startsWith("/") || key.split("/").some((p) => p === ".." || p === ".")) throw new Error(`invalid storage key ${key}`);
  return key;
}

/** Objects in one bucket, uploaded public-read like Mastodon's default S3_PERMISSION. */
export class S3Storage implements Storage {
  private client: S3Client;
  constructor(private cfg: S3Config) {
    this.client = new S3Client({
      bucket: cfg.bucket,
      endpoint: cfg.endpoint,
      region: cfg.region,
      accessKeyId: cfg.accessKeyId,
      secretAccessKey: cfg.secretAccessKey,
    });
  }
  async put(key: string, data: Uint8Array | ArrayBuffer | Blob, contentType: string): Promise<void> {
    await this.client.write(checkKey(key), data, { type: contentType, acl: "public-read" });
  }
  async get(key: string): Promise<Blob | null> {
    const f = this.client.file(checkKey(key));
    if (!(await f.exists())) return null;
    return new Blob([await f.arrayBuffer()], { type: f.type });
  }
  async delete(key: string): Promise<void> {
    await this.client.delete(checkKey(key));
  }
  async *list(prefix: string): AsyncIterable<StoredObject> {
    let continuationToken: string | undefined;
    do {
      const page = await this.client.list({ prefix, continuationToken, maxKeys: 1000 });
      for (const o of page.contents ?? [])
        yield { key: o.key, size: o.size ?? 0, modifiedAt: o.lastModified ? Date.parse(o.lastModified) : 0 };
      continuationToken = page.isTruncated ? page.nextContinuationToken : undefined;
    } while (continuationToken);
  }
  url(key: string): string {
    if (this.cfg.aliasHost) return `https://${this.cfg.aliasHost}/${key}`;
    if (this.cfg.endpoint) return `${this.cfg.endpoint.replace(/\/+$/, "")}/${this.cfg.bucket}/${key}`;
    return `https://${this.cfg.bucket}.s3.${this.cfg.region}.amazonaws.com/${key}`;
  }
}
