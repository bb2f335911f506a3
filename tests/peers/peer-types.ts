/** Types of the Fedify test peer (tests/peers/fedify-peer.ts). */
import type { Context, Federation } from "@fedify/fedify";
import type { Activity, Actor, Follow, Note, Recipient } from "@fedify/vocab";
import type { OutgoingRecord } from "./outgoing-log";

export type SigSpec = "draft-cavage-http-signatures-12" | "rfc9421";

/** One activity the peer accepted (signature verified by Fedify), with the raw JSON as sent. */
export interface Received {
  type: string;
  id: string | null;
  actor: string | null;
  objectId: string | null;
  inbox: string;
  json: any;
  raw: any;
}
/** One inbox POST as it hit the wire, with the status the peer answered. */
export interface InboxHit {
  path: string;
  status: number;
  scheme: string;
  body: any;
}
/** Mutable state of one peer actor. */
export interface PeerActor {
  identifier: string;
  uri: string;
  handle: string;
  inbox: string;
  name: string;
  summary: string;
  locked: boolean;
  aliases: string[];
  successor: string | null;
  keys: CryptoKeyPair[];
  followers: Map<string, Recipient>;
  following: Map<string, { followId: string; accepted: boolean }>;
  pendingFollows: Map<string, Follow>;
  notes: Map<string, Note>;
  pinned: Set<string>;
}
export interface PostOptions {
  from?: string;
  visibility?: "public" | "unlisted" | "followers" | "direct";
  mentions?: string[];
  inReplyTo?: string;
  summary?: string;
  sensitive?: boolean;
  attachments?: { url: string; mediaType: string; name?: string }[];
}
export interface RawSendOptions {
  from?: string;
  signer?: string;
  spec?: SigSpec;
  tamper?: (body: string) => string;
  at?: Date;
  unsigned?: boolean;
}
export interface StartPeerOptions {
  spec?: SigSpec;
  actors?: { username: string; locked?: boolean; name?: string }[];
  authorizedFetch?: boolean;
}

export interface Peer {
  url: string;
  domain: string;
  spec: SigSpec;
  federation: Federation<void>;
  /** Static files the peer serves (path → body), e.g. media it attaches to posts. */
  files: Map<string, { type: string; body: Uint8Array }>;
  actors: Record<string, PeerActor>;
  received: Received[];
  rejected: { reason: string; type: string }[];
  inboxHits: InboxHit[];
  outgoing: OutgoingRecord[];
  /** GETs of actors and notes, with the key id whose signature Fedify verified (null: unsigned or invalid). */
  signedGets: { path: string; keyId: string | null }[];
  /** A Fedify context for building or sending things by hand. */
  context(): Context<void>;
  /** True when no inbox/outbox message is queued or running and no request is in flight. */
  idle(): boolean;
  /** Resolves `user@host` (WebFinger over http) or an actor URI to a Fedify actor. */
  lookupActor(handleOrUri: string): Promise<Actor>;
  /** Sends a prepared activity from `from` (default first actor) to actors or "followers". */
  send(activity: Activity, to: "followers" | (string | Actor)[], from?: string): Promise<void>;
  follow(target: string, from?: string): Promise<string>;
  unfollow(target: string, from?: string): Promise<void>;
  /** Accepts (or rejects) a pending follow request to a locked peer actor. */
  answerFollow(followerUri: string, accept: boolean, to?: string): Promise<void>;
  post(text: string, opts?: PostOptions): Promise<{ id: string; note: Note }>;
  edit(noteId: string, text: string): Promise<void>;
  deleteNote(noteId: string): Promise<void>;
  like(objectUri: string, from?: string): Promise<string>;
  announce(objectUri: string, from?: string): Promise<string>;
  undo(activityId: string, type: "Like" | "Announce" | "Block" | "Follow", objectUri: string, to: string[], from?: string): Promise<void>;
  block(target: string, from?: string): Promise<string>;
  updateProfile(changes: { name?: string; summary?: string }, from?: string): Promise<void>;
  move(toUri: string, from?: string): Promise<void>;
  /** Pins (Add to featured) or unpins (Remove) one of the actor's notes. */
  pin(noteId: string, pinned?: boolean): Promise<void>;
  /**
   * POSTs raw JSON to `inbox`, signed by Fedify's signRequest in `spec` (default the peer's)
   * with `signer`'s key (default the `from` actor: pass another to forge), optionally altering
   * the body after signing or back-dating the signature. Not recorded in `outgoing`.
   */
  sendRaw(json: unknown, inbox: string, o?: RawSendOptions): Promise<Response>;
  /** GETs an ActivityPub document signed as `from` (Fedify's authenticated document loader). */
  fetchSigned(url: string, from?: string): Promise<any>;
  /** Waits until `pred` holds over `received` (polls), or throws after `ms`. */
  waitFor(pred: (r: Received[]) => boolean, ms?: number): Promise<void>;
  stop(): Promise<void>;
}
