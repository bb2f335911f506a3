/**
 * Route group: the v1 admin API (Mastodon's /api/v1/admin/*; /api/v2/admin/accounts is in src/api/v2/admin/):
 * accounts and their moderation, reports, domain blocks, trends review. Every endpoint checks the admin
 * scope and then the role's permission (403 "This action is not allowed").
 */
import type { Router } from "../../../http/route";
import accountsList from "./accounts-list";
import accountShow from "./account-show";
import accountAction from "./account-action";
import accountState from "./account-state";
import reports from "./reports";
import reportActions from "./report-actions";
import domainBlocks from "./domain-blocks";
import customEmojis from "./custom-emojis";
import ipBlocks from "./ip-blocks";
import metrics from "./metrics";
import domainAllows from "./domain-allows";
import actionLogs from "./action-logs";
import emailBlocks from "./email-blocks";
import hearthSettings from "./hearth-settings";
import hearthAnnouncements from "./hearth-announcements";
import trends from "./trends";

/** Registers this group's endpoints. */
export default function register(r: Router): void {
  for (const g of [
    accountsList,
    accountShow,
    accountAction,
    accountState,
    reports,
    reportActions,
    domainBlocks,
    trends,
    customEmojis,
    ipBlocks,
    metrics,
    domainAllows,
    actionLogs,
    emailBlocks,
    hearthSettings,
    hearthAnnouncements,
  ])
    g(r);
}
