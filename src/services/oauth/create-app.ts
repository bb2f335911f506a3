/** POST /api/v1/apps: validates and registers an OAuth client application. */
import type { AppContext } from "../../context";
import { ApiError } from "../../model/errors";
import { parseScopes } from "../../model/scopes";
import { createApplication, type AppRow } from "./tokens";

/** The out-of-band redirect URI: the code is shown to the user instead of redirected. */
export const OOB_URI = "urn:ietf:wg:oauth:2.0:oob";

export interface NewApplication {
  name: unknown;
  redirectUris: unknown;
  scopes: unknown;
  website: unknown;
}

const fail = (msg: string) => new ApiError(422, `Validation failed: ${msg}`);

/** Splits `redirect_uris` given as a string (newline separated) or an array of strings. */
export function readRedirectUris(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of list) {
    if (typeof x !== "string") throw fail("Redirect URI must be a string");
    for (const line of x.split(/\r?\n/)) if (line.trim()) out.push(line.trim());
  }
  return [...new Set(out)];
}

/** True for an absolute URI without a fragment (custom schemes allowed), or the OOB URN. */
export function isValidRedirectUri(u: string): boolean {
  if (u === OOB_URI) return true;
  if (u.length > 2000 || /\s/.test(u)) return false;
  let parsed: URL;
  try {
    parsed = new URL(u);
  } catch {
    return false;
  }
  if (parsed.hash || u.includes("#")) return false;
  return /^[a-z][a-z0-9+.-]*:/i.test(u) && !/^(javascript|data|vbscript):/i.test(u);
}

function readScopes(v: unknown): string[] {
  let s: string | undefined;
  if (v === undefined || v === null) s = undefined;
  else if (typeof v === "string") s = v;
  else if (Array.isArray(v) && v.every((x) => typeof x === "string")) s = v.join(" ");
  else throw fail("Scopes must be a string");
  const { scopes, invalid } = parseScopes(s);
  if (invalid.length) throw fail(`Scopes contains unknown scopes: ${invalid.join(", ")}`);
  return scopes;
}

/** Validates the request like Mastodon's Doorkeeper application and inserts it. Throws 422. */
export function registerApplication(ctx: AppContext, n: NewApplication): AppRow {
  if (n.name !== undefined && n.name !== null && typeof n.name !== "string") throw fail("Application name must be a string");
  const name = typeof n.name === "string" ? n.name.trim() : "";
  if (!name) throw fail("Application name can't be blank");
  if (name.length > 60) throw fail("Application name is too long (maximum is 60 characters)");
  const uris = readRedirectUris(n.redirectUris);
  if (!uris.length) throw fail("Redirect URI can't be blank");
  if (uris.join("\n").length > 2000) throw fail("Redirect URI is too long (maximum is 2000 characters)");
  if (!uris.every(isValidRedirectUri)) throw fail("Redirect URI must be an absolute URI.");
  const scopes = readScopes(n.scopes);
  let website: string | null = null;
  if (n.website !== undefined && n.website !== null && n.website !== "") {
    if (typeof n.website !== "string") throw fail("Website must be a string");
    if (n.website.length > 2000) throw fail("Website is too long (maximum is 2000 characters)");
    if (!/^https?:\/\/[^\s]+$/i.test(n.website) || !URL.canParse(n.website)) throw fail("Website is not a valid URL");
    website = n.website;
  }
  return createApplication(ctx, { name, website, redirectUris: uris, scopes });
}
