/**
 * Explore (/explore, /explore/:tab): trending posts, hashtags and news, suggestions and the
 * directory. Its code lives in ./explore/ and is loaded on first visit (a separate chunk), so
 * the home screen's bundle does not carry it.
 */
import type { JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../components/bits";

type Screen = typeof import("./explore/screen");
let loaded: Screen | null = null;

/** Loads the Explore screen, then shows the chosen tab. */
export function Explore({ tab }: { tab?: string }): JSX.Element {
  const [mod, setMod] = useState<Screen | null>(loaded);
  const [failed, setFailed] = useState(false);
  const load = () => {
    setFailed(false);
    import("./explore/screen").then(
      (m) => setMod((loaded = m)),
      () => setFailed(true),
    );
  };
  useEffect(() => {
    if (!mod) load();
  }, []);
  if (mod) return <mod.ExploreScreen tab={tab} />;
  return (
    <>
      <h1 class="screen-title">Explore</h1>
      {failed ? <ErrorBox text="Couldn't load Explore. Check your connection and try again." retry={load} /> : <Loading />}
    </>
  );
}
