/** Route group: instance metadata (v1 and v2 entities, rules, peers, activity, about text). */
import type { Req, Router } from "../../../http/route";
import { listPeers, listRules, showActivity, showExtendedDescription } from "./details";
import { showInstanceV1, showInstanceV2 } from "./show";

export default function register(r: Router): void {
  r.get<Req>("/api/v1/instance", { auth: "none" }, showInstanceV1);
  r.get<Req>("/api/v2/instance", { auth: "none" }, showInstanceV2);
  r.get<Req>("/api/v1/instance/rules", { auth: "none" }, listRules);
  r.get<Req>("/api/v1/instance/peers", { auth: "none" }, listPeers);
  r.get<Req>("/api/v1/instance/activity", { auth: "none" }, showActivity);
  r.get<Req>("/api/v1/instance/extended_description", { auth: "none" }, showExtendedDescription);
}
