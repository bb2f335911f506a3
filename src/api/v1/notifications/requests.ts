/**
 * /api/v1/notifications/requests: notifications held back by the policy, per sender. Hearth
 * holds none back yet, so the list is empty, single requests are 404 and the batch actions
 * succeed without effect (clients such as Elk, Phanpy and Ice Cubes call these at start-up).
 */
import type { Router } from "../../../http/route";
import { notFound } from "../../../http/errors";
import { strArr } from "../../../http/params";

/** Registers the notification request endpoints with Mastodon's scopes. */
export default function requests(r: Router): void {
  r.get("/api/v1/notifications/requests", { scopes: ["read:notifications"] }, () => []);
  r.get("/api/v1/notifications/requests/merged", { scopes: ["read:notifications"] }, () => ({ merged: true }));
  r.post("/api/v1/notifications/requests/accept", { scopes: ["write:notifications"] }, (q) => {
    strArr(q.input, "id");
    return {};
  });
  r.post("/api/v1/notifications/requests/dismiss", { scopes: ["write:notifications"] }, (q) => {
    strArr(q.input, "id");
    return {};
  });
  r.get("/api/v1/notifications/requests/:id", { scopes: ["read:notifications"] }, () => {
    throw notFound();
  });
  r.post("/api/v1/notifications/requests/:id/accept", { scopes: ["write:notifications"] }, () => {
    throw notFound();
  });
  r.post("/api/v1/notifications/requests/:id/dismiss", { scopes: ["write:notifications"] }, () => {
    throw notFound();
  });
}
