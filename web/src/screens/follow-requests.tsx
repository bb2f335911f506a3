/** Follow requests for a locked account: accept or reject each (GET/POST /api/v1/follow_requests). */
import type { JSX } from "preact";
import { errorText } from "../lib/errors";
import { displayName } from "../lib/format";
import { useApp } from "../lib/state";
import { AccountList } from "./profile";

/** Lists pending follow requests with Accept and Reject buttons. */
export function FollowRequests(): JSX.Element {
  const app = useApp();
  const act = async (id: string, name: string, accept: boolean, drop: () => void) => {
    try {
      const api = app.client.v1.followRequests.$select(id);
      await (accept ? api.authorize() : api.reject());
      drop();
      app.toast(accept ? `${name} can now follow you` : `Rejected ${name}'s request`);
    } catch (e) {
      app.toast(errorText(e, accept ? "accept the request" : "reject the request"), "error");
    }
  };
  return (
    <>
      <h1 class="screen-title">Follow requests</h1>
      <AccountList
        label="Follow requests"
        load={() => app.client.v1.followRequests.list({ limit: 40 })}
        actions={(a, drop) => (
          <>
            <button
              type="button"
              class="primary"
              onClick={() => act(a.id, displayName(a), true, drop)}
              aria-label={`Accept ${displayName(a)}`}
            >
              Accept
            </button>
            <button type="button" onClick={() => act(a.id, displayName(a), false, drop)} aria-label={`Reject ${displayName(a)}`}>
              Reject
            </button>
          </>
        )}
      />
    </>
  );
}
