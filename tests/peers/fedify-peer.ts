/**
 * An independent ActivityPub server for tests, built with Fedify: its own actors, keys,
 * WebFinger, NodeInfo, inboxes that verify HTTP Signatures with Fedify's code, and an outbox
 * that signs with draft-cavage or RFC 9421 (`spec`). Listens on 127.0.0.1 only.
 */
import {
  createExponentialBackoffPolicy,
  createFederation,
  generateCryptoKeyPair,
  MemoryKvStore,
  type Context,
  type RequestContext,
} from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import {
  Accept,
  Activity,
  Block,
  Create,
  Endpoints,
  Follow,
  Image,
  Note,
  Person,
  PUBLIC_COLLECTION,
  Reject,
  Undo,
  type Actor,
} from "@fedify/vocab";
import { recordOutgoing, stopRecording } from "./outgoing-log";
import { TrackedQueue } from "./tracked-queue";
import { peerActions } from "./peer-actions";
import type { InboxHit, Peer, PeerActor, Received, StartPeerOptions } from "./peer-types";

export * from "./peer-types";

/** A 1×1 PNG (avatars the peer serves). */
const TINY_PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

/** RSA keygen is slow on a busy machine: keys are made once per username per process and reused by every peer. */
const keyCache = new Map<string, Promise<CryptoKeyPair[]>>();
function actorKeys(username: string): Promise<CryptoKeyPair[]> {
  let p = keyCache.get(username);
  if (!p) {
    p = Promise.all([generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), generateCryptoKeyPair("Ed25519")]);
    keyCache.set(username, p);
  }
  return p;
}

function freePort(): number {
  const s = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response("") });
  const p = s.port!;
  s.stop(true);
  return p;
}

