/**
 * Route group: the shared inbox (POST /inbox) and personal inboxes (POST /users/:name/inbox).
 * Both verify and store the activity as one `ap.inbox` job and answer 202 Accepted.
 */
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
    const user = req.ctx.db
      .query<{ username: string }, [string]>("SELECT username FROM accounts WHERE lower(username) = lower(?) AND domain IS NULL AND suspended_at IS NULL")
      .get(req.params.name ?? "");
    if (!user) throw new ApiError(404, "Record not found");
    await receiveActivity(req.ctx, { method: "POST", url: req.request.url, headers: req.request.headers, rawBody: req.rawBody, recipientUsername: user.username });
    return accepted();
  });
}
