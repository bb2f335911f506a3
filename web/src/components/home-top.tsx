/**
 * What sits above the Home timeline: the server's announcements (fetched here, shown by a
 * separately loaded chunk only when there are any) and, for a new account, a welcome card that
 * leads to the first steps at /start until it is dismissed.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { subscribe } from "../lib/bus";
import { lazyScreen } from "../lib/lazy";
import { onboardingDone, setOnboardingDone } from "../lib/onboarding";
import { useApp } from "../lib/state";
import "./home-top.css";

const AnnouncementsPanel = lazyScreen<{ list: any[]; setList(l: any[]): void }>(() => import("./announcements"), "Announcements", null);

/** Announcements and the welcome card, above Home. */
export function HomeTop(): JSX.Element {
  const app = useApp();
  const [list, setList] = useState<any[]>([]);
  const [welcome, setWelcome] = useState(() => app.me.statusesCount === 0 && app.me.followingCount === 0 && !onboardingDone(app.me.id));
  useEffect(() => {
    let live = true;
    const load = () =>
      app.client.v1.announcements.list().then(
        (l) => live && setList(l as any[]),
        () => {},
      );
    load();
    // A new, changed or removed announcement (streamed to every signed-in user) reloads the list.
    const off = subscribe((e) => {
      if (e.type === "stream" && e.event.startsWith("announcement")) load();
    });
    return () => {
      live = false;
      off();
    };
  }, [app.client]);
  return (
    <>
      {welcome && (
        <section class="welcome-card" aria-labelledby="welcome-card-h">
          <h2 id="welcome-card-h">Welcome to Hearth, {app.me.username}!</h2>
          <p>Fill in your profile, find people to follow and follow hashtags, and this timeline fills up.</p>
          <div class="welcome-actions">
            <a class="button primary" href="/start" data-route>
              Get started
            </a>
            <button
              type="button"
              onClick={() => {
                setOnboardingDone(app.me.id);
                setWelcome(false);
              }}
            >
              Not now
            </button>
          </div>
        </section>
      )}
      {list.length > 0 && <AnnouncementsPanel list={list} setList={setList} />}
    </>
  );
}
