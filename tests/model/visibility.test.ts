/**
 * The one visibility rule, run through every path that shows a status: the pure predicate
 * (mayViewStatus, model/visibility.ts), its SQL twin (visibleStatusSql, db/queries/visibility.ts)
 * on the real database, canViewStatus, the batch checks (visibleStatusIds for notifications,
 * filterVisible for threads), the API
 * (GET /api/v1/statuses/:id), a timeline (GET /api/v1/accounts/:id/statuses), the streaming
 * filter and the ActivityPub status fetch. One table of cases, one expected answer each.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../rig";
import { insertFollow, insertStatus } from "../rig/fixtures";
import { fetchActivityJson, FetchError } from "../../src/activitypub/outbound/fetch";
import { canViewStatus, visibleStatusSql } from "../../src/db/queries/visibility";
import { visibleStatusIds } from "../../src/db/queries/timelines";
import type { StatusRow } from "../../src/db/rows";
import { mayViewStatus, type ViewerRelation, VISIBILITIES, type Visibility } from "../../src/model/visibility";
import { filterVisible } from "../../src/services/statuses/visible";
import { hiddenViewers } from "../../src/streaming/filter";

/** Who looks, as facts for the predicate. `blocked`: the author blocks them; `blocking`: they block the author. */
type ViewerName = "author" | "follower" | "stranger" | "mentioned" | "blocked" | "blocking" | "anonymous";
type AuthorName = "active" | "suspended";
type Path = "predicate" | "sql" | "canViewStatus" | "visibleStatusIds" | "filterVisible" | "api" | "timeline" | "streaming" | "activitypub";

interface Case {
  author: AuthorName;
  viewer: ViewerName;
  /** Expected answer for public, unlisted, private, direct. */
  sees: [boolean, boolean, boolean, boolean];
  /** Paths that cannot ask this question (see the note on each case). */
  skip?: Path[];
}

const ALL = [true, true, true, true] as [boolean, boolean, boolean, boolean];
const NONE = [false, false, false, false] as [boolean, boolean, boolean, boolean];

const CASES: Case[] = [
  { author: "active", viewer: "author", sees: ALL },
  { author: "active", viewer: "follower", sees: [true, true, true, false] },
  { author: "active", viewer: "stranger", sees: [true, true, false, false] },
  { author: "active", viewer: "mentioned", sees: ALL },
  // Blocked and blocking viewers are mentioned in every status: the block still wins.
  { author: "active", viewer: "blocked", sees: NONE },
  { author: "active", viewer: "blocking", sees: NONE },
  { author: "active", viewer: "anonymous", sees: [true, true, false, false] },
  // A suspended author still sees their own posts in the rule; the HTTP paths refuse the
  // suspended account's token, profile and documents altogether, and nothing of theirs streams.
  { author: "suspended", viewer: "author", sees: ALL, skip: ["api", "timeline", "streaming", "activitypub"] },
  { author: "suspended", viewer: "follower", sees: NONE },
  { author: "suspended", viewer: "mentioned", sees: NONE },
  { author: "suspended", viewer: "stranger", sees: NONE },
  { author: "suspended", viewer: "anonymous", sees: NONE },
];

/** The relation facts each viewer has to each author (as the fixtures below set them up). */
function relation(author: AuthorName, viewer: ViewerName): ViewerRelation {
  return {
    anonymous: viewer === "anonymous",
    isAuthor: viewer === "author",
    authorSuspended: author === "suspended",
    blocked: viewer === "blocked" || viewer === "blocking",
    mentioned: viewer === "mentioned" || viewer === "blocked" || viewer === "blocking",
    following: viewer === "follower",
  };
}

let s: TestServer;
const authors = {} as Record<AuthorName, TestUser>;
const viewers = {} as Record<Exclude<ViewerName, "author" | "anonymous">, TestUser>;
/** statuses[author][visibility] */
const statuses = {} as Record<AuthorName, Record<Visibility, StatusRow>>;

beforeAll(async () => {
  s = await startTestServer();
  const [active, suspended, follower, stranger, mentioned, blocked, blocking] = await Promise.all(
    ["active", "suspended", "follower", "stranger", "mentioned", "blocked", "blocking"].map((n) => s.createUser(`vis_${n}`)),
  );
  Object.assign(authors, { active, suspended });
  Object.assign(viewers, { follower, stranger, mentioned, blocked, blocking });
  for (const name of ["active", "suspended"] as const) {
    insertFollow(s.ctx, follower!.account.id, authors[name].account.id);
    statuses[name] = {} as Record<Visibility, StatusRow>;
    for (const v of VISIBILITIES) {
      statuses[name][v] = insertStatus(s.ctx, authors[name].account.id, {
        visibility: v,
        mentions: [mentioned!.account.id, blocked!.account.id, blocking!.account.id],
      });
    }
  }
  expect((await s.api("POST", `/api/v1/accounts/${blocked!.id}/block`, { token: active!.token })).status).toBe(200);
  expect((await s.api("POST", `/api/v1/accounts/${active!.id}/block`, { token: blocking!.token })).status).toBe(200);
  await s.drain();
  s.ctx.db.query("UPDATE accounts SET suspended_at = ? WHERE id = ?").run(s.ctx.now(), suspended!.account.id);
}, 30_000);
afterAll(() => s.stop());

