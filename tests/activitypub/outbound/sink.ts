/**
 * A local "remote server" for outbound tests: the rig's one fake remote server
 * (tests/rig/fake-remote.ts) set up the way these suites need it (fake accounts registered by
 * name, unknown actors 404, signatures of deliveries checked against Hearth's keys), with the
 * shared outbound scene.
 */
import { startTestServer, type TestServer, type TestUser } from "../../rig";
import { FakeRemote, rigKeys, type Received } from "../../rig/fake-remote";
import { drainAll } from "../../rig/drain";
import type { AccountRow, StatusRow } from "../../../src/db/rows";
import { resolveAccountByHandle } from "../../../src/services/federation/resolve-account";
import { generateKeys } from "../../../src/services/accounts/keys";
import { insertFollow } from "../../../src/services/follows/rows";

/** One activity POSTed to a sink (path, parsed body, Signature header, and more). */
export type Delivery = Received;

let key: Promise<{ publicKey: string; privateKey: string }> | null = null;

/** The sink server: a FakeRemote whose actors are the names in `extra` (all sharing one key). */
export class Sink extends FakeRemote {
  /** Extra actor fields by username (alsoKnownAs…); a name here is an actor of this server. */
  readonly extra = new Map<string, Record<string, unknown>>();
  private publicKey = "";

  constructor() {
    super({ unknownActorStatus: 404 });
  }

  /** The actor URI of a fake account here. */
  actor(name: string): string {
    return `${this.base}/users/${name}`;
  }

  /** Resolves fake account `name` into Hearth (WebFinger + actor fetch, as a mention or follow would). */
  async account(s: TestServer, name: string, extra: Record<string, unknown> = {}): Promise<AccountRow> {
    key ??= generateKeys();
    this.publicKey = (await key).publicKey;
    this.verify ??= { keys: rigKeys(s) };
    this.extra.set(name, extra);
    const row = await resolveAccountByHandle(s.ctx, `${name}@${this.host}`);
    if (!row) throw new Error(`could not resolve ${name}@${this.host}`);
    return row;
  }

  /** Activities received (bodies) of one type, without removing them. */
  ofType(type: string): any[] {
    return this.received.filter((d) => d.body?.type === type).map((d) => d.body);
  }

  protected override actorDocument(name: string): Record<string, unknown> | null {
    if (!this.extra.has(name)) return null;
    const uri = this.actor(name);
    return {
      "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
      id: uri,
      type: "Person",
      preferredUsername: name,
      name,
      summary: "",
      url: `${this.base}/@${name}`,
      inbox: `${uri}/inbox`,
      outbox: `${uri}/outbox`,
      followers: `${uri}/followers`,
      following: `${uri}/following`,
      endpoints: { sharedInbox: `${this.base}/inbox` },
      manuallyApprovesFollowers: false,
      publicKey: { id: `${uri}#main-key`, owner: uri, publicKeyPem: this.publicKey },
      ...this.extra.get(name),
    };
  }
}

/** Makes remote `followerId` follow local `targetId` (as an accepted inbound Follow would). */
export function remoteFollows(s: TestServer, followerId: number, targetId: number, uri: string): void {
  s.ctx.db
    .transaction(() => insertFollow(s.ctx, followerId, targetId, { showReblogs: true, notify: false, languages: null, uri }))
    .immediate();
}

/** Inserts a public status by a remote account (as the inbox would store it). */
export function remoteStatus(s: TestServer, authorId: number, uri: string, content = "<p>remote</p>"): StatusRow {
  const id = s.ctx.ids.next();
  const t = s.ctx.now();
  s.ctx.db
    .query(
      "INSERT INTO statuses (id, uri, url, account_id, local, content, visibility, conversation_id, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, 0, ?, ?, ?)",
    )
    .run(id, uri, uri, authorId, content, id, t, t);
  return s.ctx.db.query<StatusRow, [number]>("SELECT * FROM statuses WHERE id = ?").get(id)!;
}

/** Drains the server's queue until the sink has at least `n` deliveries (or a short deadline passes). */
export async function settle(s: TestServer, sink: Sink, n = 0): Promise<Delivery[]> {
  await drainAll([s], { done: () => sink.received.length >= n, maxMs: 3000, pauseMs: 10 });
  await s.drain();
  return sink.take();
}

/** Count of delivery jobs queued (fan-out and per-inbox). */
export function deliveryJobs(s: TestServer): number {
  return s.count("jobs", "kind IN ('ap.fanout', 'ap.deliver')");
}

/**
 * The scene the outbound suites share: a Hearth server (jobs only via drain) with local alice and
 * carol; host A holds bob, a remote follower of alice; host B holds dave (and any `onB` names),
 * reached only by mentions, replies and direct interactions. Nothing recorded yet at either host.
 */
export interface Scene {
  s: TestServer;
  a: Sink;
  b: Sink;
  alice: TestUser;
  carol: TestUser;
  bob: AccountRow;
  dave: AccountRow;
  onB: Record<string, AccountRow>;
}

/** Starts the scene; `beforeSettle` runs after the accounts exist, before the first settle. */
export async function startScene(opts: { followUri?: string; onB?: string[]; beforeSettle?: (sc: Scene) => void } = {}): Promise<Scene> {
  const s = await startTestServer({ runJobs: false });
  const a = new Sink();
  const b = new Sink();
  const alice = await s.createUser("alice");
  const carol = await s.createUser("carol");
  const bob = await a.account(s, "bob");
  const dave = await b.account(s, "dave");
  const onB: Record<string, AccountRow> = {};
  for (const name of opts.onB ?? []) onB[name] = await b.account(s, name);
  const sc: Scene = { s, a, b, alice, carol, bob, dave, onB };
  remoteFollows(s, bob.id, alice.account.id, opts.followUri ?? `${a.base}/follows/bob-alice`);
  opts.beforeSettle?.(sc);
  await settle(s, a);
  a.take();
  b.take();
  return sc;
}

/** Stops the server and both sinks. */
export async function stopScene(sc: Scene | undefined): Promise<void> {
  if (!sc) return;
  await sc.s.stop();
  sc.a.stop();
  sc.b.stop();
}
