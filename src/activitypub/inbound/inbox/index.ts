/**
 * Route group: the shared inbox (POST /inbox) and personal inboxes (POST /users/:name/inbox).
 * Both verify and store the activity as one `ap.inbox` job and answer 202 Accepted.
 */
import { getActiveLocalUsername } from "../../../db/queries/accounts";
import type { Router } from "../../../http/route";
import { ApiError } from "../../../model/errors";
import { receiveActivity } from "./receive";

function accepted(): Response {
  return new Response(null, { status: 202 });
}

/** Registers POST /inbox and POST /users/:name/inbox (auth: HTTP signatures, not tokens). */
export default function register(r: Router): void {
  // The instance actor's inbox behaves as the shared inbox.
  for (const path of ["/inbox", "/actor/inbox"]) {
    r.post(path, { auth: "none" }, async (req) => {
      await receiveActivity(req.ctx, { method: "POST", url: req.request.url, headers: req.request.headers, rawBody: req.rawBody });
      return accepted();
    });
  }

  r.post("/users/:name/inbox", { auth: "none" }, async (req) => {
    const username = getActiveLocalUsername(req.ctx.db, req.params.name ?? "");
    if (username === null) throw new ApiError(404, "Record not found");
    await receiveActivity(req.ctx, {
      method: "POST",
      url: req.request.url,
      headers: req.request.headers,
      rawBody: req.rawBody,
      recipientUsername: username,
    });
    return accepted();
  });
}
