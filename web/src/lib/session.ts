/** The signed-in session and the registered OAuth app, kept in localStorage. */

export interface Session {
  accessToken: string;
  accountId?: string;
}

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** The scopes it was registered with (older records lack them). */
  scopes?: string;
}

const SESSION_KEY = "hearth.session";
const APP_KEY = "hearth.app";

function read<T>(key: string): T | null {
  try {
    const v = localStorage.getItem(key);
    return v ? (JSON.parse(v) as T) : null;
  } catch {
    return null;
  }
}

/** The current session, or null when signed out. */
export function loadSession(): Session | null {
  return read<Session>(SESSION_KEY);
}

/** Stores (or with null, forgets) the session. */
export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(SESSION_KEY, JSON.stringify(s));
  else localStorage.removeItem(SESSION_KEY);
}

/** The OAuth app registered for this origin's callback, if any. */
export function loadApp(redirectUri: string): RegisteredApp | null {
  const app = read<RegisteredApp>(APP_KEY);
  return app && app.redirectUri === redirectUri ? app : null;
}

/** Remembers the OAuth app so each sign-in does not register a new one. */
export function saveApp(app: RegisteredApp | null): void {
  if (app) localStorage.setItem(APP_KEY, JSON.stringify(app));
  else localStorage.removeItem(APP_KEY);
}
