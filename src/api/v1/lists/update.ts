/** PUT /api/v1/lists/:id: change title, replies_policy or exclusive of one of the user's lists. */
import type { Router } from "../../../http/route";
import { updateList } from "../../../services/lists/write";
import { toMastodonList } from "../../../serializers/mastodon/list";
import { listInput } from "./params";

/** Registers list updates. */
export default function register(r: Router): void {
  r.put("/api/v1/lists/:id", { scopes: ["write:lists"] }, (q) =>
    toMastodonList(updateList(q.ctx, q.auth.accountId, q.params.id, listInput(q.input))),
  );
}
