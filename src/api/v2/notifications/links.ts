/** A Link header whose "next" is only given when the page was full (Mastodon's records_continue?). */

/** `ids` are the page's pagination ids, newest first; undefined for an empty page. */
export function pageLinks(url: URL, base: string, ids: number[], full: boolean): string | undefined {
  if (ids.length === 0) return undefined;
  const make = (key: string, id: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of url.searchParams) if (!["max_id", "min_id", "since_id", "access_token"].includes(k)) q.append(k, v);
    q.set(key, String(id));
    return `${base}${url.pathname}?${q.toString()}`;
  };
  const prev = `<${make("min_id", ids[0]!)}>; rel="prev"`;
  return full ? `<${make("max_id", ids[ids.length - 1]!)}>; rel="next", ${prev}` : prev;
}
