/**
 * `hearth admin settings|rules|announcements …`: the instance settings, server rules and
 * announcements, through the same services as Hearth's admin endpoints (audit-logged with no account).
 */
import type { AppContext } from "../context";
import { ApiError } from "../model/errors";
import { rawInstanceSettings, SETTING_KINDS, updateInstanceSettings } from "../services/instance/settings";
import { addRule, editRule, listRulesForAdmin, moveRule, removeRule } from "../services/instance/rules";
import { createAnnouncement, editAnnouncement, removeAnnouncement } from "../services/announcements/admin";
import { listAllAnnouncements } from "../db/queries/announcements";
import { setInstanceThumbnail } from "../services/instance/thumbnail";

export const SITE_HELP = `  admin settings get [KEY]
  admin settings set KEY VALUE          (keys: ${Object.keys(SETTING_KINDS).join(", ")})
  admin settings reset KEY
  admin settings thumbnail FILE | --remove
  admin rules list
  admin rules add TEXT [--hint H]
  admin rules edit ID [--text T] [--hint H]
  admin rules move ID POSITION
  admin rules remove ID
  admin announcements list
  admin announcements create TEXT [--starts-at ISO --ends-at ISO] [--all-day] [--draft]
  admin announcements edit ID [--text T] [--starts-at ISO] [--ends-at ISO] [--all-day true|false]
  admin announcements publish|unpublish|delete ID`;

function usage(message: string): number {
  console.error(`hearth: ${message}; commands:\n${SITE_HELP}`);
  return 2;
}

const id = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

/** Runs `admin settings|rules|announcements ACTION …` (`pos` starts at the group); returns the exit code. */
export async function runSite(ctx: AppContext, pos: string[], flags: Record<string, string>): Promise<number> {
  const [group, action, a1, a2, extra] = pos;
  if (extra !== undefined) return usage(`unexpected argument "${extra}"`);
  try {
    if (group === "settings") {
      if (action === "get") {
        const all = rawInstanceSettings(ctx);
        if (a1 !== undefined && !(a1 in all)) return usage(`unknown setting "${a1}"`);
        for (const [k, v] of Object.entries(all)) if (a1 === undefined || a1 === k) console.log(a1 ? (v ?? "") : `${k}=${v ?? ""}`);
        return 0;
      }
      if (action === "set" && a1 && a2 !== undefined) {
        updateInstanceSettings(ctx, null, { [a1]: a2 });
        console.log(`${a1} set`);
        return 0;
      }
      if (action === "thumbnail" && a2 === undefined && (a1 || flags.remove === "true")) {
        const file = a1 ? Bun.file(a1) : null;
        if (file && !(await file.exists())) throw new ApiError(1, `no file "${a1}"`);
        const t = await setInstanceThumbnail(ctx, null, file);
        console.log(t ? `Thumbnail set (${ctx.storage.url(t["@1x"])})` : "Thumbnail removed");
        return 0;
      }
      if (action === "reset" && a1 && a2 === undefined) {
        updateInstanceSettings(ctx, null, { [a1]: null });
        console.log(`${a1} reset to its default`);
        return 0;
      }
      return usage(`unknown settings command "${pos.slice(1).join(" ")}"`);
    }
    if (group === "rules") {
      switch (action) {
        case "list":
          listRulesForAdmin(ctx).forEach((r, n) => console.log(`${n + 1}. [${r.id}] ${r.text}${r.hint ? ` — ${r.hint}` : ""}`));
          return 0;
        case "add": {
          if (!a1) return usage("missing rule text");
          const r = addRule(ctx, null, { text: a1, hint: flags.hint });
          console.log(`Added rule ${r.id}`);
          return 0;
        }
        case "edit":
          editRule(ctx, null, id(a1), { text: flags.text, hint: flags.hint });
          console.log(`Rule ${a1} changed`);
          return 0;
        case "move":
          if (!a2 || !/^\d+$/.test(a2)) return usage("missing position");
          moveRule(ctx, null, id(a1), Number(a2));
          console.log(`Rule ${a1} moved to ${a2}`);
          return 0;
        case "remove":
          removeRule(ctx, null, id(a1));
          console.log(`Rule ${a1} removed`);
          return 0;
      }
      return usage(`unknown rules command "${action ?? ""}"`);
    }
    if (group === "announcements") {
      const period = { startsAt: flags["starts-at"], endsAt: flags["ends-at"], allDay: flags["all-day"] };
      switch (action) {
        case "list":
          for (const x of listAllAnnouncements(ctx.db))
            console.log(`[${x.id}] ${x.published_at === null ? "draft    " : "published"}  ${x.text.replace(/\s+/g, " ").slice(0, 80)}`);
          return 0;
        case "create": {
          if (!a1) return usage("missing announcement text");
          const x = createAnnouncement(ctx, null, { text: a1, ...period, published: flags.draft === "true" ? false : true });
          console.log(`Created announcement ${x.id}`);
          return 0;
        }
        case "edit":
          editAnnouncement(ctx, null, id(a1), { text: flags.text, ...period });
          console.log(`Announcement ${a1} changed`);
          return 0;
        case "publish":
        case "unpublish":
          editAnnouncement(ctx, null, id(a1), { published: action === "publish" });
          console.log(`Announcement ${a1} ${action}ed`);
          return 0;
        case "delete":
          removeAnnouncement(ctx, null, id(a1));
          console.log(`Announcement ${a1} deleted`);
          return 0;
      }
      return usage(`unknown announcements command "${action ?? ""}"`);
    }
    return usage(`unknown command "${group}"`);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    console.error(`hearth: ${e.message}`);
    return 1;
  }
}
