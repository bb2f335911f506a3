/**
 * The ⋯ menu on a post, with Mastodon's actions. Own posts: Edit, Delete & redraft, Delete,
 * Copy link, Mute conversation, Pin on profile. Others' posts: Mention, Bookmark, Copy link,
 * Open original (remote), Mute, Block, Report, Block domain (remote). Destructive ones ask first.
 */
import type { JSX } from "preact";
import { useRef, useState } from "preact/hooks";
import type { Status } from "../lib/api";
import { emit } from "../lib/bus";
import { errorText } from "../lib/errors";
import { useApp } from "../lib/state";
import { ConfirmDialog, type Confirm } from "./confirm-dialog";
import { ReportDialog } from "./report-dialog";

/** Copies `text`, through the Clipboard API where allowed, else a selected text box. */
async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    return;
  } catch {
    const t = document.createElement("textarea");
    t.value = text;
    t.setAttribute("readonly", "");
    t.className = "visually-hidden";
    document.body.append(t);
    t.select();
    const ok = document.execCommand("copy");
    t.remove();
    if (!ok) throw new Error("copy failed");
  }
}

type Item = { label: string; run(): void | Promise<void>; danger?: boolean };

/** The menu button and its list; `update` receives the post after a change, `onDelete` runs after deletion. */
export function StatusMenu({ status, update, onDelete }: { status: Status; update(s: Status): void; onDelete?(): void }): JSX.Element {
  const app = useApp();
  const [open, setOpen] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const mine = status.account.id === app.me.id;
  const acct = status.account.acct;
  const domain = acct.includes("@") ? acct.split("@")[1]! : null;
  const api = app.client.v1.statuses.$select(status.id);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  /** Runs `fn`, reporting a failure with `doing` ("pin this post"). */
  const act = (doing: string, fn: () => Promise<void>) => async () => {
    close();
    try {
      await fn();
    } catch (e) {
      app.toast(errorText(e, doing), "error");
    }
  };
  const ask = (c: Confirm) => () => {
    setOpen(false);
    setConfirm(c);
  };
  const link = status.url || `${location.origin}/statuses/${status.id}`;

  const copy: Item = {
    label: "Copy link to post",
    run: act("copy the link", async () => (await copyText(link), app.toast("Link copied"))),
  };
  const muteConv: Item = {
    label: status.muted ? "Unmute conversation" : "Mute conversation",
    run: act("change the conversation's notifications", async () => {
      const res = status.muted ? await api.unmute() : await api.mute();
      update(res);
      app.toast(
        status.muted ? "You will get notifications from this conversation again" : "Conversation muted: no more notifications from it",
      );
    }),
  };
  const items: Item[] = [];
  if (mine) {
    items.push({
      label: "Edit",
      run: act("edit this post", async () => {
        const src = await api.source.fetch();
        app.edit({ status, text: src.text, spoilerText: src.spoilerText, redraft: false });
      }),
    });
    items.push({
      label: "Delete & redraft",
      run: ask({
        title: "Delete & redraft?",
        body: "The post is deleted and its text and media go back into the composer. Boosts and favourites of it are lost, and replies to it are orphaned.",
        action: "Delete & redraft",
        run: act("delete this post", async () => {
          const gone = await api.remove();
          onDelete?.();
          emit({ type: "deleted", id: status.id });
          const text = (gone as { text?: string }).text ?? "";
          app.edit({
            status: { ...status, mediaAttachments: gone.mediaAttachments ?? status.mediaAttachments },
            text,
            spoilerText: gone.spoilerText ?? "",
            redraft: true,
          });
        }),
      }),
    });
    items.push({
      label: "Delete",
      danger: true,
      run: ask({
        title: "Delete this post?",
        body: "It is removed here and from the servers it was sent to.",
        action: "Delete",
        run: act("delete this post", async () => {
          await api.remove();
          onDelete?.();
          emit({ type: "deleted", id: status.id });
          app.toast("Post deleted");
        }),
      }),
    });
    items.push(copy, muteConv);
    if (status.visibility !== "direct")
      items.push({
        label: status.pinned ? "Unpin from profile" : "Pin on profile",
        run: act(status.pinned ? "unpin this post" : "pin this post", async () => {
          const was = !!status.pinned;
          const res = was ? await api.unpin() : await api.pin();
          update(res);
          emit({ type: "pinned", status: res });
          app.toast(was ? "Post unpinned from your profile" : "Post pinned to your profile");
        }),
      });
  } else {
    items.push({
      label: `Mention @${acct}`,
      run: () => {
        close();
        app.edit({
          status: {
            ...status,
            id: "",
            mediaAttachments: [],
            poll: null,
            language: null,
            inReplyToId: null,
            visibility: (app.me as { source?: { privacy?: string } }).source?.privacy ?? "public",
          } as Status,
          text: `@${acct} `,
          spoilerText: "",
          redraft: true,
          mention: true,
        });
      },
    });
    items.push({
      label: status.bookmarked ? "Remove bookmark" : "Bookmark",
      run: act("bookmark this post", async () => {
        const res = status.bookmarked ? await api.unbookmark() : await api.bookmark();
        update(res);
        app.toast(status.bookmarked ? "Bookmark removed" : "Bookmarked");
      }),
    });
    items.push(copy);
    if (domain && status.url)
      items.push({ label: `Open original on ${domain}`, run: () => (close(), void window.open(status.url!, "_blank", "noopener")) });
    if (status.mentions.some((m) => m.id === app.me.id)) items.push(muteConv);
    const who = app.client.v1.accounts.$select(status.account.id);
    items.push({
      label: `Mute @${acct}`,
      run: ask({
        title: `Mute @${acct}?`,
        body: "You won't see their posts or notifications from them. They won't know they are muted. You can unmute them from their profile.",
        action: "Mute",
        run: act(`mute @${acct}`, async () => {
          await who.mute();
          app.toast(`@${acct} is muted`);
        }),
      }),
    });
    items.push({
      label: `Block @${acct}`,
      danger: true,
      run: ask({
        title: `Block @${acct}?`,
        body: "They won't be able to follow you or see your posts, and you won't see theirs. They can tell they are blocked.",
        action: "Block",
        run: act(`block @${acct}`, async () => {
          await who.block();
          app.toast(`@${acct} is blocked`);
        }),
      }),
    });
    items.push({
      label: `Report @${acct}`,
      run: () => {
        setOpen(false);
        setReporting(true);
      },
    });
    if (domain)
      items.push({
        label: `Block domain ${domain}`,
        danger: true,
        run: ask({
          title: `Block the whole of ${domain}?`,
          body: `You won't see posts or notifications from anyone on ${domain}, and your followers there are removed. This is usually meant for servers you do not want anything from.`,
          action: "Block domain",
          run: act(`block ${domain}`, async () => {
            await app.client.v1.domainBlocks.create({ domain });
            app.toast(`Everything from ${domain} is hidden`);
          }),
        }),
      });
  }

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
          {items.map((it, i) => (
            <li key={it.label}>
              <button type="button" class={it.danger ? "danger" : undefined} autoFocus={i === 0} onClick={() => void it.run()}>
                {it.label}
              </button>
            </li>
          ))}
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
      {confirm && (
        <ConfirmDialog
          {...confirm}
          onClose={() => {
            setConfirm(null);
            button.current?.focus();
          }}
        />
      )}
    </div>
  );
}
