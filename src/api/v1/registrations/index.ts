/** Route group: account registration through the API, and confirming the address it gave. */
import type { Router } from "../../../http/route";
import create from "./create";
import emailConfirmations from "./email-confirmations";

export default function register(r: Router): void {
  for (const g of [create, emailConfirmations]) g(r);
}
