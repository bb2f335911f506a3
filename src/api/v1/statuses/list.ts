/** GET /api/v1/statuses?id[]=…: several statuses at once (invisible and unknown ones left out). */
import type { Req, Router } from "../../../http/route";
import { statusList } from "../../../db/views/statuses";
import { loadStatusRows } from "../../../db/views/statuses";
import { strArr } from "../../../http/params";
import { parseId } from "../../../model/ids";
import { filterVisible } from "../../../services/statuses/visible";

const MAX_IDS = 20;

export default function register(r: Router): void {
  r.get<Req>("/api/v1/statuses", { auth: "optional", scopes: ["read:statuses"] }, (q) => {
    const viewer = q.auth?.accountId ?? null;
    const ids = [...new Set((strArr(q.input, "id") ?? []).map(parseId).filter((x): x is number => x !== undefined))].slice(0, MAX_IDS);
    const rows = loadStatusRows(q.ctx, ids);
    const visible = new Set(
      filterVisible(
        q.ctx,
        ids
          .map((id) => rows.get(id))
          .filter((x) => !!x)
          .map((x) => x!),
        viewer,
      ).map((s) => s.id),
    );
    return statusList(
      q.ctx,
      ids.filter((id) => visible.has(id)),
      viewer,
    );
  });
}
