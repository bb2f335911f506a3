/** Media storage behind one interface; the local-disk backend lives under DATA_DIR/media. */
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";

/** Where uploaded and cached files go. Keys look like `accounts/avatars/<id>/<name>.png`. */
export interface Storage {
  put(key: string, data: Uint8Array | ArrayBuffer | Blob, contentType: string): Promise<void>;
  get(key: string): Promise<Blob | null>;
  delete(key: string): Promise<void>;
  /** Public URL of a stored key. */
  url(key: string): string;
  /** Every stored object whose key starts with `prefix` (for usage figures and orphan sweeps). */
  list(prefix: string): AsyncIterable<StoredObject>;
}

/** One stored object as `Storage.list` yields it. */
export interface StoredObject {
  key: string;
  size: number;
  /** Last modification, ms since the epoch. */
  modifiedAt: number;
}

/** Files on local disk, served by the server at /system/<key>. */
export class DiskStorage implements Storage {
  constructor(
    private root: string,
    private publicUrl: (key: string) => string,
  ) {}

  private path(key: string): string {
    const p = normalize(join(this.root, key));
    if (!p.startsWith(this.root + "/")) throw new Error(`invalid storage key ${key}`);
    return p;
  }
  async put(key: string, data: Uint8Array | ArrayBuffer | Blob, _contentType: string): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    await Bun.write(p, data);
  }
  async get(key: string): Promise<Blob | null> {
    let p: string;
    try {
      p = this.path(key);
    } catch {
      return null;
    }
    const f = Bun.file(p);
    return (await f.exists()) ? f : null;
  }
  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
  url(key: string): string {
    return this.publicUrl(key);
  }
  async *list(prefix: string): AsyncIterable<StoredObject> {
    // Walk the directory holding the prefix, then keep the keys that really start with it.
    const dir = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
    let names: string[];
    try {
      names = (await readdir(join(this.root, dir), { recursive: true })) as string[];
    } catch {
      return;
    }
    for (const name of names) {
      const key = dir ? `${dir}/${name}` : name;
      if (!key.startsWith(prefix)) continue;
      const st = await stat(join(this.root, key)).catch(() => null);
      if (st?.isFile()) yield { key, size: st.size, modifiedAt: st.mtimeMs };
    }
  }
}
