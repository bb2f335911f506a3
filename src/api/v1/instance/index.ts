/** Route group: v1 instance metadata (the v1 entity, rules, peers, activity, about text, languages); v2 is in src/api/v2/instance/. */
import type { Router } from "../../../http/route";
import show from "./show";
import rules from "./rules";
import peers from "./peers";
import activity from "./activity";
import extendedDescription from "./extended-description";
import policies from "./policies";
import languages from "./languages";

export default function register(r: Router): void {
  for (const g of [show, rules, peers, activity, extendedDescription, policies, languages]) g(r);
}
