/**
 * The one fake remote ActivityPub server for tests, on 127.0.0.1 and a free port: serves actor
 * documents (keys from a small per-process pool), WebFinger, and any document or custom
 * response registered by path on its host; records every request, and what is POSTed to it
 * (verifying HTTP signatures when given a key lookup); signs activities it sends to a Hearth
 * inbox with Hearth's own signRequest.
 */
import { signRequest, verifyRequest, type PublicKeyInfo, type VerifyResult } from "../../src/activitypub/outbound/signatures";
import { generateKeys } from "../../src/services/accounts/keys";
import type { TestServer } from "./index";

/** An actor of the fake server, with its key pair. */
export interface FakeActor {
  name: string;
  uri: string;
  keyId: string;
  inbox: string;
  followers: string;
  featured: string;
  publicKeyPem: string;
  privateKeyPem: string;
  /** Extra fields merged into the actor document (alsoKnownAs, name…). */
  extra: Record<string, unknown>;
}

/** One request POSTed to the fake server. */
export interface Received {
  path: string;
  method: string;
  url: string;
  headers: Headers;
  contentType: string | null;
  /** The Signature header (draft-cavage), if any. */
  signature: string | null;
  /** The raw body. */
  text: string;
  /** The body parsed as JSON (null when it is not JSON). */
  body: any;
  /** The signature check, when the server verifies (`verify`). */
  verified?: VerifyResult;
}

/** How the server verifies signatures of POSTs: a key lookup and the clock to check Date against. */
export interface FakeRemoteVerify {
  keys: (keyId: string) => Promise<PublicKeyInfo | null> | PublicKeyInfo | null;
  now?: () => number;
}

export interface FakeRemoteOptions {
  /** Verify every POST (result in `Received.verified`). */
  verify?: FakeRemoteVerify;
  /** Status answered to the n-th POST to `path` (default 202). */
  inboxStatus?: (path: string, n: number) => number;
  /** Status for a /users/<name> that is not an actor here (default 410 Gone). */
  unknownActorStatus?: number;
  /** Answer …/outbox, /followers, /following, /collections/featured with empty collections (default true). */
  emptyCollections?: boolean;
}

type Handler = (req: Request) => Response | Promise<Response>;

let keyCache: Promise<{ publicKey: string; privateKey: string }[]> | null = null;
/** A few RSA key pairs made once per process (generation is the slow part). */
export function fakeKeys(): Promise<{ publicKey: string; privateKey: string }[]> {
  keyCache ??= Promise.all([generateKeys(), generateKeys(), generateKeys()]);
  return keyCache;
}