/** Starts a Fedify peer on a free 127.0.0.1 port (actors default to `peter` and locked `lena`). */
export async function startPeer(opts: StartPeerOptions = {}): Promise<Peer> {
  const spec = opts.spec ?? "rfc9421";
  const port = freePort();
  const domain = `127.0.0.1:${port}`;
  const url = `http://${domain}`;
  const queue = new TrackedQueue();
  const abort = new AbortController();
  const retry = createExponentialBackoffPolicy({ maxAttempts: 2, initialDelay: { milliseconds: 100 }, jitter: false });
  const federation = createFederation<void>({
    kv: new MemoryKvStore(),
    queue: { inbox: queue, outbox: queue },
    manuallyStartQueue: true,
    allowPrivateAddress: true,
    firstKnock: spec,
    origin: url,
    outboxRetryPolicy: retry,
    inboxRetryPolicy: retry,
    circuitBreaker: false,
  });
  const actors: Record<string, PeerActor> = {};
  for (const a of opts.actors ?? [
    { username: "peter", name: "Peter Peer" },
    { username: "lena", locked: true, name: "Lena Locked" },
  ]) {
    const keys = await actorKeys(a.username);
    const uri = `${url}/users/${a.username}`;
    actors[a.username] = {
      identifier: a.username,
      uri,
      handle: `${a.username}@${domain}`,
      inbox: `${uri}/inbox`,
      name: a.name ?? a.username,
      summary: `<p>I am ${a.username}, a Fedify peer.</p>`,
      locked: a.locked ?? false,
      aliases: [],
      successor: null,
      keys,
      followers: new Map(),
      following: new Map(),
      pendingFollows: new Map(),
      notes: new Map(),
      pinned: new Set(),
    };
  }
  const first = Object.keys(actors)[0]!;
  const actorOf = (from?: string) => {
    const a = actors[from ?? first];
    if (!a) throw new Error(`peer: no actor ${from}`);
    return a;
  };
  const received: Received[] = [];
  const rejected: { reason: string; type: string }[] = [];
  const inboxHits: InboxHit[] = [];
  const outgoing = recordOutgoing(url);
  const rawById = new Map<string, any>();
  const files = new Map<string, { type: string; body: Uint8Array }>();
  files.set("/avatars/peter.png", { type: "image/png", body: TINY_PNG });
  files.set("/avatars/lena.png", { type: "image/png", body: TINY_PNG });
  let inFlight = 0;
  let seq = 0;
  const newId = (a: PeerActor, kind: string) => new URL(`${a.uri}/${kind}/${Date.now()}-${++seq}`);

  const signedGets: { path: string; keyId: string | null }[] = [];
  /** Verifies a GET's signature with Fedify (always recorded; required only with `authorizedFetch`). */
  const checkSignedGet = async (ctx: RequestContext<void>) => {
    const key = await ctx.getSignedKey();
    signedGets.push({ path: ctx.url.pathname, keyId: key?.id?.href ?? null });
    return !opts.authorizedFetch || key != null;
  };
  const buildPerson = async (ctx: Context<void>, identifier: string) => {
    const a = actors[identifier];
    if (!a) return null;
    const keys = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: a.name,
      summary: a.summary,
      url: new URL(`${url}/@${identifier}`),
      inbox: ctx.getInboxUri(identifier),
      outbox: ctx.getOutboxUri(identifier),
      followers: ctx.getFollowersUri(identifier),
      following: ctx.getFollowingUri(identifier),
      featured: ctx.getFeaturedUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      manuallyApprovesFollowers: a.locked,
      publicKey: keys[0]!.cryptographicKey,
      assertionMethods: keys.map((k) => k.multikey),
      icon: new Image({ url: new URL(`${url}/avatars/${identifier}.png`), mediaType: "image/png" }),
      aliases: a.aliases.map((x) => new URL(x)),
      successor: a.successor ? new URL(a.successor) : null,
      discoverable: true,
      indexable: true,
      published: Temporal.Instant.from("2024-01-01T00:00:00Z"),
    });
  };
  federation
    .setActorDispatcher("/users/{identifier}", (ctx, identifier) => buildPerson(ctx, identifier))
    .setKeyPairsDispatcher((_ctx, identifier) => actors[identifier]?.keys ?? [])
    .authorize((ctx) => checkSignedGet(ctx));

  federation
    .setObjectDispatcher(
      Note,
      "/users/{identifier}/notes/{id}",
      (ctx, v) => actors[v.identifier]?.notes.get(ctx.getObjectUri(Note, v).href) ?? null,
    )
    .authorize((ctx) => checkSignedGet(ctx));
  federation
    .setFollowersDispatcher("/users/{identifier}/followers", (_ctx, identifier) => ({
      items: [...(actors[identifier]?.followers.values() ?? [])],
    }))
    .setCounter((_ctx, identifier) => actors[identifier]?.followers.size ?? 0);
  federation.setFollowingDispatcher("/users/{identifier}/following", (_ctx, identifier) => ({
    items: [...(actors[identifier]?.following.keys() ?? [])].map((u) => new URL(u)),
  }));
  federation.setFeaturedDispatcher("/users/{identifier}/featured", (_ctx, identifier) => {
    const a = actors[identifier];
    return { items: a ? [...a.pinned].map((id) => a.notes.get(id)).filter((n): n is Note => !!n) : [] };
  });
  federation.setOutboxDispatcher("/users/{identifier}/outbox", (_ctx, identifier) => ({
    items: [...(actors[identifier]?.notes.values() ?? [])]
      .filter((n) => n.toIds.some((t) => t.href === PUBLIC_COLLECTION.href))
      .map((n) => new Create({ id: new URL(`${n.id!.href}#create`), actor: n.attributionId, object: n, tos: n.toIds, ccs: n.ccIds })),
  }));
  federation.setNodeInfoDispatcher("/nodeinfo/2.1", () => ({
    software: { name: "fedify-peer", version: "2.3.6" },
    protocols: ["activitypub"],
    openRegistrations: false,
    usage: { users: { total: Object.keys(actors).length }, localPosts: 0, localComments: 0 },
  }));

  const record = async (ctx: Context<void>, activity: Activity, inbox: string) => {
    const json = (await activity.toJsonLd({ format: "compact" })) as any;
    const raw = (activity.id && rawById.get(activity.id.href)) ?? null;
    received.push({
      type: json.type ?? activity.constructor.name,
      id: activity.id?.href ?? null,
      actor: activity.actorId?.href ?? null,
      objectId: activity.objectId?.href ?? null,
      inbox,
      json,
      raw,
    });
    void ctx;
  };
  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .on(Activity, async (ctx, activity) => {
      const inbox = ctx.recipient ?? "shared";
      await record(ctx, activity, inbox);
      if (activity instanceof Follow && ctx.recipient && actors[ctx.recipient]) {
        const me = actors[ctx.recipient]!;
        if (activity.objectId?.href !== me.uri) return;
        const follower = await activity.getActor(ctx);
        if (!follower?.id) return;
        if (me.locked) {
          me.pendingFollows.set(follower.id.href, activity);
          return;
        }
        me.followers.set(follower.id.href, follower);
        await ctx.sendActivity(
          { identifier: me.identifier },
          follower,
          new Accept({ id: newId(me, "accepts"), actor: new URL(me.uri), object: activity }),
          { immediate: true },
        );
      } else if (activity instanceof Undo) {
        const inner = await activity.getObject(ctx).catch(() => null);
        if (inner instanceof Follow)
          for (const a of Object.values(actors)) if (inner.objectId?.href === a.uri) a.followers.delete(activity.actorId!.href);
      } else if (activity instanceof Accept || activity instanceof Reject) {
        for (const a of Object.values(actors)) {
          const f = a.following.get(activity.actorId?.href ?? "");
          if (!f) continue;
          if (activity instanceof Accept) f.accepted = true;
          else a.following.delete(activity.actorId!.href);
        }
      } else if (activity instanceof Block) {
        for (const a of Object.values(actors))
          if (activity.objectId?.href === a.uri) {
            a.followers.delete(activity.actorId!.href);
            a.following.delete(activity.actorId!.href);
          }
      }
    })
    .onUnverifiedActivity((_ctx, activity, reason) => {
      rejected.push({ reason: JSON.stringify(reason), type: activity.constructor.name });
    });

  const server = Bun.serve({
    port,
    hostname: "127.0.0.1",
    async fetch(req) {
      inFlight++;
      try {
        const path = new URL(req.url).pathname;
        const file = files.get(path);
        if (file && req.method === "GET")
          return new Response(file.body as Uint8Array<ArrayBuffer>, { headers: { "Content-Type": file.type } });
        let body: any = null;
        if (req.method === "POST" && path.endsWith("/inbox")) {
          try {
            body = JSON.parse(await req.clone().text());
          } catch {
            body = null;
          }
          if (typeof body?.id === "string") rawById.set(body.id, body);
        }
        const res = await federation.fetch(req, { contextData: undefined });
        if (req.method === "POST" && path.endsWith("/inbox")) {
          const scheme = req.headers.get("signature-input")
            ? "rfc9421"
            : req.headers.get("signature")
              ? "draft-cavage-http-signatures-12"
              : "unsigned";
          inboxHits.push({ path, status: res.status, scheme, body });
        }
        return res;
      } finally {
        inFlight--;
      }
    },
  });
  void federation.startQueue(undefined, { signal: abort.signal });

  const ctxOf = () => federation.createContext(new URL(url), undefined);
  const lookupActor = async (handleOrUri: string): Promise<Actor> => {
    let uri = handleOrUri;
    if (!/^https?:/.test(uri)) {
      const h = uri.replace(/^@/, "");
      const host = h.slice(h.indexOf("@") + 1);
      const wf = await fetch(`http://${host}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${h}`)}`);
      if (!wf.ok) throw new Error(`peer: webfinger ${h} → ${wf.status}`);
      const self = ((await wf.json()) as any).links?.find((l: any) => l.rel === "self")?.href;
      if (!self) throw new Error(`peer: webfinger ${h} has no self link`);
      uri = self;
    }
    const ctx = ctxOf();
    const obj = await ctx.lookupObject(uri, { documentLoader: await ctx.getDocumentLoader({ identifier: first }) });
    if (!obj || !("inboxId" in obj)) throw new Error(`peer: ${uri} is not an actor`);
    return obj as Actor;
  };
  const send = async (activity: Activity, to: "followers" | (string | Actor)[], from?: string) => {
    const a = actorOf(from);
    const ctx = ctxOf();
    if (to === "followers") {
      if (a.followers.size)
        await ctx.sendActivity({ identifier: a.identifier }, [...a.followers.values()], activity, {
          immediate: true,
          preferSharedInbox: true,
        });
      return;
    }
    const recipients = await Promise.all(to.map((t) => (typeof t === "string" ? lookupActor(t) : t)));
    if (recipients.length) await ctx.sendActivity({ identifier: a.identifier }, recipients, activity, { immediate: true });
  };
  const peer: Peer = {
    url,
    domain,
    spec,
    federation,
    actors,
    files,
    received,
    rejected,
    inboxHits,
    outgoing,
    signedGets,
    context: ctxOf,
    idle: () => queue.pending === 0 && inFlight === 0,
    lookupActor,
    send,
    ...peerActions({ spec, actors, actorOf, ctxOf, lookupActor, send, newId, first, buildPerson }),
    async waitFor(pred, ms = 5000) {
      const end = Date.now() + ms;
      while (!pred(received)) {
        if (Date.now() > end) throw new Error(`peer: timed out; received ${received.map((r) => r.type).join(", ") || "nothing"}`);
        await Bun.sleep(10);
      }
    },
    async stop() {
      abort.abort();
      stopRecording(url);
      server.stop(true);
    },
  };
  return peer;
}
