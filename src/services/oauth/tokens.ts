/** OAuth applications and access tokens: creation and revocation. */
import type { AppContext } from "../../context";
import { insertApplication } from "../../db/queries/oauth-applications";
import { insertAccessToken, revokeAccessToken, revokeLiveTokensOfUser } from "../../db/queries/oauth-access-tokens";
import type { OAuthAccessTokenRow, OAuthApplicationRow } from "../../db/rows";
import { deleteWebPushSubscriptionsOfTokens } from "../../db/queries/web-push-subscriptions";
import { transaction } from "../../db/transaction";

/** A random URL-safe secret of `bytes` bytes. */
export function randomToken(bytes = 32): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString("base64url");
}

/** A registered OAuth application. */
export type AppRow = OAuthApplicationRow;

/** Registers an OAuth application. */
export function createApplication(
  ctx: AppContext,
  a: { name: string; website?: string | null; redirectUris: string[]; scopes: string[] },
): AppRow {
  return insertApplication(ctx.db, {
    id: ctx.ids.next(),
    name: a.name,
    website: a.website ?? null,
    redirect_uris: a.redirectUris.join("\n"),
    scopes: a.scopes.join(" "),
    client_id: randomToken(32),
    client_secret: randomToken(32),
    created_at: ctx.now(),
  });
}

/** An access token as stored. */
export type TokenRow = OAuthAccessTokenRow;

/** Issues an access token for a user (or for the app alone when userId is null). */
export function issueToken(ctx: AppContext, t: { applicationId: number | null; userId: number | null; scopes: string[] }): TokenRow {
  return insertAccessToken(ctx.db, {
    id: ctx.ids.next(),
    token: randomToken(32),
    applicationId: t.applicationId,
    userId: t.userId,
    scopes: t.scopes.join(" "),
    createdAt: ctx.now(),
  });
}

/** Revokes a token by its value (its Web Push subscription goes with it); true when a live token was revoked. */
export function revokeToken(ctx: AppContext, token: string): boolean {
  return transaction(ctx.db, () => {
    const id = revokeAccessToken(ctx.db, token, ctx.now());
    if (id !== null) {
      deleteWebPushSubscriptionsOfTokens(ctx.db, [id]);
      ctx.jobs.enqueue("stream.close_tokens", { tokenIds: [id] });
    }
    return id !== null;
  });
}

/** Revokes every live token of a user (password reset) and their Web Push subscriptions; returns how many. */
export function revokeUserTokens(ctx: AppContext, userId: number): number {
  return transaction(ctx.db, () => {
    const ids = revokeLiveTokensOfUser(ctx.db, userId, ctx.now());
    deleteWebPushSubscriptionsOfTokens(ctx.db, ids);
    if (ids.length) ctx.jobs.enqueue("stream.close_tokens", { tokenIds: ids });
    return ids.length;
  });
}
