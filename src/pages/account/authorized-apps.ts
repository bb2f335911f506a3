/**
 * GET /oauth/authorized_applications (Mastodon's path): apps holding live tokens for the user;
 * POST /oauth/authorized_applications/:id/revoke revokes all of one app's tokens for the user.
 */
import { ApiError } from "../../model/errors";
import type { Req, Router } from "../../http/route";
import { parseId } from "../../model/ids";
import { listAuthorizedApps, revokeAuthorizedApp, type AuthorizedApp } from "../../services/security/authorized-apps";
import { describeScope } from "../../oauth/scope-descriptions";
import { hidden } from "../forms";
import { esc, redirectResponse } from "../layout";
import { flash, securityPage, timeTag } from "./chrome";
import { field, withSession, type PageSession } from "./guard";

const PATH = "/oauth/authorized_applications";
const NOTICES: Record<string, string> = { revoked: "The app's access was revoked." };

function appItem(a: AuthorizedApp, csrf: string): string {
  const website =
    a.website && /^https?:\/\//i.test(a.website)
      ? `<p><a href="${esc(a.website)}" rel="noopener noreferrer">${esc(a.website)}</a></p>`
      : "";
  const scopes = a.scopes.map((s) => `<li><code>${esc(s)}</code>: ${esc(describeScope(s))}</li>`).join("\n");
  return `<li>
<h2>${esc(a.name)}</h2>${website}
<p class="muted">Authorized ${timeTag(a.authorizedAt)} · ${a.lastUsedAt ? `last used ${timeTag(a.lastUsedAt)}` : "not used yet"}</p>
<ul class="scopes">
${scopes}
</ul>
<form method="post" action="${PATH}/${a.id}/revoke">
${hidden({ authenticity_token: csrf })}
<button type="submit" class="secondary" aria-label="Revoke ${esc(a.name)}">Revoke</button>
</form>
</li>`;
}

function show(q: Req, s: PageSession, status = 200, error?: string): Response {
  const apps = listAuthorizedApps(q.ctx, s.userId);
  const notice = status === 200 ? NOTICES[field(q, "notice")] : undefined;
  const list = apps.length
    ? `<ul class="apps" style="list-style:none;padding:0">\n${apps.map((a) => appItem(a, s.csrfToken)).join("\n")}\n</ul>`
    : `<p>No app has access to your account.</p>`;
  const body = `${flash({ notice, error })}
<p>These apps can use your account. Revoking one signs it out everywhere (its open live updates stop too); you can authorize it again later by logging in to it.</p>
${list}`;
  return securityPage({ site: q.ctx.config.instanceTitle, path: PATH, heading: "Authorized apps", body, status });
}

/** Registers the authorized applications page and its revoke action. */
export function registerAuthorizedApps(r: Router): void {
  r.get<Req>(
    PATH,
    { auth: "none" },
    withSession(PATH, (q, s) => show(q, s)),
  );
  r.post<Req>(
    `${PATH}/:id/revoke`,
    { auth: "none" },
    withSession(PATH, (q, s) => {
      const id = parseId(q.params.id);
      try {
        if (id === undefined) throw new ApiError(404, "Record not found");
        revokeAuthorizedApp(q.ctx, s.userId, id);
      } catch (e) {
        if (e instanceof ApiError) return show(q, s, e.status, "That app has no access to your account.");
        throw e;
      }
      return redirectResponse(`${PATH}?notice=revoked`, 303);
    }),
  );
}