/** The viewer's account id (null: logged out). */
function viewerId(c: Case): number | null {
  if (c.viewer === "anonymous") return null;
  return c.viewer === "author" ? authors[c.author].account.id : viewers[c.viewer].account.id;
}

function viewerToken(c: Case): string | undefined {
  if (c.viewer === "anonymous") return undefined;
  return c.viewer === "author" ? authors[c.author].token : viewers[c.viewer].token;
}

/** Each path's answer: may this case's viewer see `row`? */
const PATHS: Record<Path, (c: Case, row: StatusRow) => boolean | Promise<boolean>> = {
  predicate: (c, row) => mayViewStatus(row.visibility, relation(c.author, c.viewer)),
  sql: (c, row) => {
    const cond = visibleStatusSql({ status: "s.id", author: "s.account_id", visibility: "s.visibility", viewer: "?1" });
    return (
      s.ctx.db
        .query<{ ok: number }, [number | null, number]>(`SELECT ${cond} AS ok FROM statuses s WHERE s.id = ?2`)
        .get(viewerId(c), row.id)!.ok === 1
    );
  },
  canViewStatus: (c, row) => canViewStatus(s.ctx, row, viewerId(c)),
  visibleStatusIds: (c, row) => visibleStatusIds(s.ctx, [row], viewerId(c)).has(row.id),
  filterVisible: (c, row) => filterVisible(s.ctx, [row], viewerId(c)).length === 1,
  api: async (c, row) => {
    const r = await s.api("GET", `/api/v1/statuses/${row.id}`, { token: viewerToken(c) });
    expect([200, 404]).toContain(r.status);
    return r.status === 200;
  },
  timeline: async (c, row) => {
    const r = await s.api("GET", `/api/v1/accounts/${row.account_id}/statuses?limit=40`, { token: viewerToken(c) });
    expect(r.status).toBe(200);
    return ((await r.json()) as { id: string }[]).some((x) => x.id === String(row.id));
  },
  streaming: (c, row) => {
    const author = s.ctx.db
      .query<{ id: number; suspended_at: number | null }, [number]>("SELECT id, suspended_at FROM accounts WHERE id = ?")
      .get(row.account_id)!;
    const involved = [row.account_id, viewers.mentioned.account.id, viewers.blocked.account.id, viewers.blocking.account.id];
    const id = viewerId(c);
    return !hiddenViewers(s.ctx, row, id === null ? [] : [id], involved, [author]).has(id);
  },
  activitypub: async (c, row) => {
    const url = s.ctx.uris.status(authors[c.author].account.username, row.id);
    try {
      await fetchActivityJson(s.ctx, url, viewerId(c) ?? undefined);
      return true;
    } catch (e) {
      expect(e instanceof FetchError && e.status === 404).toBe(true);
      return false;
    }
  },
};

/**
 * Where a path answers differently from the rule on purpose. Without AUTHORIZED_FETCH a public
 * or unlisted document does not verify who signed the request (Mastodon loads the signer only
 * for private documents), so a blocked or blocking signer is served as anyone would be.
 */
function expected(path: Path, c: Case, vis: number): boolean {
  if (path === "activitypub" && vis < 2 && (c.viewer === "blocked" || c.viewer === "blocking"))
    return mayViewStatus(vis, relation(c.author, "anonymous"));
  return c.sees[vis]!;
}

describe("one visibility rule, every path", () => {
  for (const path of Object.keys(PATHS) as Path[]) {
    test(path, async () => {
      const got: string[] = [];
      const want: string[] = [];
      for (const c of CASES) {
        if (c.skip?.includes(path)) continue;
        for (const [vis, name] of VISIBILITIES.entries()) {
          const label = `${c.author} author, ${c.viewer} viewer, ${name}`;
          got.push(`${label}: ${await PATHS[path](c, statuses[c.author][name])}`);
          want.push(`${label}: ${expected(path, c, vis)}`);
        }
      }
      expect(got).toEqual(want);
    }, 20_000);
  }
});
