/**
 * Reading preferences kept in this browser (Mastodon's API exposes them read-only through
 * /api/v1/preferences; the app starts from the server's values and lets the reader change them).
 */

export interface ReadingPrefs {
  /** Show text behind content warnings without a click. */
  expandSpoilers: boolean;
  /** "default": hide media marked sensitive; "show_all"; "hide_all". */
  expandMedia: "default" | "show_all" | "hide_all";
}

const KEY = "hearth.prefs";
const DEFAULTS: ReadingPrefs = { expandSpoilers: false, expandMedia: "default" };

/** The stored reading preferences (defaults when none or unreadable). */
export function readingPrefs(): ReadingPrefs {
  try {
    return { ...DEFAULTS, ...JSON.parse(localStorage.getItem(KEY) || "{}") };
  } catch {
    return { ...DEFAULTS };
  }
}

/** Stores the reading preferences. */
export function saveReadingPrefs(p: ReadingPrefs): void {
  localStorage.setItem(KEY, JSON.stringify(p));
}

/** True when stored preferences exist (otherwise the server's are adopted on first load). */
export function hasReadingPrefs(): boolean {
  return localStorage.getItem(KEY) !== null;
}
