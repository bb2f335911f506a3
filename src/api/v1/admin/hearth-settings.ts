/**
 * Hearth's own admin endpoints (Mastodon has no admin API for these): instance settings
 * (GET/PUT /api/v1/admin/hearth/settings, Manage Settings) and server rules
 * (/api/v1/admin/hearth/rules, Manage Rules); the thumbnail is PUT as multipart `thumbnail`
 * to /api/v1/admin/hearth/settings/thumbnail and removed with DELETE. Scopes admin:read / admin:write.
 */
import type { Router, UserReq } from "../../../http/route";
import { parseId } from "../../../model/ids";
import { validation } from "../../../model/errors";
import { rawInstanceSettings, updateInstanceSettings } from "../../../services/instance/settings";
import { addRule, editRule, listRulesForAdmin, moveRule, removeRule } from "../../../services/instance/rules";
import type { RuleRow } from "../../../db/queries/rules";
import { iso } from "../../../serializers/mastodon/time";
import { SCOPES, staff } from "./staff";
import { file } from "../../../http/params";
import { setInstanceThumbnail } from "../../../services/instance/thumbnail";

const rule = (r: RuleRow) => ({ id: String(r.id), text: r.text, hint: r.hint, position: r.position, created_at: iso(r.created_at) });

function settingsInput(q: UserReq): Record<string, unknown> {
  const i = q.input as Record<string, unknown>;
  const values = (i.settings ?? i) as unknown;
  if (!values || typeof values !== "object" || Array.isArray(values)) throw validation("settings must be an object");
  return values as Record<string, unknown>;
}

/** Registers the endpoints. */
export default function register(r: Router): void {
  const base = "/api/v1/admin/hearth";
  r.get(`${base}/settings`, { scopes: SCOPES.read }, (q) => {
    staff(q, "manage_settings");
    return rawInstanceSettings(q.ctx);
  });
  r.put(`${base}/settings`, { scopes: SCOPES.write }, (q) => {
    const who = staff(q, "manage_settings");
    return updateInstanceSettings(q.ctx, who.accountId, settingsInput(q));
  });
  r.put(`${base}/settings/thumbnail`, { scopes: SCOPES.write }, async (q) => {
    const who = staff(q, "manage_settings");
    const f = file(q.input, "thumbnail");
    if (!f) throw validation("Thumbnail can't be blank");
    await setInstanceThumbnail(q.ctx, who.accountId, f);
    return rawInstanceSettings(q.ctx);
  });
  r.delete(`${base}/settings/thumbnail`, { scopes: SCOPES.write }, async (q) => {
    const who = staff(q, "manage_settings");
    await setInstanceThumbnail(q.ctx, who.accountId, null);
    return rawInstanceSettings(q.ctx);
  });
  r.get(`${base}/rules`, { scopes: SCOPES.read }, (q) => {
    staff(q, "manage_rules");
    return listRulesForAdmin(q.ctx).map(rule);
  });
  r.post(`${base}/rules`, { scopes: SCOPES.write }, (q) => {
    const who = staff(q, "manage_rules");
    return rule(addRule(q.ctx, who.accountId, { text: q.input.text, hint: q.input.hint }));
  });
  r.put(`${base}/rules/:id`, { scopes: SCOPES.write }, (q) => {
    const who = staff(q, "manage_rules");
    const id = parseId(q.params.id);
    const position = q.input.position;
    if (position !== undefined) moveRule(q.ctx, who.accountId, id, Number(position));
    return rule(editRule(q.ctx, who.accountId, id, { text: q.input.text, hint: q.input.hint }));
  });
  r.delete(`${base}/rules/:id`, { scopes: SCOPES.write }, (q) => {
    const who = staff(q, "manage_rules");
    removeRule(q.ctx, who.accountId, parseId(q.params.id));
    return {};
  });
}
