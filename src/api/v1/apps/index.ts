/** Route group: OAuth application registration and verification. */
import type { Router } from "../../../http/route";
import create from "./create";
import verifyCredentials from "./verify-credentials";

export default function register(r: Router): void {
  for (const g of [create, verifyCredentials]) g(r);
}
