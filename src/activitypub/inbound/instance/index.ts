/** Route group: the instance actor (GET /actor, GET /actor/outbox), served without a signature even in secure mode. */
import type { Req, Router } from "../../../http/route";
import { instanceActorDocument } from "../../outbound/instance-actor";

const AP_JSON = "application/activity+json; charset=utf-8";

function apResponse(doc: unknown): Response {
  return new Response(JSON.stringify(doc), {
    headers: { "Content-Type": AP_JSON, "Cache-Control": "max-age=60, public", Vary: "Accept" },
  });
}

export default function register(r: Router): void {
  // Never requires a signature: other servers fetch it to verify our signed fetches.
  r.get<Req>("/actor", { auth: "none" }, async ({ ctx }) => apResponse(await instanceActorDocument(ctx)));
  r.get<Req>("/actor/outbox", { auth: "none" }, ({ ctx }) =>
    apResponse({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${ctx.uris.instanceActor()}/outbox`,
      type: "OrderedCollection",
      totalItems: 0,
      orderedItems: [],
    }),
  );
}
