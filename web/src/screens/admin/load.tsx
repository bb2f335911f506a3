/** A list or record loaded from the admin API, with its loading/error/empty states drawn the same way on every page. */
import type { ComponentChildren, JSX } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ErrorBox, Loading } from "../../components/bits";
import { errorText } from "../../lib/errors";

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  reload(): Promise<void>;
  set(f: (cur: T) => T): void;
}

/** Runs `load` once (and on reload); `doing` names it in the error message. */
export function useLoaded<T>(load: () => Promise<T>, doing: string): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    setError(null);
    try {
      setData(await load());
    } catch (e) {
      setError(errorText(e, doing));
    }
  };
  useEffect(() => void reload(), []);
  return { data, error, reload, set: (f) => setData((cur) => (cur === null ? cur : f(cur))) };
}

/** Error box, loading placeholder, the empty message, or `children` for the loaded list. */
export function ListState<T>({ l, empty, children }: { l: Loaded<T[]>; empty: string; children: ComponentChildren }): JSX.Element {
  if (l.error) return <ErrorBox text={l.error} retry={() => void l.reload()} />;
  if (!l.data) return <Loading />;
  if (!l.data.length) return <p class="empty">{empty}</p>;
  return <>{children}</>;
}
