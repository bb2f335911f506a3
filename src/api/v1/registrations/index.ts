/** Route group: account registration through the API. */
import type { Req, Router } from "../../../http/route";
import { createAccount } from "./create";

export default function register(r: Router): void {
  r.post<Req>("/api/v1/accounts", { auth: "app", scopes: ["write:accounts"], limit: "signUp" }, createAccount);
}
