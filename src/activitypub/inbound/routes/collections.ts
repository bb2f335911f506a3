/** Outbox, followers, following, featured and featured-tags collections of local accounts. */
import type { AppContext } from "../../../context";
import type { AccountRow, StatusRow } from "../../../db/rows";
import { listFeaturedTagNames } from "../../../db/queries/featured-tags";
import { countFollowsOf, isFollowing, listFollowUrisPage } from "../../../db/queries/follows";
import { countStatusesUpToVisibility, listOutboxStatuses, listPinnedStatuses } from "../../../db/queries/statuses";
import { loadStatusRows } from "../../../db/views/statuses";
import { parseId } from "../../../model/ids";
import { PRIVATE, UNLISTED } from "../../../model/visibility";
import { noteFromData } from "../../../serializers/activitypub/note";
import { loadNoteData } from "../../../db/views/activitypub";
import { audience } from "../../../serializers/activitypub/note";
import { AS_CONTEXT, OBJECT_CONTEXT, apTime } from "../../../serializers/activitypub/context";
import { authorizeFetch } from "./fetch-auth";
import { toApHashtag } from "../../../services/tags/feature";
import { localAccountByName } from "./documents";
import { apError, apJson } from "./respond";

/** Items per outbox page (Mastodon's). */
export const OUTBOX_PAGE = 20;
/** Items per followers/following page (Mastodon's). */
export const FOLLOWS_PAGE = 12;

type Handler = (ctx: AppContext, request: Request, url: URL, a: AccountRow, signer: AccountRow | null) => unknown;

/** Wraps a collection handler with account lookup and fetch authorization. */
export function collection(h: Handler, wantSigner = false) {
  return async (ctx: AppContext, request: Request, url: URL, name: string): Promise<Response> => {
    const a = localAccountByName(ctx, name);
    if (!a || a.suspended_at !== null) return apError(ctx, 404, "Record not found");
    const auth = await authorizeFetch(ctx, request, wantSigner);
    if (!auth.ok) return apError(ctx, auth.status, auth.reason);
    return apJson(ctx, h(ctx, request, url, a, auth.signer));
  };
}

/** Create/Announce activities for a page of the account's statuses (fixed number of queries). */
function outboxActivities(ctx: AppContext, a: AccountRow, rows: StatusRow[]): Record<string, unknown>[] {
  const origIds = rows.map((r) => r.reblog_of_id).filter((x): x is number => x !== null);
  const origs = loadStatusRows(ctx, origIds);
  const data = loadNoteData(ctx, [...rows.filter((r) => r.reblog_of_id === null), ...origs.values()]);
  const followers = ctx.uris.followers(a.username);
  const out: Record<string, unknown>[] = [];
  for (const s of rows) {
    if (s.reblog_of_id === null) {
      const note = noteFromData(ctx, s, data, false);
      out.push({
        id: ctx.uris.createActivity(s.uri),
        type: "Create",
        actor: a.uri,
        published: note.published,
        to: note.to,
        cc: note.cc,
        object: note,
      });
      continue;
    }
    const o = origs.get(s.reblog_of_id);
    const author = o ? data.accounts.get(o.account_id) : undefined;
    if (!o || !author) continue;
    const aud = audience(s.visibility, followers, []);
    out.push({
      id: ctx.uris.announceActivity(s.uri),
      type: "Announce",
      actor: a.uri,
      published: apTime(s.created_at),
      to: aud.to,
      cc: [author.uri, ...aud.cc],
      object: o.uri,
    });
  }
  return out;
}

