/** Raw JSON calls to the admin API (Hearth's own /api/v1/admin/hearth/* and endpoints masto.js does not cover), snake_case as sent. */
import { apiErrorText, readJson, UserError } from "../../lib/errors";

/** Calls `path` with the signed-in user's token; a JSON body unless `body` is FormData. Throws a UserError saying what failed. */
export async function adminFetch<T = any>(token: string, method: string, path: string, doing: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new UserError(`Couldn't ${doing}: the server can't be reached. Check your connection and try again.`);
  }
  const json = await readJson(res);
  if (!res.ok) throw new UserError(apiErrorText(res.status, json, doing));
  return json as T;
}
