/** Route group: OAuth application registration and verification. */
import type { Req, Router } from "../../../http/route";
import { createApp } from "./create";
import { verifyAppCredentials } from "./verify-credentials";

export default function register(r: Router): void {
  r.post<Req>("/api/v1/apps", { auth: "none" }, createApp);
  r.get<Req>("/api/v1/apps/verify_credentials", { auth: "app" }, verifyAppCredentials);
}
