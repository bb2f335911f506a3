/**
 * The languages a user reads (Mastodon's chosen_languages, its Preferences → Other → "Filter
 * languages"): trends in them are listed first. Kept in users.settings.
 */
import type { AppContext } from "../../context";
import { getUserByAccountId, updateUserSettings } from "../../db/queries/users";
import type { UserSettings } from "../../db/rows";
import { transaction } from "../../db/transaction";
import { ApiError } from "../../model/errors";
import { languageOfLocale } from "../../model/languages";

/** The stored settings of a user's JSON (defaults when unreadable). */
export function parseUserSettings(json: string | null | undefined): UserSettings {
  try {
    const s = JSON.parse(json ?? "{}");
    return s && typeof s === "object" && !Array.isArray(s) ? s : {};
  } catch {
    return {};
  }
}

/**
 * Sets (or with null / an empty list, clears) the chosen languages of local account `accountId`:
 * supported ISO 639 codes, deduplicated; 422 for any other. No side effects beyond the write.
 */
export function setChosenLanguages(ctx: AppContext, accountId: number, languages: readonly string[] | null): string[] | null {
  const codes: string[] = [];
  for (const l of languages ?? []) {
    const code = languageOfLocale(l);
    if (!code || code !== l.toLowerCase()) throw new ApiError(422, `Validation failed: Chosen languages ${l} is not a language`);
    if (!codes.includes(code)) codes.push(code);
  }
  const value = codes.length ? codes : null;
  transaction(ctx.db, () => {
    const user = getUserByAccountId(ctx.db, accountId);
    if (!user) throw new ApiError(404, "Record not found");
    const s = parseUserSettings(user.settings);
    s.chosen_languages = value;
    updateUserSettings(ctx.db, user.id, JSON.stringify(s), ctx.now());
  });
  return value;
}
