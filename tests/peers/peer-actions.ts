/** The peer's outbound actions (follow, post, like, …), each built with Fedify vocab and sent with Fedify's signer. */
import { signRequest, type Context } from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import {
  Accept,
  Activity,
  Add,
  Announce,
  Block,
  Create,
  Delete,
  Follow,
  Image,
  Like,
  Mention,
  Move,
  Note,
  Person,
  PUBLIC_COLLECTION,
  Reject,
  Remove,
  Tombstone,
  Undo,
  Update,
  type Actor,
} from "@fedify/vocab";
import type { Peer, PeerActor, PostOptions, SigSpec } from "./peer-types";

/** What the actions need from the running peer. */
export interface PeerEnv {
  spec: SigSpec;
  actors: Record<string, PeerActor>;
  first: string;
  actorOf(from?: string): PeerActor;
  ctxOf(): Context<void>;
  lookupActor(handleOrUri: string): Promise<Actor>;
  send(activity: Activity, to: "followers" | (string | Actor)[], from?: string): Promise<void>;
  newId(a: PeerActor, kind: string): URL;
  buildPerson(ctx: Context<void>, identifier: string): Promise<Person | null>;
}

type Actions = Pick<
  Peer,
  | "follow"
  | "unfollow"
  | "answerFollow"
  | "post"
  | "edit"
  | "deleteNote"
  | "like"
  | "announce"
  | "undo"
  | "block"
  | "updateProfile"
  | "move"
  | "pin"
  | "sendRaw"
  | "fetchSigned"
>;

