/**
 * Route group (owner: documents helper): WebFinger, actor documents, status objects and
 * activities, and the outbox/followers/following/featured collections, with content
 * negotiation (browsers are redirected to the HTML pages).
 */
import type { Req, Router } from "../../../http/route";
import { followers, following, featured, featuredTags, outbox } from "./collections";
import { actorResponse, emojiResponse, quoteAuthorizationResponse, statusActivityResponse, statusResponse } from "./documents";
import { isActivityPubRequest } from "../../../http/negotiate";
import { registerPageNegotiation } from "./negotiate";
import { webfingerHandler } from "./webfinger";

/** Mastodon's redirect_with_vary for browsers; the path parameters in `location` are percent-encoded (never raw bytes in a header). */
function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { Location: location, Vary: "Accept", "Cache-Control": "no-cache" } });
}

export default function register(r: Router): void {
  const none = { auth: "none" as const };
  registerPageNegotiation(r);
  r.get<Req>("/.well-known/webfinger", none, webfingerHandler);
  r.get<Req>("/users/:name", none, (q) =>
    isActivityPubRequest(q.request)
      ? actorResponse(q.ctx, q.request, q.params.name!)
      : redirect(q.ctx.uris.profile(encodeURIComponent(q.params.name!))),
  );
  r.get<Req>("/users/:name/statuses/:id", none, (q) =>
    isActivityPubRequest(q.request)
      ? statusResponse(q.ctx, q.request, q.params.name!, q.params.id!)
      : redirect(q.ctx.uris.statusUrl(encodeURIComponent(q.params.name!), encodeURIComponent(q.params.id!))),
  );
  r.get<Req>("/users/:name/statuses/:id/activity", none, (q) => statusActivityResponse(q.ctx, q.request, q.params.name!, q.params.id!));
  r.get<Req>("/users/:name/quote_authorizations/:id", none, (q) =>
    quoteAuthorizationResponse(q.ctx, q.request, q.params.name!, q.params.id!),
  );
  r.get<Req>("/emojis/:id", none, (q) => emojiResponse(q.ctx, q.params.id!));
  r.get<Req>("/users/:name/outbox", none, (q) => outbox(q.ctx, q.request, q.url, q.params.name!));
  r.get<Req>("/users/:name/followers", none, (q) => followers(q.ctx, q.request, q.url, q.params.name!));
  r.get<Req>("/users/:name/following", none, (q) => following(q.ctx, q.request, q.url, q.params.name!));
  r.get<Req>("/users/:name/collections/featured", none, (q) => featured(q.ctx, q.request, q.url, q.params.name!));
  r.get<Req>("/users/:name/collections/tags", none, (q) => featuredTags(q.ctx, q.request, q.url, q.params.name!));
}
