/**
 * Screens loaded on first visit (a separate chunk each), so the home screen's bundle does not
 * carry them: lazyScreen(() => import("./x"), "x", "Title") renders a heading and a loading
 * state until the chunk is in, then the chunk's export, and offers a retry when it fails.
 */
import type { ComponentType, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../components/bits";

/** A component that loads `load()` once and renders its export `name` with the same props. */
export function lazyScreen<P extends object>(
  load: () => Promise<Record<string, unknown>>,
  name: string,
  title: string | null,
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  return function Lazy(p: P): JSX.Element | null {
    const [C, setC] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    const go = () => {
      setFailed(false);
      load().then(
        (m) => setC(() => (loaded = m[name] as ComponentType<P>)),
        () => setFailed(true),
      );
    };
    useEffect(() => {
      if (!C) go();
    }, []);
    if (C) return <C {...p} />;
    if (title === null) return null;
    return (
      <>
        <h1 class="screen-title">{title}</h1>
        {failed ? <ErrorBox text="Couldn't load this screen. Check your connection and try again." retry={go} /> : <Loading />}
      </>
    );
  };
}