/** Builds the action methods of a peer over its environment. */
export function peerActions(env: PeerEnv): Actions {
  const { spec, actors, first, actorOf, ctxOf, lookupActor, send, newId } = env;
  const authorOf = async (objectUri: string): Promise<Actor | null> => {
    const ctx = ctxOf();
    const obj = await ctx.lookupObject(objectUri, { documentLoader: await ctx.getDocumentLoader({ identifier: first }) });
    const attributed = obj && "attributionId" in obj ? (obj as Note).attributionId : null;
    return attributed ? lookupActor(attributed.href) : null;
  };
  const audience = (a: PeerActor, o: PostOptions) => {
    const followers = new URL(`${a.uri}/followers`);
    const mentions = (o.mentions ?? []).map((m) => new URL(m));
    switch (o.visibility ?? "public") {
      case "public":
        return { tos: [PUBLIC_COLLECTION], ccs: [followers, ...mentions] };
      case "unlisted":
        return { tos: [followers], ccs: [PUBLIC_COLLECTION, ...mentions] };
      case "followers":
        return { tos: [followers], ccs: mentions };
      default:
        return { tos: mentions, ccs: [] };
    }
  };

  return {
    async follow(target, from) {
      const a = actorOf(from);
      const t = await lookupActor(target);
      const follow = new Follow({ id: newId(a, "follows"), actor: new URL(a.uri), object: t.id });
      a.following.set(t.id!.href, { followId: follow.id!.href, accepted: false });
      await send(follow, [t], a.identifier);
      return follow.id!.href;
    },
    async unfollow(target, from) {
      const a = actorOf(from);
      const t = await lookupActor(target);
      const f = a.following.get(t.id!.href);
      if (!f) return;
      a.following.delete(t.id!.href);
      await send(
        new Undo({
          id: newId(a, "undos"),
          actor: new URL(a.uri),
          object: new Follow({ id: new URL(f.followId), actor: new URL(a.uri), object: t.id }),
        }),
        [t],
        a.identifier,
      );
    },
    async answerFollow(followerUri, accept, to) {
      const a = actorOf(to);
      const follow = a.pendingFollows.get(followerUri);
      if (!follow) throw new Error(`peer: no pending follow from ${followerUri}`);
      a.pendingFollows.delete(followerUri);
      const follower = await lookupActor(followerUri);
      if (accept) a.followers.set(followerUri, follower);
      const Kind = accept ? Accept : Reject;
      await send(
        new Kind({ id: newId(a, accept ? "accepts" : "rejects"), actor: new URL(a.uri), object: follow }),
        [follower],
        a.identifier,
      );
    },
    async post(text, o = {}) {
      const a = actorOf(o.from);
      const ctx = ctxOf();
      const noteId = ctx.getObjectUri(Note, { identifier: a.identifier, id: newId(a, "n").pathname.split("/").pop()! });
      const aud = audience(a, o);
      const mentionTags = await Promise.all(
        (o.mentions ?? []).map(async (m) => {
          const act = await lookupActor(m);
          return new Mention({ href: act.id, name: `@${act.preferredUsername}@${act.id!.host}` });
        }),
      );
      const note = new Note({
        id: noteId,
        attribution: new URL(a.uri),
        content: text,
        ...aud,
        tags: mentionTags,
        published: Temporal.Now.instant(),
        url: noteId,
        summary: o.summary ?? null,
        sensitive: o.sensitive ?? false,
        replyTarget: o.inReplyTo ? new URL(o.inReplyTo) : null,
        attachments: (o.attachments ?? []).map((m) => new Image({ url: new URL(m.url), mediaType: m.mediaType, name: m.name ?? null })),
      });
      a.notes.set(noteId.href, note);
      const create = new Create({
        id: new URL(`${noteId.href}#create`),
        actor: new URL(a.uri),
        object: note,
        ...aud,
        published: note.published,
      });
      if ((o.visibility ?? "public") !== "direct") await send(create, "followers", a.identifier);
      const direct = (o.visibility ?? "public") === "direct";
      const extra = (o.mentions ?? []).filter((m) => direct || !a.followers.has(m));
      if (extra.length) await send(create, extra, a.identifier);
      return { id: noteId.href, note };
    },
    async edit(noteId, text) {
      const a = Object.values(actors).find((x) => x.notes.has(noteId))!;
      const old = a.notes.get(noteId)!;
      const note = old.clone({ content: text, updated: Temporal.Now.instant() });
      a.notes.set(noteId, note);
      await send(
        new Update({ id: newId(a, "updates"), actor: new URL(a.uri), object: note, tos: old.toIds, ccs: old.ccIds }),
        "followers",
        a.identifier,
      );
    },
    async deleteNote(noteId) {
      const a = Object.values(actors).find((x) => x.notes.has(noteId))!;
      const old = a.notes.get(noteId)!;
      a.notes.delete(noteId);
      await send(
        new Delete({
          id: newId(a, "deletes"),
          actor: new URL(a.uri),
          object: new Tombstone({ id: new URL(noteId) }),
          tos: [PUBLIC_COLLECTION],
          ccs: old.ccIds,
        }),
        "followers",
        a.identifier,
      );
    },
    async like(objectUri, from) {
      const a = actorOf(from);
      const author = await authorOf(objectUri);
      const like = new Like({ id: newId(a, "likes"), actor: new URL(a.uri), object: new URL(objectUri) });
      await send(like, author ? [author] : [], a.identifier);
      return like.id!.href;
    },
    async announce(objectUri, from) {
      const a = actorOf(from);
      const author = await authorOf(objectUri);
      const ann = new Announce({
        id: newId(a, "announces"),
        actor: new URL(a.uri),
        object: new URL(objectUri),
        tos: [PUBLIC_COLLECTION],
        ccs: [new URL(`${a.uri}/followers`), ...(author?.id ? [author.id] : [])],
        published: Temporal.Now.instant(),
      });
      await send(ann, "followers", a.identifier);
      if (author && !a.followers.has(author.id!.href)) await send(ann, [author], a.identifier);
      return ann.id!.href;
    },
    async undo(activityId, type, objectUri, to, from) {
      const a = actorOf(from);
      const Kinds = { Like, Announce, Block, Follow } as const;
      const inner = new Kinds[type]({ id: new URL(activityId), actor: new URL(a.uri), object: new URL(objectUri) });
      await send(new Undo({ id: newId(a, "undos"), actor: new URL(a.uri), object: inner }), to, a.identifier);
    },
    async block(target, from) {
      const a = actorOf(from);
      const t = await lookupActor(target);
      const block = new Block({ id: newId(a, "blocks"), actor: new URL(a.uri), object: t.id });
      a.followers.delete(t.id!.href);
      a.following.delete(t.id!.href);
      await send(block, [t], a.identifier);
      return block.id!.href;
    },
    async updateProfile(changes, from) {
      const a = actorOf(from);
      if (changes.name !== undefined) a.name = changes.name;
      if (changes.summary !== undefined) a.summary = changes.summary;
      const ctx = ctxOf();
      const person = await env.buildPerson(ctx, a.identifier);
      await send(
        new Update({ id: newId(a, "updates"), actor: new URL(a.uri), object: person, tos: [PUBLIC_COLLECTION] }),
        "followers",
        a.identifier,
      );
    },
    async pin(noteId, pinned = true) {
      const a = Object.values(actors).find((x) => x.notes.has(noteId))!;
      if (pinned) a.pinned.add(noteId);
      else a.pinned.delete(noteId);
      const Kind = pinned ? Add : Remove;
      await send(
        new Kind({
          id: newId(a, pinned ? "adds" : "removes"),
          actor: new URL(a.uri),
          object: new URL(noteId),
          target: new URL(`${a.uri}/featured`),
          tos: [PUBLIC_COLLECTION],
        }),
        "followers",
        a.identifier,
      );
    },
    async move(toUri, from) {
      const a = actorOf(from);
      a.successor = toUri;
      await send(
        new Move({
          id: newId(a, "moves"),
          actor: new URL(a.uri),
          object: new URL(a.uri),
          target: new URL(toUri),
          tos: [new URL(`${a.uri}/followers`)],
        }),
        "followers",
        a.identifier,
      );
    },
    async sendRaw(json, inbox, o = {}) {
      const body = typeof json === "string" ? json : JSON.stringify(json);
      const headers = { "Content-Type": "application/activity+json", Accept: "application/activity+json", "X-Peer-Raw": "1" };
      const req = new Request(inbox, { method: "POST", headers, body });
      if (o.unsigned) return fetch(req);
      const claimed = actorOf(o.from);
      const signer = actorOf(o.signer ?? o.from);
      const keyId = (await ctxOf().getActorKeyPairs(claimed.identifier))[0]!.keyId;
      const signed = await signRequest(req, signer.keys[0]!.privateKey, keyId, {
        spec: o.spec ?? spec,
        currentTime: o.at ? Temporal.Instant.fromEpochMilliseconds(o.at.getTime()) : undefined,
      });
      return fetch(o.tamper ? new Request(signed, { body: o.tamper(body) }) : signed);
    },
    async fetchSigned(target, from) {
      const loader = await ctxOf().getDocumentLoader({ identifier: actorOf(from).identifier });
      return (await loader(target)).document;
    },
  };
}
