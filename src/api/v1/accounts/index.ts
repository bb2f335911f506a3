/**
 * Route group: /api/v1/accounts/*, plus the account lists /api/v1/blocks, /api/v1/mutes,
 * /api/v1/endorsements and DELETE /api/v1/profile/avatar|header. Static paths register
 * before `/api/v1/accounts/:id`.
 */
import type { Router } from "../../../http/route";
import verifyCredentials from "./verify-credentials";
import updateCredentials from "./update-credentials";
import relationships from "./relationships";
import search from "./search";
import show from "./show";
import statuses from "./statuses";
import followsList from "./follows-list";
import follow from "./follow";
import block from "./block";
import lists from "./lists";
import endorsements from "./endorsements";
import identityProofs from "./identity-proofs";

export default function register(r: Router): void {
  for (const g of [
    verifyCredentials,
    updateCredentials,
    relationships,
    search,
    show,
    statuses,
    followsList,
    follow,
    block,
    lists,
    endorsements,
    identityProofs,
  ])
    g(r);
}
