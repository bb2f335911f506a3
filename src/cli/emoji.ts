/** `hearth admin emoji import|list|remove`, as tootctl emoji has them. */
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { AppContext } from "../context";
import { findCustomEmoji, listCustomEmojisForAdmin } from "../db/queries/custom-emojis";
import { ApiError } from "../model/errors";
import { createCustomEmoji, removeEmoji } from "../services/custom-emojis/manage";
import { readTar } from "./tar";

export const EMOJI_HELP = `  admin emoji import DIR|ARCHIVE [--category C] [--prefix P] [--suffix S] [--overwrite] [--unlisted]
                                          add PNG/GIF/WebP files (a folder or a .tar.gz) as custom emoji, named after the files
  admin emoji list [--remote | --domain D]  custom emoji (local ones by default)
  admin emoji remove SHORTCODE... [--domain D]`;

const IMAGE_EXT = new Set([".png", ".gif", ".webp"]);

function fail(message: string, code = 2): number {
  console.error(`hearth: ${message}`);
  return code;
}

const flag = (flags: Record<string, string>, k: string) => (flags[k] && flags[k] !== "true" ? flags[k] : undefined);

async function filesOf(path: string): Promise<{ name: string; data: () => Promise<Uint8Array> }[]> {
  if ((await stat(path)).isDirectory()) {
    const names = (await readdir(path)).sort();
    return names.map((n) => ({ name: n, data: async () => new Uint8Array(await Bun.file(join(path, n)).arrayBuffer()) }));
  }
  const entries = readTar(new Uint8Array(await Bun.file(path).arrayBuffer()));
  return entries.map((e) => ({ name: e.name, data: async () => e.data }));
}

/** Imports a folder or archive of images; prints "Imported N, skipped M, failed to import K" as tootctl does. */
async function importEmoji(ctx: AppContext, path: string | undefined, flags: Record<string, string>): Promise<number> {
  if (!path) return fail(`usage:\n${EMOJI_HELP}`);
  let files: Awaited<ReturnType<typeof filesOf>>;
  try {
    files = await filesOf(path);
  } catch (e) {
    return fail(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`, 1);
  }
  let imported = 0,
    skipped = 0,
    failed = 0;
  const overwrite = flags.overwrite === "true";
  for (const f of files) {
    const ext = extname(f.name).toLowerCase();
    if (!IMAGE_EXT.has(ext) || basename(f.name).startsWith(".")) continue;
    const shortcode = [flag(flags, "prefix"), basename(f.name, extname(f.name)), flag(flags, "suffix")].filter(Boolean).join("");
    if (!overwrite && findCustomEmoji(ctx.db, shortcode, null)) {
      skipped++;
      continue;
    }
    try {
      await createCustomEmoji(
        ctx,
        { shortcode, category: flag(flags, "category") ?? null, visibleInPicker: flags.unlisted !== "true" },
        await f.data(),
        { overwrite },
      );
      imported++;
    } catch (e) {
      failed++;
      console.error(`Failed to import ${shortcode}: ${e instanceof ApiError ? e.message.replace(/^Validation failed: /, "") : String(e)}`);
    }
  }
  console.log(`Imported ${imported}, skipped ${skipped}, failed to import ${failed}`);
  return failed > 0 && imported === 0 ? 1 : 0;
}

/** Runs `admin emoji ACTION` (`pos` starts at the action); returns the exit code. */
export async function runEmoji(ctx: AppContext, pos: string[], flags: Record<string, string>): Promise<number> {
  const [action, ...rest] = pos;
  if (action === "import") {
    if (rest.length > 1) return fail(`unexpected argument "${rest[1]}"`);
    return importEmoji(ctx, rest[0], flags);
  }
  if (action === "list") {
    const domain = flag(flags, "domain")?.toLowerCase() ?? (flags.remote === "true" ? "*" : null);
    for (const e of listCustomEmojisForAdmin(ctx.db, domain, 100_000)) {
      const marks = [e.disabled ? "disabled" : "", e.visible_in_picker ? "" : "unlisted"].filter(Boolean).join(",");
      console.log([`:${e.shortcode}:`, e.domain ?? "local", e.category ?? "", marks].join("\t").trimEnd());
    }
    return 0;
  }
  if (action === "remove") {
    if (rest.length === 0) return fail(`usage:\n${EMOJI_HELP}`);
    const domain = flag(flags, "domain")?.toLowerCase() ?? null;
    let missing = 0;
    for (const code of rest) {
      const row = findCustomEmoji(ctx.db, code.replace(/^:|:$/g, ""), domain);
      if (!row) {
        console.error(`No custom emoji :${code}:${domain ? ` on ${domain}` : ""}`);
        missing++;
        continue;
      }
      await removeEmoji(ctx, row.id);
      console.log(`Removed :${row.shortcode}:`);
    }
    return missing ? 1 : 0;
  }
  return fail(`unknown admin command "emoji ${pos.join(" ")}"; commands:\n${EMOJI_HELP}`);
}
