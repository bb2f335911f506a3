/** Loads everything the Instance entities (v1 and v2) need, in a fixed number of queries. */
import type { AppContext } from "../../context";
import type { Registrations } from "../../config";
import { listRules } from "../../db/queries/rules";
import { getContactAccountId } from "../../db/queries/users";
import { accountView } from "../../db/views/accounts";
import { activeUsers, localPostCount, peerCount, setting, userCount } from "./stats";
import { vapidPublicKey } from "./vapid";

export interface RuleView {
  id: string;
  text: string;
  hint: string;
}

export interface InstanceView {
  domain: string;
  title: string;
  shortDescription: string;
  description: string;
  contactEmail: string;
  contactAccount: Record<string, unknown> | null;
  rules: RuleView[];
  registrations: Registrations;
  registrationsMessage: string | null;
  activeMonth: number;
  userCount: number;
  statusCount: number;
  domainCount: number;
  vapidKey: string;
}

/** The server rules in display order. */
export function loadRules(ctx: AppContext): RuleView[] {
  return listRules(ctx.db).map((r) => ({ id: String(r.id), text: r.text, hint: r.hint }));
}

/** The first owner's (else admin's) account id, the instance's contact. */
export function contactAccountId(ctx: AppContext): number | null {
  return getContactAccountId(ctx.db);
}

/** Builds the instance view; `withStats` adds the counts only v1 shows. */
export function loadInstanceView(ctx: AppContext, withStats = false): InstanceView {
  const contactId = contactAccountId(ctx);
  return {
    domain: ctx.config.localDomain,
    title: setting(ctx, "site_title") ?? ctx.config.instanceTitle,
    shortDescription: setting(ctx, "site_short_description") ?? "",
    description: setting(ctx, "site_description") ?? setting(ctx, "site_short_description") ?? "",
    contactEmail: setting(ctx, "site_contact_email") ?? "",
    contactAccount: contactId !== null ? (accountView(ctx, contactId) ?? null) : null,
    rules: loadRules(ctx),
    registrations: ctx.config.registrations,
    registrationsMessage: setting(ctx, "closed_registrations_message"),
    activeMonth: activeUsers(ctx, 30),
    userCount: withStats ? userCount(ctx) : 0,
    statusCount: withStats ? localPostCount(ctx) : 0,
    domainCount: withStats ? peerCount(ctx) : 0,
    vapidKey: vapidPublicKey(ctx),
  };
}
