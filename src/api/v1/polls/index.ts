/** Route group: polls (show, vote). Importing the polls view registers Status.poll loading. */
import type { Router } from "../../../http/route";
import show from "./show";
import votes from "./votes";

export default function register(r: Router): void {
  for (const g of [show, votes]) g(r);
}