/** A key lookup for `verify` that finds the keys of a rig server's accounts in its database. */
export function rigKeys(s: TestServer): FakeRemoteVerify["keys"] {
  return (keyId) => {
    const row = s.ctx.db
      .query<{ uri: string; public_key_pem: string | null }, [string]>("SELECT uri, public_key_pem FROM accounts WHERE uri = ?")
      .get(keyId.replace(/#.*$/, ""));
    return row?.public_key_pem ? { publicKeyPem: row.public_key_pem, ownerUri: row.uri } : null;
  };
}

/** The fake server. Documents are keyed by path on its one host (`serve` also takes a full URL). */
export class FakeRemote {
  readonly actors = new Map<string, FakeActor>();
  /** Documents served as application/activity+json, by path. */
  readonly documents = new Map<string, Record<string, unknown>>();
  /** The same map as `documents` (stored objects such as notes). */
  readonly objects = this.documents;
  /** Custom responses by exact path (images, errors …). */
  readonly routes = new Map<string, Handler>();
  /** Every POST, in arrival order. */
  readonly received: Received[] = [];
  /** The path of every request (any method), in arrival order. */
  readonly requests: string[] = [];
  /** Signature checking of POSTs (settable after construction). */
  verify: FakeRemoteVerify | undefined;
  readonly host: string;
  readonly base: string;
  private server: ReturnType<typeof Bun.serve>;
  private seq = 0;
  private posts = new Map<string, number>();

  constructor(private opts: FakeRemoteOptions = {}) {
    this.verify = opts.verify;
    this.server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (req) => this.handle(req) });
    this.host = `127.0.0.1:${this.server.port}`;
    this.base = `http://${this.host}`;
  }

  /** Creates an actor served at /users/<name> (key pair `keyIndex` of the shared three). */
  async addActor(name: string, extra: Record<string, unknown> = {}, keyIndex = 0): Promise<FakeActor> {
    const k = (await fakeKeys())[keyIndex]!;
    const uri = `${this.base}/users/${name}`;
    const a: FakeActor = {
      name,
      uri,
      keyId: `${uri}#main-key`,
      inbox: `${uri}/inbox`,
      followers: `${uri}/followers`,
      featured: `${uri}/collections/featured`,
      publicKeyPem: k.publicKey,
      privateKeyPem: k.privateKey,
      extra,
    };
    this.actors.set(name, a);
    return a;
  }

  /** The actor document as served. */
  actorDoc(a: FakeActor): Record<string, unknown> {
    return {
      "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
      id: a.uri,
      type: "Person",
      preferredUsername: a.name,
      name: a.name.toUpperCase(),
      summary: "",
      inbox: a.inbox,
      outbox: `${a.uri}/outbox`,
      followers: a.followers,
      following: `${a.uri}/following`,
      featured: a.featured,
      endpoints: { sharedInbox: `${this.base}/inbox` },
      url: `${this.base}/@${a.name}`,
      manuallyApprovesFollowers: false,
      publicKey: { id: a.keyId, owner: a.uri, publicKeyPem: a.publicKeyPem },
      ...a.extra,
    };
  }

  /** A fresh id on this server. */
  id(kind = "activities"): string {
    return `${this.base}/${kind}/${++this.seq}-${Math.random().toString(36).slice(2, 8)}`;
  }

  /** A public Note by `a` (stored so it can be fetched), not wrapped. */
  note(a: FakeActor, content: string, extra: Record<string, unknown> = {}): Record<string, any> {
    const id = this.id("notes");
    const n = {
      id,
      type: "Note",
      attributedTo: a.uri,
      content: `<p>${content}</p>`,
      published: new Date().toISOString(),
      to: ["https://www.w3.org/ns/activitystreams#Public"],
      cc: [a.followers],
      url: id,
      ...extra,
    };
    this.objects.set(new URL(id).pathname, { "@context": "https://www.w3.org/ns/activitystreams", ...n });
    return n;
  }

  /** Serves `doc` at a path of this host (or a full URL on it). */
  serve(pathOrUrl: string, doc: Record<string, unknown>): void {
    this.documents.set(this.pathOf(pathOrUrl), doc);
  }

  /** Answers requests for a path of this host (or a full URL on it) with `handler`. */
  route(pathOrUrl: string, handler: Handler): void {
    this.routes.set(this.pathOf(pathOrUrl), handler);
  }

  /** POSTs `activity` to `url` signed by `signer` (`tamper` may rewrite headers/body after signing). */
  async send(
    url: string,
    activity: unknown,
    signer: FakeActor,
    opts: {
      now?: number;
      tamper?: (h: Record<string, string>, body: string) => { headers: Record<string, string>; body: string };
      keyId?: string;
      privateKeyPem?: string;
    } = {},
  ): Promise<Response> {
    let body = typeof activity === "string" ? activity : JSON.stringify(activity);
    let headers = await signRequest(
      { method: "POST", url, headers: { "Content-Type": "application/activity+json" }, body },
      { keyId: opts.keyId ?? signer.keyId, privateKeyPem: opts.privateKeyPem ?? signer.privateKeyPem },
      opts.now ?? Date.now(),
    );
    if (opts.tamper) ({ headers, body } = opts.tamper(headers, body));
    return fetch(url, { method: "POST", headers, body });
  }

  /** Activities POSTed to this server with the given type. */
  receivedOfType(type: string): Received[] {
    return this.received.filter((r) => r.body?.type === type);
  }

  /** Returns and forgets what was POSTed so far. */
  take(): Received[] {
    return this.received.splice(0);
  }

  stop(): void {
    this.server.stop(true);
  }

  /** The document served for /users/<name>, or null when there is no such actor. */
  protected actorDocument(name: string): Record<string, unknown> | null {
    const a = this.actors.get(name);
    return a ? this.actorDoc(a) : null;
  }

  private pathOf(pathOrUrl: string): string {
    if (pathOrUrl.startsWith("/")) return pathOrUrl;
    const u = new URL(pathOrUrl);
    if (u.host !== this.host) throw new Error(`${pathOrUrl} is not on ${this.host}`);
    return u.pathname;
  }

  private async receive(req: Request, path: string): Promise<Response> {
    const text = await req.text();
    let body: any = null;
    try {
      body = JSON.parse(text);
    } catch {
      /* keep null */
    }
    const r: Received = {
      path,
      method: req.method,
      url: req.url,
      headers: req.headers,
      contentType: req.headers.get("content-type"),
      signature: req.headers.get("signature"),
      text,
      body,
    };
    const v = this.verify;
    if (v)
      r.verified = await verifyRequest(
        { method: req.method, url: req.url, headers: req.headers, body: text },
        async (keyId) => v.keys(keyId),
        (v.now ?? Date.now)(),
      );
    this.received.push(r);
    const n = (this.posts.get(path) ?? 0) + 1;
    this.posts.set(path, n);
    return new Response(null, { status: this.opts.inboxStatus?.(path, n) ?? 202 });
  }

  private handle(req: Request): Response | Promise<Response> {
    const url = new URL(req.url);
    this.requests.push(url.pathname);
    const json = (v: unknown, type = "application/activity+json") => new Response(JSON.stringify(v), { headers: { "Content-Type": type } });
    if (req.method === "POST") return this.receive(req, url.pathname);
    const custom = this.routes.get(url.pathname);
    if (custom) return custom(req);
    if (url.pathname === "/.well-known/webfinger") {
      const m = /^acct:([^@]+)@(.+)$/.exec(url.searchParams.get("resource") ?? "");
      if (!m || m[2] !== this.host || !this.actorDocument(m[1]!)) return new Response("not found", { status: 404 });
      return json(
        {
          subject: `acct:${m[1]}@${this.host}`,
          links: [{ rel: "self", type: "application/activity+json", href: `${this.base}/users/${m[1]}` }],
        },
        "application/jrd+json",
      );
    }
    const am = /^\/users\/([^/]+)$/.exec(url.pathname);
    const actor = am ? this.actorDocument(am[1]!) : null;
    if (actor) return json(actor);
    const doc = this.documents.get(url.pathname);
    if (doc) return json(doc);
    if (am) {
      const status = this.opts.unknownActorStatus ?? 410;
      return new Response(status === 410 ? "gone" : "not found", { status });
    }
    if (this.opts.emptyCollections !== false && /\/(outbox|followers|following|collections\/featured)$/.test(url.pathname)) {
      return json({
        "@context": "https://www.w3.org/ns/activitystreams",
        id: `${this.base}${url.pathname}`,
        type: "OrderedCollection",
        totalItems: 0,
        orderedItems: [],
      });
    }
    return new Response("not found", { status: 404 });
  }
}
