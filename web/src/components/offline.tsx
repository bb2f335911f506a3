/** The "You're offline" banner shown above every screen while the server can't be reached. */
import type { JSX } from "preact";
import { useOnline } from "../lib/network";

/** A sticky status line; empty (but present for screen readers) while online. */
export function OfflineBanner(): JSX.Element {
  const online = useOnline();
  return (
    <div role="status" aria-live="polite">
      {!online && (
        <p class="offline-banner">
          You're offline. Posts you see may be out of date, and nothing can be sent until the connection is back.
        </p>
      )}
    </div>
  );
}
