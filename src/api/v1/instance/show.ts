/** GET /api/v1/instance and GET /api/v2/instance (public). */
import type { Req } from "../../../http/route";
import { toInstanceV1, toInstanceV2 } from "../../../serializers/mastodon/instance";
import { loadInstanceView } from "../../../services/instance/view";

/** Handler for the v2 Instance entity. */
export function showInstanceV2(q: Req): Record<string, unknown> {
  return toInstanceV2(q.ctx, loadInstanceView(q.ctx));
}

/** Handler for the deprecated v1 Instance entity (with stats). */
export function showInstanceV1(q: Req): Record<string, unknown> {
  return toInstanceV1(q.ctx, loadInstanceView(q.ctx, true));
}
