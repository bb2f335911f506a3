/**
 * The Moderation and administration screen (/admin, /admin/:section, /admin/:section/:id). Its
 * pages live in ./admin/ and are loaded on first visit (a separate chunk), so the home screen's
 * bundle does not carry them.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../components/bits";

type Screen = typeof import("./admin/screen");
let loaded: Screen | null = null;

/** Loads the admin pages, then shows the chosen section. */
export function Admin(p: Record<string, string>): JSX.Element {
  const [mod, setMod] = useState<Screen | null>(loaded);
  const [failed, setFailed] = useState(false);
  const load = () => {
    setFailed(false);
    import("./admin/screen").then(
      (m) => setMod((loaded = m)),
      () => setFailed(true),
    );
  };
  useEffect(() => {
    if (!mod) load();
  }, []);
  if (mod) return <mod.AdminScreen {...p} />;
  return (
    <div class="admin">
      <h1 class="screen-title">Moderation</h1>
      {failed ? <ErrorBox text="Couldn't load the moderation pages. Check your connection and try again." retry={load} /> : <Loading />}
    </div>
  );
}
