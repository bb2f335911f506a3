/** POST /api/v1/follow_requests/:id/authorize | reject → Relationship with the requester. */
import type { Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";
import { authorizeFollowRequest, rejectFollowRequest } from "../../../services/follows/requests";
import { relationshipJson } from "../accounts/relationship-json";

export default function register(r: Router): void {
  r.post("/api/v1/follow_requests/:id/authorize", { scopes: ["write:follows"] }, (q) => {
    const requester = findAccount(q.ctx, q.params.id);
    authorizeFollowRequest(q.ctx, q.auth.accountId, requester);
    return relationshipJson(q.ctx, q.auth.accountId, requester.id);
  });
  r.post("/api/v1/follow_requests/:id/reject", { scopes: ["write:follows"] }, (q) => {
    const requester = findAccount(q.ctx, q.params.id);
    rejectFollowRequest(q.ctx, q.auth.accountId, requester);
    return relationshipJson(q.ctx, q.auth.accountId, requester.id);
  });
}
