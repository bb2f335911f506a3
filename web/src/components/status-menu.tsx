/**
 * The "More" menu on a post: pin to / unpin from your profile for your own posts (not direct
 * ones), and "Report" (with the report dialog) for other people's.
 */
import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import type { Status } from "../lib/api";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import { emit } from "../lib/bus";
import { ReportDialog } from "./report-dialog";

/** The menu button and its list; `update` receives the post after pinning or unpinning. */
export function StatusMenu({ status, update }: { status: Status; update(s: Status): void }): JSX.Element | null {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [reporting, setReporting] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const mine = status.account.id === app.me.id;
  const pinnable = mine && status.visibility !== "direct" && !status.reblog;
  if (mine && !pinnable) return null;
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const pin = async () => {
    close();
    const was = !!status.pinned;
    try {
      const api = app.client.v1.statuses.$select(status.id);
      const res = was ? await api.unpin() : await api.pin();
      update(res);
      emit({ type: "pinned", status: res });
      app.toast(was ? "Post unpinned from your profile" : "Post pinned to your profile");
    } catch (e) {
      app.toast(errorText(e, was ? "unpin this post" : "pin this post"), "error");
    }
  };

  return (
    <div
      class="status-menu"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <button type="button" ref={button} aria-expanded={open} title="More actions" onClick={() => (open ? close() : setOpen(true))}>
        <span aria-hidden="true">⋯</span>
        <span class="visually-hidden">More actions</span>
      </button>
      {open && (
        <ul class="menu-list">
          {pinnable ? (
            <li>
              <button type="button" autoFocus onClick={pin}>
                {status.pinned ? "Unpin from profile" : "Pin on profile"}
              </button>
            </li>
          ) : (
            <li>
              <button
                type="button"
                autoFocus
                onClick={() => {
                  setOpen(false);
                  setReporting(true);
                }}
              >
                Report @{status.account.acct}
              </button>
            </li>
          )}
        </ul>
      )}
      {reporting && (
        <ReportDialog
          account={status.account}
          statusId={status.id}
          onClose={() => {
            setReporting(false);
            button.current?.focus();
          }}
        />
      )}
    </div>
  );
}
