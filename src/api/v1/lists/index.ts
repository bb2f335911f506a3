/** Route group: lists (/api/v1/lists, members, /api/v1/accounts/:id/lists, /api/v1/timelines/list/:id). */
import type { Router } from "../../../http/route";
import all from "./all";
import create from "./create";
import show from "./show";
import update from "./update";
import remove from "./delete";
import accounts from "./accounts";
import addAccounts from "./add-accounts";
import removeAccounts from "./remove-accounts";
import accountLists from "./account-lists";
import timeline from "./timeline";

/** Registers this group's endpoints. */
export default function register(r: Router): void {
  for (const g of [all, create, show, update, remove, accounts, addAccounts, removeAccounts, accountLists, timeline]) g(r);
}
