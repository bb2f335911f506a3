/**
 * The Moderation screen (/admin, /admin/:section, /admin/:section/:id) over Mastodon's admin
 * API: reports, accounts and domain blocks, each shown only when the role allows it.
 */
import type { JSX } from "preact";
import { useApp } from "../lib/state";
import { AdminAccount, AdminAccounts } from "./admin/accounts";
import { can } from "./admin/common";
import { DomainBlocks } from "./admin/domain-blocks";
import { AdminReport, AdminReports } from "./admin/reports";
import "./admin.css";

const SECTIONS: { key: string; label: string; perm: Parameters<typeof can>[1] }[] = [
  { key: "reports", label: "Reports", perm: "manage_reports" },
  { key: "accounts", label: "Accounts", perm: "manage_users" },
  { key: "domain_blocks", label: "Domain blocks", perm: "manage_federation" },
];

/** Moderation: section tabs and the chosen section (reports by default). */
export function Admin(p: Record<string, string>): JSX.Element {
  const app = useApp();
  const allowed = SECTIONS.filter((s) => can(app.me, s.perm));
  const section = p.section ?? allowed[0]?.key ?? "reports";
  const current = allowed.find((s) => s.key === section);
  let body: JSX.Element;
  if (!current) body = <p class="empty">{allowed.length ? "There is no such moderation page." : "Your role does not allow moderation."}</p>;
  else if (section === "reports") body = p.id ? <AdminReport id={p.id} /> : <AdminReports />;
  else if (section === "accounts") body = p.id ? <AdminAccount id={p.id} /> : <AdminAccounts />;
  else body = <DomainBlocks />;
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
      {body}
    </div>
  );
}
