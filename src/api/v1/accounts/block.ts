/** POST /api/v1/accounts/:id/block | unblock | mute | unmute | note → Relationship. */
import { bool, int, str } from "../../../http/params";
import type { Router } from "../../../http/route";
import { findAccount } from "../../../services/accounts/find";
import { setAccountNote } from "../../../services/accounts/set-note";
import { blockAccount, unblockAccount } from "../../../services/blocks/block";
import { muteAccount, unmuteAccount } from "../../../services/mutes/mute";
import { relationshipJson } from "./relationship-json";

export default function register(r: Router): void {
  r.post("/api/v1/accounts/:id/block", { scopes: ["write:blocks"] }, (q) => {
    const target = findAccount(q.ctx, q.params.id);
    blockAccount(q.ctx, q.auth.accountId, target);
    return relationshipJson(q.ctx, q.auth.accountId, target.id);
  });
  r.post("/api/v1/accounts/:id/unblock", { scopes: ["write:blocks"] }, (q) => {
    const target = findAccount(q.ctx, q.params.id);
    unblockAccount(q.ctx, q.auth.accountId, target);
    return relationshipJson(q.ctx, q.auth.accountId, target.id);
  });
  r.post("/api/v1/accounts/:id/mute", { scopes: ["write:mutes"] }, (q) => {
    const target = findAccount(q.ctx, q.params.id);
    const notifications = bool(q.input, "notifications");
    const durationSec = int(q.input, "duration", { min: 0, max: 10 * 365 * 86400 });
    muteAccount(q.ctx, q.auth.accountId, target, { notifications, durationSec });
    return relationshipJson(q.ctx, q.auth.accountId, target.id);
  });
  r.post("/api/v1/accounts/:id/unmute", { scopes: ["write:mutes"] }, (q) => {
    const target = findAccount(q.ctx, q.params.id);
    unmuteAccount(q.ctx, q.auth.accountId, target);
    return relationshipJson(q.ctx, q.auth.accountId, target.id);
  });
  r.post("/api/v1/accounts/:id/note", { scopes: ["write:accounts"] }, (q) => {
    const target = findAccount(q.ctx, q.params.id);
    setAccountNote(q.ctx, q.auth.accountId, target, str(q.input, "comment") ?? "");
    return relationshipJson(q.ctx, q.auth.accountId, target.id);
  });
}
