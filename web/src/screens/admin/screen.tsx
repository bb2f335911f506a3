/**
 * The admin pages' frame (loaded on demand by ../admin.tsx): section tabs for what the role's
 * permission bits allow, and the chosen section (the first allowed one by default).
 */
import type { JSX } from "preact";
import { useApp } from "../../lib/state";
import { AdminAccount, AdminAccounts } from "./accounts";
import { Announcements } from "./announcements";
import { AuditLog } from "./audit-log";
import { can } from "./common";
import { Dashboard } from "./dashboard";
import { DomainAllows } from "./domain-allows";
import { DomainBlocks } from "./domain-blocks";
import { CustomEmojis } from "./emoji";
import { EmailBlocks } from "./email-blocks";
import { IpBlocks } from "./ip-blocks";
import { AdminReport, AdminReports } from "./reports";
import { Rules } from "./rules";
import { InstanceSettings } from "./settings";
import { Trends } from "./trends";
import "../admin.css";
import "./admin-pages.css";

interface Section {
  key: string;
  label: string;
  perm: Parameters<typeof can>[1];
  render(id?: string): JSX.Element;
}

/** Every section with the permission it needs (Role.md bits); the server checks the same ones. */
export const SECTIONS: Section[] = [
  { key: "reports", label: "Reports", perm: "manage_reports", render: (id) => (id ? <AdminReport id={id} /> : <AdminReports />) },
  { key: "accounts", label: "Accounts", perm: "manage_users", render: (id) => (id ? <AdminAccount id={id} /> : <AdminAccounts />) },
  { key: "dashboard", label: "Dashboard", perm: "view_dashboard", render: () => <Dashboard /> },
  { key: "trends", label: "Trends", perm: "manage_taxonomies", render: () => <Trends /> },
  { key: "domain_blocks", label: "Domain blocks", perm: "manage_federation", render: () => <DomainBlocks /> },
  { key: "domain_allows", label: "Domain allows", perm: "manage_federation", render: () => <DomainAllows /> },
  { key: "ip_blocks", label: "IP blocks", perm: "manage_blocks", render: () => <IpBlocks /> },
  { key: "email_blocks", label: "E-mail blocks", perm: "manage_blocks", render: () => <EmailBlocks /> },
  { key: "settings", label: "Settings", perm: "manage_settings", render: () => <InstanceSettings /> },
  { key: "rules", label: "Rules", perm: "manage_rules", render: () => <Rules /> },
  { key: "announcements", label: "Announcements", perm: "manage_announcements", render: () => <Announcements /> },
  { key: "custom_emojis", label: "Custom emoji", perm: "manage_custom_emojis", render: () => <CustomEmojis /> },
  { key: "audit_log", label: "Audit log", perm: "view_audit_log", render: () => <AuditLog /> },
];

/** Section tabs and the chosen section. */
export function AdminScreen(p: Record<string, string>): JSX.Element {
  const app = useApp();
  const allowed = SECTIONS.filter((s) => can(app.me, s.perm));
  const section = p.section ?? allowed[0]?.key ?? "reports";
  const current = allowed.find((s) => s.key === section);
  return (
    <div class="admin">
      <h1 class="screen-title">Moderation</h1>
      {allowed.length > 0 && (
        <nav aria-label="Moderation sections" class="admin-tabs">
          {allowed.map((s) => (
            <a key={s.key} href={`/admin/${s.key}`} data-route aria-current={s.key === section ? (p.id ? "location" : "page") : undefined}>
              {s.label}
            </a>
          ))}
        </nav>
      )}
      {current ? (
        current.render(p.id)
      ) : (
        <p class="empty">
          {allowed.length ? "There is no such moderation page, or your role does not allow it." : "Your role does not allow moderation."}
        </p>
      )}
    </div>
  );
}
