/**
 * A tiny fake ActivityPub server for inbox tests: serves actor documents (with keys made
 * here), WebFinger and stored objects on 127.0.0.1, records what is POSTed to its inboxes,
 * and signs activities it sends to a Hearth inbox with F1's signRequest.
 */
import { signRequest } from "../../../src/activitypub/outbound/signatures";
import { generateKeys } from "../../../src/services/accounts/keys";

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

export interface Received { path: string; headers: Headers; body: any }

let keyCache: Promise<{ publicKey: string; privateKey: string }[]> | null = null;
/** A few RSA key pairs made once per process (generation is the slow part). */
function keys(): Promise<{ publicKey: string; privateKey: string }[]> {
  keyCache ??= Promise.all([generateKeys(), generateKeys(), generateKeys()]);
  return keyCache;
}

export class FakeRemote {
  readonly actors = new Map<string, FakeActor>();
  readonly objects = new Map<string, Record<string, unknown>>();
  readonly received: Received[] = [];
  private server: ReturnType<typeof Bun.serve>;
  readonly base: string;
  readonly host: string;
  private seq = 0;

  constructor() {
    this.server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (req) => this.handle(req) });
    this.host = `127.0.0.1:${this.server.port}`;
    this.base = `http://${this.host}`;
  }

  /** Creates an actor served at /users/<name> (key pair `keyIndex` of the shared three). */
  async addActor(name: string, extra: Record<string, unknown> = {}, keyIndex = 0): Promise<FakeActor> {
    const k = (await keys())[keyIndex]!;
    const uri = `${this.base}/users/${name}`;
    const a: FakeActor = {
      name, uri, keyId: `${uri}#main-key`, inbox: `${uri}/inbox`, followers: `${uri}/followers`, featured: `${uri}/collections/featured`,
      publicKeyPem: k.publicKey, privateKeyPem: k.privateKey, extra,
    };
    this.actors.set(name, a);
    return a;
  }

  /** The actor document as served. */
  actorDoc(a: FakeActor): Record<string, unknown> {
    return {
      "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
      id: a.uri, type: "Person", preferredUsername: a.name, name: a.name.toUpperCase(), summary: "",
      inbox: a.inbox, outbox: `${a.uri}/outbox`, followers: a.followers, following: `${a.uri}/following`, featured: a.featured,
      endpoints: { sharedInbox: `${this.base}/inbox` }, url: `${this.base}/@${a.name}`, manuallyApprovesFollowers: false,
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
      id, type: "Note", attributedTo: a.uri, content: `<p>${content}</p>`, published: new Date().toISOString(),
      to: ["https://www.w3.org/ns/activitystreams#Public"], cc: [a.followers], url: id, ...extra,
    };
    this.objects.set(new URL(id).pathname, { "@context": "https://www.w3.org/ns/activitystreams", ...n });
    return n;
  }

  /** POSTs `activity` to `url` signed by `signer` (`tamper` may rewrite headers/body after signing). */
  async send(url: string, activity: unknown, signer: FakeActor, opts: { now?: number; tamper?: (h: Record<string, string>, body: string) => { headers: Record<string, string>; body: string }; keyId?: string; privateKeyPem?: string } = {}): Promise<Response> {
    let body = typeof activity === "string" ? activity : JSON.stringify(activity);
    let headers = await signRequest(
      { method: "POST", url, headers: { "Content-Type": "application/activity+json" }, body },
      { keyId: opts.keyId ?? signer.keyId, privateKeyPem: opts.privateKeyPem ?? signer.privateKeyPem },
      opts.now ?? Date.now(),
    );
    if (opts.tamper) ({ headers, body } = opts.tamper(headers, body));
    return fetch(url, { method: "POST", headers, body });
  }

  /** Activities POSTed to this server's inboxes with the given type. */
  receivedOfType(type: string): Received[] {
    return this.received.filter((r) => r.body?.type === type);
  }

  private handle(req: Request): Response | Promise<Response> {
    const url = new URL(req.url);
    const json = (v: unknown) => new Response(JSON.stringify(v), { headers: { "Content-Type": "application/activity+json" } });
    if (req.method === "POST") {
      return req.text().then((t) => {
        let body: any = null;
        try { body = JSON.parse(t); } catch { /* keep null */ }
        this.received.push({ path: url.pathname, headers: req.headers, body });
        return new Response(null, { status: 202 });
      });
    }
    if (url.pathname === "/.well-known/webfinger") {
      const m = /^acct:([^@]+)@(.+)$/.exec(url.searchParams.get("resource") ?? "");
      const a = m && m[2] === this.host ? this.actors.get(m[1]!) : undefined;
      if (!a) return new Response("not found", { status: 404 });
      return new Response(JSON.stringify({ subject: `acct:${a.name}@${this.host}`, links: [{ rel: "self", type: "application/activity+json", href: a.uri }] }), { headers: { "Content-Type": "application/jrd+json" } });
    }
    const am = /^\/users\/([^/]+)$/.exec(url.pathname);
    if (am) {
      const a = this.actors.get(am[1]!);
      return a ? json(this.actorDoc(a)) : new Response("gone", { status: 410 });
    }
    const o = this.objects.get(url.pathname);
    if (o) return json(o);
    if (/\/(outbox|followers|following|collections\/featured)$/.test(url.pathname)) {
      return json({ "@context": "https://www.w3.org/ns/activitystreams", id: `${this.base}${url.pathname}`, type: "OrderedCollection", totalItems: 0, orderedItems: [] });
    }
    return new Response("not found", { status: 404 });
  }

  stop(): void { this.server.stop(true); }
}
