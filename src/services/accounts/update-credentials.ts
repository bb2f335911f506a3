/** UpdateAccountService for PATCH /api/v1/accounts/update_credentials. */
import type { AppContext } from "../../context";
import {
  clearProfileImagePath,
  getAccount,
  getProfileImagePath,
  updateAccountProfile,
  type ProfileColumn,
} from "../../db/queries/accounts";
import { getUserByAccountId, updateUserSettings } from "../../db/queries/users";
import type { UserSettings } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { validation } from "../../model/errors";
import { processProfileImage, type ProcessedImage, type ProfileImageKind } from "../../media/avatar";
import { fieldValueHtml, noteHtml } from "./profile-text";
import { publishProfileUpdate } from "../federation/accounts";
import { carryVerification, enqueueVerifyLinks } from "./verify-links";

/** Profile limits (Mastodon defaults). */
export const LIMITS = { displayName: 30, note: 500, fields: 4, fieldName: 255, fieldValue: 255 };

/** The changes a client asked for; undefined means "leave as is". */
export interface CredentialsUpdate {
  displayName?: string;
  note?: string;
  fields?: { name: string; value: string }[];
  locked?: boolean;
  bot?: boolean;
  discoverable?: boolean;
  indexable?: boolean;
  hideCollections?: boolean;
  privacy?: string;
  /** source[quote_policy]: public | followers | nobody. */
  quotePolicy?: string;
  sensitive?: boolean;
  language?: string;
  avatar?: Blob;
  header?: Blob;
}

const len = (s: string) => [...s].length;

function check(u: CredentialsUpdate): void {
  if (u.displayName !== undefined && len(u.displayName) > LIMITS.displayName)
    throw validation(`Display name is too long (maximum is ${LIMITS.displayName} characters)`);
  if (u.note !== undefined && len(u.note) > LIMITS.note) throw validation(`Note is too long (maximum is ${LIMITS.note} characters)`);
  if (u.fields) {
    if (u.fields.length > LIMITS.fields) throw validation(`Fields is too long (maximum is ${LIMITS.fields} fields)`);
    for (const f of u.fields) {
      if (len(f.name) > LIMITS.fieldName) throw validation(`Field name is too long (maximum is ${LIMITS.fieldName} characters)`);
      if (len(f.value) > LIMITS.fieldValue) throw validation(`Field value is too long (maximum is ${LIMITS.fieldValue} characters)`);
    }
  }
  if (u.privacy !== undefined && !["public", "unlisted", "private"].includes(u.privacy))
    throw validation("Privacy is not included in the list");
  if (u.quotePolicy !== undefined && !["public", "followers", "nobody"].includes(u.quotePolicy))
    throw validation("Quote policy is not included in the list");
  if (u.language !== undefined && u.language !== "" && !/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(u.language))
    throw validation("Language is not included in the list");
}

/**
 * Validates everything, re-encodes and stores new images, then writes the account and user
 * rows in one transaction (enqueuing Update(Person) to remote followers). On any failure
 * nothing is changed and new files are removed; replaced files are deleted after the commit.
 */
export async function updateCredentials(ctx: AppContext, accountId: number, u: CredentialsUpdate): Promise<void> {
  check(u);
  const images: [ProfileImageKind, ProcessedImage][] = [];
  if (u.avatar) images.push(["avatar", await processProfileImage(u.avatar, "avatar")]);
  if (u.header) images.push(["header", await processProfileImage(u.header, "header")]);
  const stored: Partial<Record<ProfileImageKind, string>> = {};
  const replaced: string[] = [];
  try {
    for (const [kind, img] of images) {
      const rand = Buffer.from(crypto.getRandomValues(new Uint8Array(8))).toString("hex");
      const key = `accounts/${kind}s/${accountId}/${rand}.${img.ext}`;
      await ctx.storage.put(key, img.data, img.contentType);
      stored[kind] = key;
    }
    transaction(ctx.db, () => write(ctx, accountId, u, stored, replaced));
  } catch (err) {
    for (const key of Object.values(stored)) await ctx.storage.delete(key).catch(() => {});
    throw err;
  }
  for (const key of replaced) await ctx.storage.delete(key).catch((e) => ctx.log.warn(`could not delete ${key}: ${e}`));
}

function write(
  ctx: AppContext,
  accountId: number,
  u: CredentialsUpdate,
  stored: Partial<Record<ProfileImageKind, string>>,
  replaced: string[],
): void {
  const db = ctx.db;
  const a = getAccount(db, accountId)!;
  const sets: [ProfileColumn, string | number | null][] = [];
  const set = (col: ProfileColumn, v: string | number | null) => {
    sets.push([col, v]);
  };
  const flag = (col: ProfileColumn, v: boolean | undefined) => {
    if (v !== undefined) set(col, v ? 1 : 0);
  };
  if (u.displayName !== undefined) set("display_name", u.displayName);
  if (u.note !== undefined) {
    set("note_source", u.note);
    set("note", noteHtml(ctx, u.note));
  }
  if (u.fields !== undefined) {
    const given = u.fields
      .filter((f) => f.name.trim() !== "" || f.value.trim() !== "")
      .map((f) => ({ name: f.name, value: f.value, value_html: fieldValueHtml(ctx, f.value), verified_at: null }));
    // An unchanged value keeps its verification; a new or changed one is checked again.
    const { fields, check } = carryVerification(a.fields, given, true);
    set("fields", JSON.stringify(fields));
    if (check) enqueueVerifyLinks(ctx, accountId, true);
  }
  flag("locked", u.locked);
  flag("bot", u.bot);
  flag("discoverable", u.discoverable);
  flag("indexable", u.indexable);
  flag("hide_collections", u.hideCollections);
  if (stored.avatar) {
    set("avatar_path", stored.avatar);
    if (a.avatar_path) replaced.push(a.avatar_path);
  }
  if (stored.header) {
    set("header_path", stored.header);
    if (a.header_path) replaced.push(a.header_path);
  }
  set("updated_at", ctx.now());
  updateAccountProfile(db, accountId, sets);
  if (u.privacy !== undefined || u.sensitive !== undefined || u.language !== undefined || u.quotePolicy !== undefined) {
    const user = getUserByAccountId(db, accountId)!;
    let s: UserSettings = {};
    try {
      s = JSON.parse(user.settings);
    } catch {
      /* start over */
    }
    if (u.privacy !== undefined) s.default_privacy = u.privacy;
    if (u.quotePolicy !== undefined) s.default_quote_policy = u.quotePolicy;
    if (u.sensitive !== undefined) s.default_sensitive = u.sensitive;
    if (u.language !== undefined) s.default_language = u.language === "" ? null : u.language;
    updateUserSettings(db, user.id, JSON.stringify(s), ctx.now());
  }
  publishProfileUpdate(ctx, accountId);
}

/** Removes the avatar or header (DELETE /api/v1/profile/avatar|header); the file is deleted after commit. */
export async function removeProfileImage(ctx: AppContext, accountId: number, kind: ProfileImageKind): Promise<void> {
  const old = transaction(ctx.db, () => {
    const path = getProfileImagePath(ctx.db, accountId, kind);
    if (path) {
      clearProfileImagePath(ctx.db, accountId, kind, ctx.now());
      publishProfileUpdate(ctx, accountId);
    }
    return path;
  });
  if (old) await ctx.storage.delete(old).catch(() => {});
}
