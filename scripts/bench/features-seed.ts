/**
 * Extra seed for the features benchmark, run on a copy of the base data set (seed.ts): hashtags
 * on a tenth of the statuses, 1,000 local accounts following a hashtag, a list of 50 members
 * with its feed, ~10,000 notifications of mixed types (grouped as the services group them;
 * the other local accounts get 20 each), a second user with the same home feed and 10 keyword
 * filters, followed tags, scheduled statuses and an admin token. Bulk rows go straight into the database in one transaction;
 * users and tokens go through the services. Deterministic (fixed PRNG seed).
 */
import { Database } from "bun:sqlite";
import { SEQ } from "../../src/model/ids";
import { indexQueuedStatuses } from "../../src/db/queries/search-index";
import { createApplication, issueToken } from "../../src/services/oauth/tokens";
import { benchUser, LOCAL_DOMAIN, withInstance } from "./lib";
import type { SeedResult } from "./seed";

/** What the features suite needs to know about the extra seed. */
export interface FeaturesMeta {
  /** The base seed's local user (list owner, notification recipient, admin). */
  token: string;
  accountId: number;
  /** The same user with admin scopes added (admin:read, admin:write). */
  adminToken: string;
  /** A second user with the same home feed and 10 active keyword filters. */
  filterToken: string;
  listId: number;
  listMembers: number;
  listFeedRows: number;
  notifications: number;
  notificationTypes: Record<string, number>;
  localAccounts: number;
  fanTag: string;
  fanTagFollowers: number;
  taggedStatuses: number;
  followedTags: number;
  scheduled: number;
  filters: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const WORDS =
  "the a fediverse hearth timeline morning coffee cat garden release bug fix today weather train book music walk code sqlite bun server federation hello world small web".split(
    " ",
  );
const FAN_TAG = "benchtag";
const TOPICS = 100;
const FANS = 1000;
const LIST_MEMBERS = 50;
const OWN_STATUSES = 300;
const SCHEDULED = 100;
/** Five keywords that occur in the seeded text and five that do not. */
const KEYWORDS = ["coffee", "weather", "train", "garden", "sqlite", "election", "football", "crypto", "spoilers", "politics"];

/** Deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds the features data set to the database in `dataDir` (a copy of the base seed). */
export async function seedFeatures(dataDir: string, base: SeedResult, log: (m: string) => void = () => {}): Promise<FeaturesMeta> {
  const bench = base.accountId;
  // Users and tokens through the services.
  const { adminToken, filterUser } = await withInstance(dataDir, async (ctx) => {
    const userId = ctx.db.query<{ id: number }, [number]>("SELECT id FROM users WHERE account_id = ?").get(bench)!.id;
    const scopes = ["read", "write", "follow", "admin:read", "admin:write"];
    const app = createApplication(ctx, { name: "Hearth bench admin", website: null, redirectUris: ["urn:ietf:wg:oauth:2.0:oob"], scopes });
    const adminToken = issueToken(ctx, { applicationId: app.id, userId, scopes }).token;
    const filterUser = await benchUser(ctx, "benchfilter");
    return { adminToken, filterUser };
  });

  const db = new Database(`${dataDir}/hearth.sqlite`, { strict: true });
  db.exec(
    "PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF",
  );
  const rand = rng(4242);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
  const now = Date.now();
  const used = new Set<number>();
  /** A snowflake id for time `ms` not handed out before (statuses: also not in the table). */
  const idAt = (ms: number, table?: string): number => {
    let id = Math.floor(ms) * SEQ + SEQ - 1;
    const taken = table ? db.query(`SELECT 1 FROM ${table} WHERE id = ?`) : null;
    while (used.has(id) || (taken && taken.get(id))) id -= 1;
    used.add(id);
    return id;
  };
  const remote = db
    .query<{ id: number }, []>("SELECT id FROM accounts WHERE domain IS NOT NULL ORDER BY id")
    .all()
    .map((r) => r.id);
  const followed = db
    .query<{ id: number }, [number]>("SELECT target_account_id AS id FROM follows WHERE account_id = ? ORDER BY target_account_id")
    .all(bench)
    .map((r) => r.id);
  const out: Partial<FeaturesMeta> = {
    token: base.token,
    accountId: bench,
    adminToken,
    filterToken: filterUser.token,
    fanTag: FAN_TAG,
    filters: KEYWORDS.length,
  };

  db.transaction(() => {
    // Hashtags: 100 topics on a tenth of the statuses (Zipf-like: topic k ∝ 1/(k+1)), and the fan tag.
    const insTag = db.query("INSERT INTO tags (id, name, display_name, created_at) VALUES (?, ?, ?, ?)");
    const tagIds: number[] = [];
    for (let k = 0; k < TOPICS; k++) {
      const id = idAt(now - 400 * DAY + k);
      insTag.run(id, `topic${k}`, `Topic${k}`, now - 400 * DAY);
      tagIds.push(id);
    }
    const fanTagId = idAt(now - 400 * DAY + TOPICS);
    insTag.run(fanTagId, FAN_TAG, FAN_TAG, now - 400 * DAY);
    const weights = tagIds.map((_, k) => 1 / (k + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const cumulative: number[] = [];
    weights.reduce((acc, w, k) => (cumulative[k] = acc + w / total), 0);
    const zipf = () => {
      const r = rand();
      const k = cumulative.findIndex((c) => c >= r);
      return tagIds[k < 0 ? TOPICS - 1 : k]!;
    };
    const insStatusTag = db.query("INSERT OR IGNORE INTO statuses_tags (tag_id, status_id) VALUES (?, ?)");
    let tagged = 0;
    for (const s of db.query<{ id: number }, []>("SELECT id FROM statuses WHERE reblog_of_id IS NULL").iterate()) {
      if (rand() >= 0.1) continue;
      insStatusTag.run(zipf(), s.id);
      if (rand() < 0.2) insStatusTag.run(zipf(), s.id);
      tagged++;
    }
    db.exec(
      `UPDATE tags SET last_status_at = (SELECT max(s.created_at) FROM statuses_tags st JOIN statuses s ON s.id = st.status_id WHERE st.tag_id = tags.id)`,
    );
    out.taggedStatuses = tagged;
    log(`  ${tagged} tagged statuses`);

    // 1,000 local accounts (with users) following the fan tag and three topics each.
    const insAccount =
      db.query(`INSERT INTO accounts (id, username, domain, display_name, uri, url, inbox_url, shared_inbox_url, outbox_url,
      followers_url, following_url, featured_url, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insUser =
      db.query(`INSERT INTO users (id, account_id, email, password_hash, role, confirmed_at, approved, locale, created_at, updated_at)
      VALUES (?, ?, ?, 'bench-no-login', 'user', ?, 1, 'en', ?, ?)`);
    const insTagFollow = db.query("INSERT OR IGNORE INTO tag_follows (id, account_id, tag_id, created_at) VALUES (?, ?, ?, ?)");
    const base = `http://${LOCAL_DOMAIN}`;
    const fans: number[] = [];
    for (let i = 0; i < FANS; i++) {
      const at = now - 300 * DAY + i * 60_000;
      const id = idAt(at, "accounts");
      const u = `fan${i}`;
      const actor = `${base}/users/${u}`;
      insAccount.run(
        id,
        u,
        `Fan ${i}`,
        actor,
        `${base}/@${u}`,
        `${actor}/inbox`,
        `${base}/inbox`,
        `${actor}/outbox`,
        `${actor}/followers`,
        `${actor}/following`,
        `${actor}/collections/featured`,
        at,
        at,
      );
      insUser.run(idAt(at), id, `${u}@example.com`, at, at, at);
      insTagFollow.run(idAt(at + 1), id, fanTagId, at + 1);
      for (let k = 0; k < 3; k++) insTagFollow.run(idAt(at + 2 + k), id, zipf(), at + 2 + k);
      fans.push(id);
    }
    out.localAccounts = FANS + 2;
    out.fanTagFollowers = FANS;

    // The bench user follows 20 hashtags (popular and rare ones).
    const followedTags = [...tagIds.slice(0, 10), ...tagIds.slice(50, 60)];
    followedTags.forEach((t, k) => insTagFollow.run(idAt(now - 30 * DAY + k * HOUR), bench, t, now - 30 * DAY + k * HOUR));
    out.followedTags = followedTags.length;

    // 300 own posts over the last 60 days (they are what favourites and boosts point at).
    const insStatus =
      db.query(`INSERT INTO statuses (id, uri, url, account_id, local, conversation_id, text, content, visibility, language, created_at, updated_at)
      VALUES (?, ?, ?, ?, 1, ?, ?, ?, 0, 'en', ?, ?)`);
    const own: { id: number; at: number }[] = [];
    for (let k = 0; k < OWN_STATUSES; k++) {
      const at = Math.floor(now - 60 * DAY + (k + rand()) * ((60 * DAY) / OWN_STATUSES));
      const id = idAt(at, "statuses");
      const text = words(8 + Math.floor(rand() * 20));
      insStatus.run(id, `${base}/users/bench/statuses/${id}`, `${base}/@bench/${id}`, bench, id, text, `<p>${text}</p>`, at, at);
      db.query("INSERT OR IGNORE INTO home_feeds (account_id, status_id) VALUES (?, ?)").run(bench, id);
      own.push({ id, at });
    }
    db.query("UPDATE accounts SET statuses_count = ?, last_status_at = ? WHERE id = ?").run(OWN_STATUSES, own[own.length - 1]!.at, bench);

    // A list of 50 followed accounts (and four small ones), feeds filled as fan-out would fill them.
    const insList = db.query(
      "INSERT INTO lists (id, account_id, title, replies_policy, exclusive, created_at, updated_at) VALUES (?, ?, ?, 'list', 0, ?, ?)",
    );
    const insMember = db.query("INSERT INTO list_accounts (id, list_id, account_id, created_at) VALUES (?, ?, ?, ?)");
    const lists: { id: number; members: number[] }[] = [];
    for (let l = 0; l < 5; l++) {
      const id = idAt(now - 200 * DAY + l);
      insList.run(id, bench, l === 0 ? "Bench list" : `Small list ${l}`, now - 200 * DAY, now - 200 * DAY);
      const members = l === 0 ? followed.slice(0, LIST_MEMBERS) : followed.slice(LIST_MEMBERS + l * 5, LIST_MEMBERS + l * 5 + 5);
      for (const m of members) insMember.run(idAt(now - 200 * DAY + 10), id, m, now - 200 * DAY);
      lists.push({ id, members });
    }
    db.exec(`INSERT OR IGNORE INTO list_feeds (list_id, status_id)
      SELECT l.id, s.id FROM lists l JOIN list_accounts la ON la.list_id = l.id JOIN statuses s ON s.account_id = la.account_id
      WHERE l.account_id = ${bench} AND s.visibility <= 2
        AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id OR s.in_reply_to_account_id = l.account_id
          OR EXISTS (SELECT 1 FROM list_accounts rl WHERE rl.list_id = l.id AND rl.account_id = s.in_reply_to_account_id))`);
    out.listId = lists[0]!.id;
    out.listMembers = LIST_MEMBERS;
    out.listFeedRows = db.query<{ n: number }, [number]>("SELECT count(*) AS n FROM list_feeds WHERE list_id = ?").get(lists[0]!.id)!.n;

    // ~10,000 notifications of mixed types over 60 days.
    type N = { at: number; type: string; from: number; status: number | null };
    const ns: N[] = [];
    const recentFloor = (now - 60 * DAY) * SEQ;
    for (const s of own) {
      for (const [type, max] of [
        ["favourite", 64],
        ["reblog", 32],
      ] as const) {
        const from = new Set<number>();
        const n = Math.floor(rand() * rand() * max);
        while (from.size < n) from.add(pick(remote));
        for (const f of from)
          ns.push({ at: Math.min(now - 1000, s.at + Math.floor(rand() ** 3 * 48 * HOUR)), type, from: f, status: s.id });
      }
    }
    const recent = db
      .query<{ id: number; account_id: number; created_at: number; visibility: number }, [number]>(
        "SELECT id, account_id, created_at, visibility FROM statuses WHERE id >= ? AND reblog_of_id IS NULL",
      )
      .all(recentFloor);
    const insMention = db.query("INSERT INTO mentions (id, status_id, account_id, silent) VALUES (?, ?, ?, 0)");
    const mentioned = new Set<number>();
    // Bounded by what exists, so smaller data sets (the perf suite's 10,000 statuses) terminate.
    while (mentioned.size < Math.min(2000, recent.length)) {
      const s = pick(recent);
      if (mentioned.has(s.id)) continue;
      mentioned.add(s.id);
      insMention.run(idAt(s.created_at), s.id, bench);
      ns.push({ at: s.created_at, type: "mention", from: s.account_id, status: s.id });
    }
    const followedSet = new Set(followed);
    const fromFollowed = recent.filter((s) => followedSet.has(s.account_id) && s.visibility <= 1);
    for (let k = 0; k < 300; k++) {
      const s = pick(fromFollowed);
      ns.push({ at: s.created_at, type: "status", from: s.account_id, status: s.id });
    }
    for (let k = 0; k < 100; k++) {
      const s = pick(fromFollowed);
      ns.push({ at: s.created_at + HOUR, type: "update", from: s.account_id, status: s.id });
    }
    const followers = new Set<number>();
    while (followers.size < Math.min(1300, remote.length)) followers.add(pick(remote));
    for (const f of followers) ns.push({ at: Math.floor(now - 60 * DAY + rand() * 60 * DAY), type: "follow", from: f, status: null });
    for (let k = 0; k < 100; k++)
      ns.push({ at: Math.floor(now - 60 * DAY + rand() * 60 * DAY), type: "admin.sign_up", from: fans[k]!, status: null });
    ns.sort((a, b) => a.at - b.at);
    // Group keys as services/notifications/group-key.ts makes them (a group spans ≤ 12 hour buckets).
    const groupStart = new Map<string, number>();
    const insNotification = db.query(
      "INSERT INTO notifications (id, account_id, from_account_id, type, status_id, created_at, group_key) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const types: Record<string, number> = {};
    for (const n of ns) {
      let key: string | null = null;
      const prefix =
        n.type === "favourite" || n.type === "reblog"
          ? `${n.type}-${n.status}`
          : n.type === "follow" || n.type === "admin.sign_up"
            ? n.type
            : null;
      if (prefix) {
        const bucket = Math.floor(n.at / HOUR);
        const prev = groupStart.get(prefix);
        const start = prev !== undefined && bucket < prev + 12 ? prev : bucket;
        groupStart.set(prefix, start);
        key = `${prefix}-${start}`;
      }
      insNotification.run(idAt(n.at), bench, n.from, n.type, n.status, n.at, key);
      types[n.type] = (types[n.type] ?? 0) + 1;
    }
    out.notifications = ns.length;
    out.notificationTypes = types;
    // Other local accounts have notifications too (20 follows each), so the table and its
    // statistics look like a server's rather than one user's.
    for (const fan of fans) {
      const starts = new Map<string, number>();
      const times = Array.from({ length: 20 }, () => Math.floor(now - 60 * DAY + rand() * 60 * DAY)).sort((a, b) => a - b);
      for (const at of times) {
        const bucket = Math.floor(at / HOUR);
        const prev = starts.get("follow");
        const start = prev !== undefined && bucket < prev + 12 ? prev : bucket;
        starts.set("follow", start);
        insNotification.run(idAt(at), fan, pick(remote), "follow", null, at, `follow-${start}`);
      }
    }

    // The filter user: the bench user's follows and home feed, and 10 keyword filters.
    const fu = filterUser.accountId;
    const insFollow = db.query("INSERT INTO follows (id, account_id, target_account_id, created_at) VALUES (?, ?, ?, ?)");
    followed.forEach((t, k) => insFollow.run(idAt(now - 100 * DAY + k), fu, t, now - 100 * DAY + k));
    db.query("UPDATE accounts SET following_count = ? WHERE id = ?").run(followed.length, fu);
    db.query("INSERT OR IGNORE INTO home_feeds (account_id, status_id) SELECT ?, status_id FROM home_feeds WHERE account_id = ?").run(
      fu,
      bench,
    );
    const insFilter = db.query(
      "INSERT INTO custom_filters (id, account_id, title, context, action, expires_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, NULL, ?, ?)",
    );
    const insKeyword = db.query(
      "INSERT INTO custom_filter_keywords (id, custom_filter_id, keyword, whole_word, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
    );
    KEYWORDS.forEach((k, i) => {
      const at = now - 10 * DAY + i * HOUR;
      const id = idAt(at);
      insFilter.run(
        id,
        fu,
        `No ${k}`,
        JSON.stringify(["home", "notifications", "public", "thread", "account"]),
        i % 5 === 4 ? "hide" : "warn",
        at,
        at,
      );
      insKeyword.run(idAt(at + 1), id, k, at, at);
    });

    // Scheduled posts: two a day for the next 50 days.
    const insScheduled = db.query(
      "INSERT INTO scheduled_statuses (id, account_id, scheduled_at, params, idempotency_key, created_at) VALUES (?, ?, ?, ?, NULL, ?)",
    );
    for (let k = 0; k < SCHEDULED; k++) {
      const at = now - DAY + k;
      const params = {
        text: `scheduled ${k} ${words(10)}`,
        poll: null,
        media_ids: null,
        sensitive: null,
        spoiler_text: null,
        visibility: "public",
        in_reply_to_id: null,
        language: null,
        application_id: null,
        scheduled_at: null,
        idempotency: null,
        with_rate_limit: false,
      };
      insScheduled.run(idAt(at), bench, now + (k + 1) * 12 * HOUR, JSON.stringify(params), at);
    }
    out.scheduled = SCHEDULED;
  })();
  log(`  ${out.notifications} notifications, list feed ${out.listFeedRows} rows; analyzing`);
  // The search entries of the statuses written here, as the server's jobs fold them in (migration 0039).
  indexQueuedStatuses(db);
  db.exec("ANALYZE");
  db.close();
  return out as FeaturesMeta;
}
