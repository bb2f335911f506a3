/** Route group: /.well-known discovery documents (host-meta, NodeInfo). */
import type { Req, Router } from "../../../http/route";
import { hostMeta } from "./host-meta";
import { nodeinfoDiscovery, nodeinfoDocument } from "./nodeinfo";

export default function register(r: Router): void {
  r.get<Req>("/.well-known/host-meta", { auth: "none" }, hostMeta);
  r.get<Req>("/.well-known/nodeinfo", { auth: "none" }, nodeinfoDiscovery);
  r.get<Req>("/nodeinfo/2.0", { auth: "none" }, nodeinfoDocument("2.0"));
  r.get<Req>("/nodeinfo/2.1", { auth: "none" }, nodeinfoDocument("2.1"));
}
