/** A modal question before a destructive action (Mastodon's confirmation modals). */
import type { JSX } from "preact";
import { useEffect, useRef } from "preact/hooks";

/** What to ask: a title, a sentence, the action's button label and what it does. */
export interface Confirm {
  title: string;
  body: string;
  action: string;
  run(): void | Promise<void>;
}

/** The dialog; the action runs after the dialog closes, `onClose` runs either way. */
export function ConfirmDialog({ title, body, action, run, onClose }: Confirm & { onClose(): void }): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => ref.current?.showModal?.(), []);
  return (
    <dialog ref={ref} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-body" onClose={onClose}>
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-body">{body}</p>
      <div class="confirm-actions">
        <button type="button" autoFocus onClick={() => ref.current?.close()}>
          Cancel
        </button>
        <button
          type="button"
          class="primary danger"
          onClick={() => {
            ref.current?.close();
            void run();
          }}
        >
          {action}
        </button>
      </div>
    </dialog>
  );
}
