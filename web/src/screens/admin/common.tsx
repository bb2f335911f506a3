/** Pieces the moderation pages share: permission checks, state badges, a confirmation dialog and account actions. */
import type { JSX } from "preact";
import type { mastodon } from "masto";
import { useEffect, useRef, useState } from "preact/hooks";
import { errorText } from "../../lib/errors";
import { useApp } from "../../lib/state";

export type AdminAccount = mastodon.v1.admin.Account;
/** Admin::Report as the server sends it (masto.js types its accounts as plain Accounts). */
export type AdminReport = Omit<mastodon.v1.admin.Report, "account" | "targetAccount" | "assignedAccount" | "actionTakenByAccount"> & {
  account: AdminAccount;
  targetAccount: AdminAccount;
  assignedAccount?: AdminAccount | null;
  actionTakenByAccount?: AdminAccount | null;
};

/** Role.md permission bits (the server's src/model/permissions.ts). */
export const BITS = {
  administrator: 0x1,
  view_audit_log: 0x4,
  view_dashboard: 0x8,
  manage_reports: 0x10,
  manage_federation: 0x20,
  manage_settings: 0x40,
  manage_blocks: 0x80,
  manage_taxonomies: 0x100,
  manage_users: 0x400,
  manage_rules: 0x1000,
  manage_announcements: 0x2000,
  manage_custom_emojis: 0x4000,
  delete_user_data: 0x80000,
};

/** True when the signed-in account's role has `perm` (Role.md bits; administrator has all). */
export function can(me: object, perm: keyof typeof BITS): boolean {
  const p = Number((me as { role?: { permissions?: string } }).role?.permissions ?? 0);
  return (p & BITS.administrator) !== 0 || (p & BITS[perm]) !== 0;
}

/** Words for an account's moderation state. */
export function stateBadges(a: AdminAccount): string[] {
  const out: string[] = [];
  if (a.suspended) out.push("Suspended");
  if (a.silenced) out.push("Limited");
  if (a.sensitized) out.push("Sensitive");
  if (a.disabled) out.push("Login disabled");
  if (!a.domain && !a.approved) out.push("Pending");
  return out;
}

/** The badges as a list. */
export function Badges({ account }: { account: AdminAccount }): JSX.Element | null {
  const b = stateBadges(account);
  if (!b.length) return null;
  return (
    <ul class="admin-badges" aria-label="Moderation state">
      {b.map((x) => (
        <li key={x}>{x}</li>
      ))}
    </ul>
  );
}

/** A modal asking to confirm `title`; `confirm` names the button; a note is optional when `withText`. */
export function ConfirmDialog({
  title,
  body,
  confirm,
  danger,
  withText,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirm: string;
  danger?: boolean;
  withText?: boolean;
  onConfirm(text: string): Promise<void>;
  onClose(): void;
}): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  useEffect(() => ref.current?.showModal?.(), []);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onConfirm(text.trim());
      ref.current?.close();
    } catch {
      // the caller has already said what went wrong; the dialog stays open to retry
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} class="help admin-confirm" aria-labelledby="admin-confirm-title" onClose={onClose}>
      <h2 id="admin-confirm-title">{title}</h2>
      <form onSubmit={submit}>
        <p>{body}</p>
        {withText && (
          <>
            <label for="admin-confirm-text">Note for the moderation log (optional)</label>
            <textarea id="admin-confirm-text" rows={3} maxLength={5000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          </>
        )}
        <div class="form-actions">
          <button type="submit" class={danger ? "primary danger-fill" : "primary"} disabled={busy}>
            {busy ? "Working…" : confirm}
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}

interface Action {
  type: "none" | "sensitive" | "disable" | "silence" | "suspend";
  label: string;
  verb: string;
  explain: string;
  danger?: boolean;
}

const ACTIONS: Action[] = [
  { type: "none", label: "Warn", verb: "Warn", explain: "Records a warning in the moderation log. Nothing else changes." },
  {
    type: "sensitive",
    label: "Mark as sensitive",
    verb: "Mark as sensitive",
    explain: "All of their posts will show as sensitive (media hidden behind a warning).",
  },
  { type: "silence", label: "Limit", verb: "Limit", explain: "Their posts leave public timelines and only their followers see them." },
  {
    type: "disable",
    label: "Disable login",
    verb: "Disable login",
    explain: "They can no longer sign in or use their apps. Their posts stay.",
    danger: true,
  },
  {
    type: "suspend",
    label: "Suspend",
    verb: "Suspend",
    explain: "Their profile and posts disappear for everyone and their login stops working. This can be undone.",
    danger: true,
  },
];

/**
 * Buttons for the moderation actions on `account` (and their undo), each with a confirmation;
 * `reportId` ties the action to a report (resolving it). `onDone` reloads the caller.
 */
export function AccountActions({ account, reportId, onDone }: { account: AdminAccount; reportId?: string; onDone(): void }): JSX.Element {
  const app = useApp();
  const [open, setOpen] = useState<Action | null>(null);
  const api = app.client.v1.admin.accounts.$select(account.id);
  const handle = `@${account.account.acct}`;
  const run = async (doing: string, f: () => Promise<unknown>, done: string) => {
    try {
      await f();
      app.toast(done);
      onDone();
    } catch (e) {
      app.toast(errorText(e, doing), "error");
      throw e;
    }
  };
  const available = ACTIONS.filter(
    (a) =>
      (a.type !== "disable" || !account.domain) &&
      !(a.type === "suspend" && account.suspended) &&
      !(a.type === "silence" && account.silenced) &&
      !(a.type === "sensitive" && account.sensitized) &&
      !(a.type === "disable" && account.disabled),
  );
  const undo: [boolean, string, () => Promise<unknown>, string][] = [
    [account.suspended, "Unsuspend", () => api.unsuspend(), `${handle} is no longer suspended`],
    [account.silenced, "Lift limit", () => api.unsilence(), `${handle} is no longer limited`],
    [account.sensitized, "Unmark sensitive", () => api.unsensitive(), `${handle}'s posts are no longer forced sensitive`],
    [account.disabled, "Enable login", () => api.enable(), `${handle} can sign in again`],
  ];
  return (
    <div class="admin-actions" role="group" aria-label={`Moderate ${handle}`}>
      {available.map((a) => (
        <button key={a.type} type="button" class={a.danger ? "danger" : undefined} onClick={() => setOpen(a)}>
          {a.label}
        </button>
      ))}
      {undo
        .filter(([on]) => on)
        .map(([, label, f, done]) => (
          <button key={label} type="button" onClick={() => void run(label.toLowerCase(), f, done).catch(() => undefined)}>
            {label}
          </button>
        ))}
      {open && (
        <ConfirmDialog
          title={`${open.verb} ${handle}?`}
          body={reportId ? `${open.explain} The report is resolved.` : open.explain}
          confirm={`${open.verb} ${handle}`}
          danger={open.danger}
          withText
          onClose={() => setOpen(null)}
          onConfirm={(text) =>
            run(
              `${open.verb.toLowerCase()} ${handle}`,
              () => api.action.create({ type: open.type, reportId, text: text || undefined }),
              `${open.verb}: done for ${handle}`,
            )
          }
        />
      )}
    </div>
  );
}