/** GET /users/:name/outbox: totals with first/last links; `?page=true` pages by max_id/min_id. */
export const outbox = collection((ctx, _req, url, a, signer) => {
  const id = ctx.uris.outbox(a.username);
  const maxVis = signer && isFollowing(ctx.db, signer.id, a.id) ? PRIVATE : UNLISTED;
  const total = countStatusesUpToVisibility(ctx.db, a.id, maxVis);
  if (url.searchParams.get("page") !== "true") {
    return {
      "@context": AS_CONTEXT,
      id,
      type: "OrderedCollection",
      totalItems: total,
      first: ctx.uris.collectionPage(id),
      last: ctx.uris.collectionPage(id, { min_id: 0 }),
    };
  }
  const maxId = parseId(url.searchParams.get("max_id") ?? undefined);
  const minIdRaw = url.searchParams.get("min_id");
  const minId = minIdRaw === "0" ? 0 : parseId(minIdRaw ?? undefined);
  const asc = minId !== undefined && maxId === undefined;
  let rows = listOutboxStatuses(ctx.db, a.id, maxVis, maxId, minId, OUTBOX_PAGE);
  if (asc) rows = rows.reverse();
  // Boosts of posts that are not public or unlisted are not shown.
  const items = outboxActivities(ctx, a, rows);
  const page: Record<string, unknown> = {
    "@context": OBJECT_CONTEXT,
    id: ctx.uris.collectionPage(id, Object.fromEntries([...url.searchParams].filter(([k]) => k !== "page"))),
    type: "OrderedCollectionPage",
    partOf: id,
  };
  if (rows.length) {
    page.next = ctx.uris.collectionPage(id, { max_id: rows[rows.length - 1]!.id });
    page.prev = ctx.uris.collectionPage(id, { min_id: rows[0]!.id });
  }
  page.orderedItems = items;
  return page;
}, true);

function follows(kind: "followers" | "following") {
  return collection((ctx, _req, url, a) => {
    const id = kind === "followers" ? ctx.uris.followers(a.username) : ctx.uris.following(a.username);
    const total = countFollowsOf(ctx.db, a.id, kind);
    // Hidden collections show their totals only, as Mastodon.
    if (a.hide_collections) return { "@context": AS_CONTEXT, id, type: "OrderedCollection", totalItems: total };
    const pageRaw = url.searchParams.get("page");
    if (pageRaw === null) return { "@context": AS_CONTEXT, id, type: "OrderedCollection", totalItems: total, first: `${id}?page=1` };
    const n = Math.max(1, Math.min(10_000, Math.floor(Number(pageRaw)) || 1));
    const items = listFollowUrisPage(ctx.db, a.id, kind, FOLLOWS_PAGE, (n - 1) * FOLLOWS_PAGE);
    const page: Record<string, unknown> = {
      "@context": AS_CONTEXT,
      id: `${id}?page=${n}`,
      type: "OrderedCollectionPage",
      totalItems: total,
      partOf: id,
    };
    if (n * FOLLOWS_PAGE < total) page.next = `${id}?page=${n + 1}`;
    if (n > 1) page.prev = `${id}?page=${n - 1}`;
    page.orderedItems = items;
    return page;
  });
}

/** GET /users/:name/followers */
export const followers = follows("followers");
/** GET /users/:name/following */
export const following = follows("following");

/** GET /users/:name/collections/featured: pinned public/unlisted posts as Notes. */
export const featured = collection((ctx, _req, _url, a) => {
  const rows = listPinnedStatuses(ctx.db, a.id, UNLISTED);
  const data = loadNoteData(ctx, rows);
  return {
    "@context": OBJECT_CONTEXT,
    id: ctx.uris.featured(a.username),
    type: "OrderedCollection",
    totalItems: rows.length,
    orderedItems: rows.map((s) => noteFromData(ctx, s, data, false)),
  };
});

/** GET /users/:name/collections/tags: the hashtags featured on the profile (the actor's `featuredTags`). */
export const featuredTags = collection((ctx, _req, _url, a) => {
  const rows = listFeaturedTagNames(ctx.db, a.id);
  return {
    "@context": OBJECT_CONTEXT,
    id: ctx.uris.featuredTags(a.username),
    type: "Collection",
    totalItems: rows.length,
    items: rows.map((t) => toApHashtag(ctx, t.name, t.display)),
  };
});
