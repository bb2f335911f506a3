/** Turns API failures into sentences a person can act on. */

/** Reads a JSON body, or null when there is none. */
export async function readJson(res: Response): Promise<any> {
  try {
    return await res.json();
  } catch {
    return null;
  }
}

/** A message for a failed API call: what we tried, and what the server said. */
export function apiErrorText(status: number, body: any, doing: string): string {
  const said = body?.error_description || body?.error;
  if (status === 401) return `Couldn't ${doing}: your session has ended. Please sign in again.`;
  if (status === 403) return `Couldn't ${doing}: you are not allowed to do that${said ? ` (${said})` : ""}.`;
  if (status === 404) return `Couldn't ${doing}: it no longer exists or is not visible to you.`;
  if (status === 429) return `Couldn't ${doing}: too many requests. Wait a moment and try again.`;
  if (status >= 500) return `Couldn't ${doing}: the server had a problem (${status}). Try again later.`;
  return `Couldn't ${doing}: ${said || `the server answered ${status}`}.`;
}

/** An error whose message is already a sentence for the reader. */
export class UserError extends Error {}

/** A message for anything thrown by masto.js or fetch while `doing` something. */
export function errorText(e: unknown, doing: string): string {
  const err = e as any;
  if (err instanceof UserError) return err.message;
  if (err && typeof err.statusCode === "number") {
    return apiErrorText(err.statusCode, { error: err.description || err.message }, doing);
  }
  if (err instanceof TypeError || (typeof navigator !== "undefined" && !navigator.onLine)) {
    return `Couldn't ${doing}: the server can't be reached. Check your connection and try again.`;
  }
  return `Couldn't ${doing}: ${err?.message || String(e)}.`;
}
