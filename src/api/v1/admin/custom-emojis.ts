/**
 * Hearth's own admin endpoints for custom emoji (Mastodon's admin API has none; its web admin does
 * this): /api/v1/admin/hearth/custom_emojis — list, upload, update (rename, category, picker,
 * disable), delete, and copy a remote emoji into a local one. Scopes admin:read / admin:write,
 * permission manage_custom_emojis.
 */
import type { Router, UserReq } from "../../../http/route";
import { bool, str } from "../../../http/params";
import { readPage } from "../../../http/pagination";
import { listCustomEmojisForAdmin } from "../../../db/queries/custom-emojis";
import { parseId } from "../../../model/ids";
import { validation } from "../../../model/errors";
import { toAdminEmoji } from "../../../serializers/mastodon/custom-emoji";
import { copyEmoji, createCustomEmoji, findEmoji, removeEmoji, updateEmoji, type EmojiInput } from "../../../services/custom-emojis/manage";
import { staff } from "./staff";

/** Where Hearth's own custom emoji admin endpoints live. */
export const EMOJI_ADMIN_BASE = "/api/v1/admin/hearth/custom_emojis";
const READ = ["admin:read"];
const WRITE = ["admin:write"];

function input(q: UserReq): EmojiInput {
  const i = q.input;
  const category = i.category === null || i.category === "" ? null : str(i, "category", { max: 1000 });
  return {
    shortcode: str(i, "shortcode", { max: 1000 }),
    category: "category" in i ? category : undefined,
    visibleInPicker: bool(i, "visible_in_picker"),
    disabled: bool(i, "disabled"),
  };
}

/** Registers the endpoints. */
export default function register(r: Router): void {
  const base = EMOJI_ADMIN_BASE;
  r.get(base, { scopes: READ }, (q) => {
    staff(q, "manage_custom_emojis");
    const page = readPage(q.input, 200, 1000);
    const remote = str(q.input, "remote");
    const domain = str(q.input, "by_domain");
    const rows = listCustomEmojisForAdmin(q.ctx.db, domain ? domain.toLowerCase() : remote === "true" ? "*" : null, page.limit);
    return rows.map((e) => toAdminEmoji(q.ctx, e));
  });
  r.get(`${base}/:id`, { scopes: READ }, (q) => {
    staff(q, "manage_custom_emojis");
    return toAdminEmoji(q.ctx, findEmoji(q.ctx, parseId(q.params.id)));
  });
  r.post(base, { scopes: WRITE }, async (q) => {
    staff(q, "manage_custom_emojis");
    const image = q.input.image;
    if (image !== undefined && !(image instanceof Blob)) throw validation("Image must be a file");
    const bytes = image instanceof Blob ? new Uint8Array(await image.arrayBuffer()) : undefined;
    return toAdminEmoji(q.ctx, await createCustomEmoji(q.ctx, input(q), bytes, { actor: q.auth.accountId }));
  });
  r.patch(`${base}/:id`, { scopes: WRITE }, (q) => {
    staff(q, "manage_custom_emojis");
    return toAdminEmoji(q.ctx, updateEmoji(q.ctx, parseId(q.params.id), input(q), q.auth.accountId));
  });
  r.delete(`${base}/:id`, { scopes: WRITE }, async (q) => {
    staff(q, "manage_custom_emojis");
    await removeEmoji(q.ctx, parseId(q.params.id), q.auth.accountId);
    return {};
  });
  r.post(`${base}/:id/copy`, { scopes: WRITE }, async (q) => {
    staff(q, "manage_custom_emojis");
    return toAdminEmoji(q.ctx, await copyEmoji(q.ctx, parseId(q.params.id), q.auth.accountId));
  });
}
