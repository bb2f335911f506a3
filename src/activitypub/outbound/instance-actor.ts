/**
 * The instance actor (owner: signatures helper): an Application actor at /actor that signs
 * our own fetches and can be fetched without a signature.
 *
 * It is an accounts row with the fixed id INSTANCE_ACTOR_ID (-99, as in Mastodon; parseId
 * rejects it, so the client API never shows it), domain NULL, username = the local domain
 * (which USERNAME_RE rejects, so nobody can register it), actor_type 'Application' and no
 * users row: it has no login and is left out of user counts. Queries listing accounts
 * should add `id <> ${INSTANCE_ACTOR_ID}` (or `id > 0`).
 */
import type { AppContext } from "../../context";
import { accountExists, getAccount } from "../../db/queries/accounts";
import { insertInstanceActor, updateInstanceActorUrls } from "../../db/queries/accounts-remote";
import type { AccountRow } from "../../db/rows";

/** The instance actor's fixed account id. */
export const INSTANCE_ACTOR_ID = -99;

const ready = new WeakSet<AppContext>();
const pending = new WeakMap<AppContext, Promise<number>>();

function exists(ctx: AppContext): boolean {
  return accountExists(ctx.db, INSTANCE_ACTOR_ID);
}

function urls(ctx: AppContext) {
  const base = ctx.uris.instanceActor();
  return {
    username: ctx.config.localDomain,
    uri: base,
    url: ctx.uris.url("/about/more?instance_actor=true"),
    inbox: `${base}/inbox`,
    outbox: `${base}/outbox`,
    shared: ctx.uris.sharedInbox(),
  };
}

/** The instance actor's account id, creating it (with a key pair) on first use. */
export async function instanceActorId(ctx: AppContext): Promise<number> {
  if (ready.has(ctx)) return INSTANCE_ACTOR_ID;
  let p = pending.get(ctx);
  if (!p) {
    p = create(ctx).finally(() => pending.delete(ctx));
    pending.set(ctx, p);
  }
  return p;
}

async function create(ctx: AppContext): Promise<number> {
  const u = urls(ctx);
  if (!exists(ctx)) {
    const keys = await ctx.newKeyPair();
    const t = ctx.now();
    insertInstanceActor(ctx.db, INSTANCE_ACTOR_ID, u, keys.publicKey, keys.privateKey, t);
  } else {
    // LOCAL_DOMAIN or PROTOCOL changed since it was made: keep its URIs current.
    updateInstanceActorUrls(ctx.db, INSTANCE_ACTOR_ID, u);
  }
  ready.add(ctx);
  return INSTANCE_ACTOR_ID;
}

/** True when the account id is the instance actor's (it must not show up in lists or counts). */
export function isInstanceActor(accountId: number): boolean {
  return accountId === INSTANCE_ACTOR_ID;
}

/** The instance actor's document (created on first use). */
export async function instanceActorDocument(ctx: AppContext): Promise<Record<string, unknown>> {
  const id = await instanceActorId(ctx);
  return toInstanceActorDocument(getAccount(ctx.db, id)!);
}

/** The Application actor document Mastodon serves at /actor. */
export function toInstanceActorDocument(a: AccountRow): Record<string, unknown> {
  return {
    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
    id: a.uri,
    type: "Application",
    inbox: a.inbox_url,
    outbox: a.outbox_url,
    preferredUsername: a.username,
    url: a.url,
    manuallyApprovesFollowers: true,
    publicKey: { id: `${a.uri}#main-key`, owner: a.uri, publicKeyPem: a.public_key_pem },
    endpoints: { sharedInbox: a.shared_inbox_url },
  };
}
