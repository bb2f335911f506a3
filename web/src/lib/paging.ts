/** A list loaded page by page from a masto.js paginator: items, loading/error/done state, more(). */
import { useEffect, useRef, useState } from "preact/hooks";
import { errorText } from "./errors";

/**
 * Pages through `open()` (called again on reload). `what` completes the error sentence
 * ("Could not load …"). Loads the first page on mount unless `auto` is false (then the caller calls reload()).
 * `pageSize`: the `limit` that `open` asks for; a shorter page is the last one, so `done` is set
 * at once instead of after one more, empty request (no "Load more" under a short list).
 */
export function usePaged<T extends { id: string }>(open: () => AsyncIterable<T[]>, what: string, auto = true, pageSize?: number) {
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [done, setDone] = useState(false);
  const iter = useRef<AsyncIterator<T[]> | null>(null);

  const load = async (reset: boolean) => {
    if (reset || !iter.current) iter.current = open()[Symbol.asyncIterator]();
    setLoading(true);
    setError(null);
    if (reset) setDone(false);
    try {
      const r = await iter.current.next();
      const page = r.done ? [] : (r.value ?? []);
      if (!page.length || (pageSize !== undefined && page.length < pageSize)) setDone(true);
      setItems((cur) => (reset ? page : [...cur, ...page.filter((x) => !cur.some((c) => c.id === x.id))]));
    } catch (e) {
      setError(errorText(e, what));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    if (auto) void load(false);
  }, []);
  return { items, setItems, error, loading, done, more: () => load(false), reload: () => load(true) };
}
