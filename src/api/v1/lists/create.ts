/** POST /api/v1/lists: create a list (title required; replies_policy, exclusive). */
import type { Router } from "../../../http/route";
import { createList } from "../../../services/lists/write";
import { toMastodonList } from "../../../serializers/mastodon/list";
import { listInput } from "./params";

/** Registers list creation. */
export default function register(r: Router): void {
  r.post("/api/v1/lists", { scopes: ["write:lists"] }, (q) => toMastodonList(createList(q.ctx, q.auth.accountId, listInput(q.input))));
}
