/**
 * `hearth admin media usage` (as `tootctl media usage`): bytes in media storage by what they
 * are, from the stored files themselves, plus the database file.
 */
import type { AppContext } from "../../context";
import { listProfileImageKeys } from "../../db/queries/accounts-remote";
import { listMediaFileKeys } from "../../db/queries/media-attachments";
import { databaseBytes } from "../../db/maintenance";
import type { StoredObject } from "../../media/storage";

/** The categories, in the order they are shown. */
export const USAGE_CATEGORIES = [
  "Attachments (local)",
  "Attachments (remote cache)",
  "Avatars and headers (local)",
  "Avatars and headers (remote cache)",
  "Custom emoji",
  "Orphaned files",
  "Other files",
] as const;

/** One category's total. */
export interface UsageLine {
  name: (typeof USAGE_CATEGORIES)[number] | "Database";
  files: number;
  bytes: number;
}

const MEDIA = /^media_attachments\/files\/(\d+)\//;
const PROFILE = /^accounts\/(?:avatars|headers)\/(\d+)\//;
const BATCH = 500;

/** Walks media storage once and sums sizes by category; the database file comes last. */
export async function mediaUsage(ctx: AppContext): Promise<UsageLine[]> {
  const totals = new Map<UsageLine["name"], UsageLine>(USAGE_CATEGORIES.map((name) => [name, { name, files: 0, bytes: 0 }]));
  const add = (name: UsageLine["name"], o: StoredObject) => {
    const t = totals.get(name)!;
    t.files++;
    t.bytes += o.size;
  };
  let batch: StoredObject[] = [];
  const flush = () => {
    const mediaIds = batch.flatMap((o) => (MEDIA.test(o.key) ? [Number(MEDIA.exec(o.key)![1])] : []));
    const accountIds = batch.flatMap((o) => (PROFILE.test(o.key) ? [Number(PROFILE.exec(o.key)![1])] : []));
    const media = new Map<string, boolean>();
    for (const r of listMediaFileKeys(ctx.db, mediaIds)) for (const k of [r.file_key, r.thumbnail_key]) if (k) media.set(k, !!r.remote);
    const profile = new Map<string, boolean>();
    for (const r of listProfileImageKeys(ctx.db, accountIds))
      for (const k of [r.avatar_path, r.header_path]) if (k) profile.set(k, !!r.remote);
    for (const o of batch) {
      if (MEDIA.test(o.key)) {
        const remote = media.get(o.key);
        add(remote === undefined ? "Orphaned files" : remote ? "Attachments (remote cache)" : "Attachments (local)", o);
      } else if (PROFILE.test(o.key)) {
        const remote = profile.get(o.key);
        add(remote === undefined ? "Orphaned files" : remote ? "Avatars and headers (remote cache)" : "Avatars and headers (local)", o);
      } else if (o.key.startsWith("custom_emojis/")) add("Custom emoji", o);
      else add("Other files", o);
    }
    batch = [];
  };
  for await (const o of ctx.storage.list("")) {
    batch.push(o);
    if (batch.length >= BATCH) flush();
  }
  flush();
  return [...totals.values(), { name: "Database", files: 1, bytes: databaseBytes(ctx.db) }];
}
