/**
 * Loads what the ActivityPub serializers (serializers/activitypub) need, in a fixed number of
 * queries, so that the serializers themselves stay pure functions over loaded data.
 */
import { accountWant, emojisOf, loadEmojiMap } from "./custom-emojis";
import { statusEmojiWant } from "./statuses";
import type { AppContext } from "../../context";
import type { AccountRow, MediaRow, StatusRow } from "../rows";
import type { ActorData } from "../../serializers/activitypub/actor";
import type { NoteData } from "../../serializers/activitypub/note";
import { pollTitles, type PollRow } from "../../serializers/mastodon/poll";
import { shortcodesIn } from "../../text/custom-emoji";
import { getAccountUri } from "../queries/accounts";
import { listNoteQuotes } from "../queries/quotes";
import { selectIn } from "../sql";

/**
 * Loads, for `rows` and the originals of the boosts among them: the originals, authors,
 * mentioned accounts, parents' URIs, tags, media, polls and quotes (at most nine queries).
 */
export function loadNoteData(ctx: AppContext, rows: StatusRow[]): NoteData {
  const db = ctx.db;
  const boosted = rows.map((r) => r.reblog_of_id).filter((x): x is number => x !== null);
  const originals = new Map(selectIn<StatusRow>(db, (ph) => `SELECT * FROM statuses WHERE id IN (${ph})`, boosted).map((s) => [s.id, s]));
  const all = originals.size ? [...rows, ...originals.values()] : rows;
  const ids = all.map((r) => r.id);
  const mentionRows = selectIn<{ status_id: number; account_id: number }>(
    db,
    (ph) => `SELECT status_id, account_id FROM mentions WHERE silent = 0 AND status_id IN (${ph}) ORDER BY id`,
    ids,
  );
  const accIds = new Set<number>(all.map((r) => r.account_id));
  for (const m of mentionRows) accIds.add(m.account_id);
  const accounts = new Map(
    selectIn<AccountRow>(db, (ph) => `SELECT id, username, domain, uri, url, followers_url FROM accounts WHERE id IN (${ph})`, [
      ...accIds,
    ]).map((a) => [a.id, a]),
  );
  const parentIds = all.map((r) => r.in_reply_to_id).filter((x): x is number => x !== null);
  const parents = new Map(
    selectIn<{ id: number; uri: string }>(db, (ph) => `SELECT id, uri FROM statuses WHERE id IN (${ph})`, parentIds).map((p) => [
      p.id,
      p.uri,
    ]),
  );
  const mentions = new Map<number, number[]>();
  for (const m of mentionRows) (mentions.get(m.status_id) ?? mentions.set(m.status_id, []).get(m.status_id)!).push(m.account_id);
  const tags = new Map<number, { name: string; display_name: string }[]>();
  for (const t of selectIn<{ status_id: number; name: string; display_name: string }>(
    db,
    (ph) =>
      `SELECT st.status_id, t.name, t.display_name FROM statuses_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id IN (${ph})`,
    ids,
  )) {
    (tags.get(t.status_id) ?? tags.set(t.status_id, []).get(t.status_id)!).push(t);
  }
  const media = new Map<number, MediaRow[]>();
  for (const m of selectIn<MediaRow>(db, (ph) => `SELECT * FROM media_attachments WHERE status_id IN (${ph})`, ids)) {
    (media.get(m.status_id!) ?? media.set(m.status_id!, []).get(m.status_id!)!).push(m);
  }
  const polls = new Map(selectIn<PollRow>(db, (ph) => `SELECT * FROM polls WHERE status_id IN (${ph})`, ids).map((p) => [p.status_id, p]));
  // Local statuses only name local emoji; remote ones (served from our cache) name their domain's.
  const wantRows = [...rows, ...originals.values()];
  // A poll's option titles count too, as in Mastodon's Status#emojis, so their Emoji tags go out.
  const wants = new Map(
    wantRows.map((r) => {
      const w = statusEmojiWant(r, accounts.get(r.account_id)?.domain ?? null);
      const p = polls.get(r.id);
      if (p) w.codes = [...new Set([...w.codes, ...shortcodesIn(...pollTitles(p))])];
      return [r.id, w];
    }),
  );
  const emojiMap = loadEmojiMap(ctx, [...wants.values()]);
  const emojis = new Map([...wants].map(([id, w]) => [id, emojisOf(emojiMap, w)]));
  const quotes = new Map(
    listNoteQuotes(db, ids).map((q) => [q.status_id, { quotedUri: q.quoted_uri, approvalUri: q.approval_uri }] as const),
  );
  return { originals, accounts, parents, mentions, tags, media, polls, emojis, quotes };
}

/** Loads what the actor document of local account `a` needs besides its row (the account it moved to). */
export function loadActorData(ctx: AppContext, a: AccountRow): ActorData {
  return {
    movedToUri: a.moved_to_account_id === null ? null : getAccountUri(ctx.db, a.moved_to_account_id),
    emojis: emojisOf(loadEmojiMap(ctx, [accountWant(a)]), accountWant(a)),
  };
}
