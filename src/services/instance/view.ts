/** Loads everything the Instance entities (v1 and v2) need, in a fixed number of queries. */
import type { AppContext } from "../../context";
import { listRules } from "../../db/queries/rules";
import { getLocalAccountByUsername } from "../../db/queries/accounts";
import { getContactAccountId } from "../../db/queries/users";
import { accountView } from "../../db/views/accounts";
import { usage, type UsageSnapshot } from "./stats";
import { readInstanceSettings, type InstanceSettings } from "./settings";
import { storedThumbnail, type StoredThumbnail } from "./thumbnail";
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
  settings: InstanceSettings;
  thumbnail: StoredThumbnail | null;
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

/** The contact account's id: the site_contact_username setting, else the first owner (else admin). */
export function contactAccountId(ctx: AppContext, username?: string | null): number | null {
  const named = username ? getLocalAccountByUsername(ctx.db, username) : null;
  return named?.id ?? getContactAccountId(ctx.db);
}

/**
 * Builds the instance view; `withStats` adds the counts only v1 shows. The counts come from the
 * usage snapshot (refreshed every few minutes) unless `counts` are given.
 */
export function loadInstanceView(ctx: AppContext, withStats = false, counts: UsageSnapshot = usage(ctx)): InstanceView {
  const settings = readInstanceSettings(ctx);
  const contactId = contactAccountId(ctx, settings.contactUsername);
  return {
    domain: ctx.config.localDomain,
    title: settings.title,
    shortDescription: settings.shortDescription,
    description: settings.shortDescription,
    contactEmail: settings.contactEmail,
    contactAccount: contactId !== null ? (accountView(ctx, contactId) ?? null) : null,
    rules: loadRules(ctx),
    settings,
    thumbnail: storedThumbnail(ctx),
    activeMonth: counts.activeMonth,
    userCount: withStats ? counts.userCount : 0,
    statusCount: withStats ? counts.statusCount : 0,
    domainCount: withStats ? counts.domainCount : 0,
    vapidKey: vapidPublicKey(ctx),
  };
}
