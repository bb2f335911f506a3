/**
 * Loads accounts (and the accounts they moved to) for serialization in a fixed number of
 * queries. Rows and their serialized views are cached per connection; see account-cache.ts.
 */
import type { AppContext } from "../../context";
import { accountCache, type AccountCache } from "./account-cache";
import type { AccountRow } from "../rows";
import { selectIn } from "../sql";
import { toMastodonAccount } from "../../serializers/mastodon/account";
import { accountWant, emojisOf, loadEmojiMap, type EmojiMap } from "./custom-emojis";

/**
 * Every accounts column except the key pair: the PEMs are large and no view needs them, so
 * copying them out of SQLite for each row of a timeline would dominate the query.
 */
const VIEW_COLUMNS = `id, username, domain, display_name, note, note_source, fields, locked, bot, discoverable, indexable,
  hide_collections, avatar_path, avatar_remote_url, header_path, header_remote_url, uri, url, inbox_url, shared_inbox_url,
  outbox_url, followers_url, following_url, featured_url, NULL AS public_key_pem, NULL AS private_key_pem, actor_type,
  also_known_as, moved_to_account_id, memorial, suspended_at, silenced_at, sensitized_at, statuses_count, followers_count, following_count,
  last_status_at, fetched_at, created_at, updated_at`;

function queryRows(ctx: AppContext, ids: readonly number[]): AccountRow[] {
  return selectIn<AccountRow>(ctx.db, (ph) => `SELECT ${VIEW_COLUMNS} FROM accounts WHERE id IN (${ph})`, ids);
}

/** Account rows by id, for views (public_key_pem and private_key_pem are null). Rows are frozen: do not modify. */
export function loadAccountRows(ctx: AppContext, ids: readonly number[]): Map<number, AccountRow> {
  return rowsFrom(ctx, accountCache(ctx.db), ids);
}

function rowsFrom(ctx: AppContext, cache: AccountCache | null, ids: readonly number[]): Map<number, AccountRow> {
  if (!cache) return new Map(queryRows(ctx, ids).map((r) => [r.id, r]));
  const out = new Map<number, AccountRow>();
  const missing: number[] = [];
  for (const id of ids) {
    const e = cache.get(id);
    if (e) out.set(id, e.row);
    else missing.push(id);
  }
  if (missing.length) for (const r of queryRows(ctx, missing)) out.set(r.id, cache.put(r).row);
  return out;
}

/** The serialized account for `r`, from the cache when it was built from this very row. */
function viewOf(
  ctx: AppContext,
  cache: AccountCache | null,
  r: AccountRow,
  moved: AccountRow | undefined,
  emojis: EmojiMap,
): Record<string, unknown> {
  const e = moved === undefined && r.moved_to_account_id === null ? cache?.get(r.id) : undefined;
  if (e && e.row === r && e.ctx === ctx && e.view) return e.view;
  const movedView = moved ? toMastodonAccount(ctx, moved, null, emojisOf(emojis, accountWant(moved))) : null;
  const view = toMastodonAccount(ctx, r, movedView, emojisOf(emojis, accountWant(r)));
  if (e && e.row === r) cache!.setView(e, ctx, view);
  return view;
}

/** Serialized Mastodon Accounts by id, with `moved` filled in. */
export function loadAccountViews(ctx: AppContext, ids: readonly number[]): Map<number, Record<string, unknown>> {
  // One cache refresh for both steps: nothing is written in between.
  const cache = accountCache(ctx.db);
  return viewsFrom(ctx, cache, rowsFrom(ctx, cache, ids));
}

/** Serializes already-loaded account rows (loading only the targets of Moves). */
export function accountViewsFromRows(ctx: AppContext, rows: Map<number, AccountRow>): Map<number, Record<string, unknown>> {
  return viewsFrom(ctx, accountCache(ctx.db), rows);
}

function viewsFrom(ctx: AppContext, cache: AccountCache | null, rows: Map<number, AccountRow>): Map<number, Record<string, unknown>> {
  // Views the cache holds for these very rows are used as they are; only the others are built,
  // so the emoji shortcodes of accounts already serialized are not scanned again (issue 17).
  const out = new Map<number, Record<string, unknown>>();
  const build: AccountRow[] = [];
  for (const r of rows.values()) {
    const e = r.moved_to_account_id === null ? cache?.get(r.id) : undefined;
    if (e && e.row === r && e.ctx === ctx && e.view) out.set(r.id, e.view);
    else {
      out.set(r.id, EMPTY); // keeps the order of `rows`; replaced below
      build.push(r);
    }
  }
  if (build.length === 0) return out;
  let movedIds: number[] | undefined;
  for (const r of build)
    if (r.moved_to_account_id !== null && !rows.has(r.moved_to_account_id)) (movedIds ??= []).push(r.moved_to_account_id);
  const moved = movedIds ? rowsFrom(ctx, cache, movedIds) : undefined;
  const targetOf = (r: AccountRow) =>
    r.moved_to_account_id ? (rows.get(r.moved_to_account_id) ?? moved?.get(r.moved_to_account_id)) : undefined;
  const wants = [];
  for (const r of build) {
    wants.push(accountWant(r));
    const m = targetOf(r);
    if (m) wants.push(accountWant(m));
  }
  const emojis = loadEmojiMap(ctx, wants);
  for (const r of build) out.set(r.id, viewOf(ctx, cache, r, targetOf(r), emojis));
  return out;
}

const EMPTY: Record<string, unknown> = Object.freeze({});

/** One serialized account, or undefined. */
export function accountView(ctx: AppContext, id: number): Record<string, unknown> | undefined {
  return loadAccountViews(ctx, [id]).get(id);
}

/** JSON texts of the cached (frozen) Account entities, so a view serialized once is never stringified again. */
const jsonTexts = new WeakMap<object, string>();

/** JSON.stringify(view) of a view loadAccountViews gave, remembered for frozen (cached) views. */
export function accountJson(view: Record<string, unknown>): string {
  let text = jsonTexts.get(view);
  if (text === undefined) {
    text = JSON.stringify(view);
    if (Object.isFrozen(view)) jsonTexts.set(view, text);
  }
  return text;
}
