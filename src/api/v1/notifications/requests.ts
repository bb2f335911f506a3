/**
 * /api/v1/notifications/requests: notifications held back by the policy, one request per
 * sender (Mastodon 4.3). Reading needs read:notifications, acting write:notifications.
 */
import type { Router } from "../../../http/route";
import { notFound } from "../../../model/errors";
import { strArr, type Params } from "../../../http/params";
import { readPage, setLinkHeader } from "../../../http/pagination";
import { parseId } from "../../../model/ids";
import { findNotificationRequests, notificationRequestPage } from "../../../db/queries/notification-requests";
import { notificationRequestList } from "../../../db/views/notification-requests";
import { acceptNotificationRequest, acceptNotificationRequests } from "../../../services/notifications/requests-accept";
import { dismissNotificationRequest, dismissNotificationRequests } from "../../../services/notifications/requests-dismiss";

const READ = { scopes: ["read:notifications"] };
const WRITE = { scopes: ["write:notifications"] };

/** The :id path parameter, or 404. */
function requestId(raw: string | undefined): number {
  const id = parseId(raw);
  if (id === undefined) throw notFound();
  return id;
}

/** id[] of the batch endpoints; ids that are not ids cannot match and are left out. */
function batchIds(input: Params): number[] {
  return (strArr(input, "id") ?? []).map((x) => parseId(x)).filter((x): x is number => x !== undefined);
}

/** Registers list, merged, batch accept/dismiss, show and single accept/dismiss. */
export default function register(r: Router): void {
  r.get("/api/v1/notifications/requests", READ, (q) => {
    const rows = notificationRequestPage(q.ctx, q.auth.accountId, readPage(q.input, 40, 80));
    setLinkHeader(q, rows[0]?.id, rows[rows.length - 1]?.id);
    return notificationRequestList(q.ctx, rows, q.auth.accountId);
  });
  // Accepting merges before it answers, so there is never a merge still under way.
  r.get("/api/v1/notifications/requests/merged", READ, () => ({ merged: true }));
  r.post("/api/v1/notifications/requests/accept", WRITE, (q) => {
    acceptNotificationRequests(q.ctx, q.auth.accountId, batchIds(q.input));
    return {};
  });
  r.post("/api/v1/notifications/requests/dismiss", WRITE, (q) => {
    dismissNotificationRequests(q.ctx, q.auth.accountId, batchIds(q.input));
    return {};
  });
  r.get("/api/v1/notifications/requests/:id", READ, (q) => {
    const rows = findNotificationRequests(q.ctx, q.auth.accountId, [requestId(q.params.id)]);
    const view = notificationRequestList(q.ctx, rows, q.auth.accountId)[0];
    if (!view) throw notFound();
    return view;
  });
  r.post("/api/v1/notifications/requests/:id/accept", WRITE, (q) => {
    acceptNotificationRequest(q.ctx, q.auth.accountId, requestId(q.params.id));
    return {};
  });
  r.post("/api/v1/notifications/requests/:id/dismiss", WRITE, (q) => {
    dismissNotificationRequest(q.ctx, q.auth.accountId, requestId(q.params.id));
    return {};
  });
}
