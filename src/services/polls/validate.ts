/** Validation of the `poll[...]` parameters of a status, with Mastodon's limits. */
import { ApiError } from "../../model/errors";
import { bool, int, strArr, type Params } from "../../model/params";

/** Limits reported in /api/v2/instance configuration.polls (Mastodon's defaults). */
export const POLL_LIMITS = {
  maxOptions: 4,
  maxCharactersPerOption: 50,
  minExpiration: 300,
  maxExpiration: 2629746,
} as const;

/** A validated poll: trimmed unique option titles and settings. */
export interface PollInput {
  options: string[];
  expiresIn: number;
  multiple: boolean;
  hideTotals: boolean;
}

// Results of validatePollInput, so services can accept them without checking twice.
const validated = new WeakSet<object>();

/** True for a PollInput returned by validatePollInput (raw client input never passes). */
export function isValidatedPollInput(x: unknown): x is PollInput {
  return !!x && typeof x === "object" && validated.has(x);
}

const fail = (msg: string) => new ApiError(422, `Validation failed: ${msg}`);

/**
 * Checks a raw `poll` parameter (object from JSON or Rails-style form keys) and returns the
 * normalized input. Throws ApiError 422 on any bad value; writes nothing.
 */
export function validatePollInput(raw: unknown): PollInput {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || raw instanceof Blob) throw fail("Poll must be an object");
  const p = raw as Params;
  const given = strArr(p, "options");
  if (!given) throw fail("Poll options can't be blank");
  // Mastodon strips options and drops blank ones before validating.
  const options = given.map((o) => o.trim()).filter((o) => o !== "");
  if (options.length < 2) throw fail("Poll options must have more than one item");
  if (options.length > POLL_LIMITS.maxOptions) throw fail(`Poll options cannot contain more than ${POLL_LIMITS.maxOptions} items`);
  if (options.some((o) => [...o].length > POLL_LIMITS.maxCharactersPerOption)) {
    throw fail(`Poll options cannot be longer than ${POLL_LIMITS.maxCharactersPerOption} characters each`);
  }
  if (new Set(options).size !== options.length) throw fail("Poll options must not contain duplicate items");
  const expiresIn = int(p, "expires_in");
  if (expiresIn === undefined) throw fail("Poll expires_in can't be blank");
  if (expiresIn < POLL_LIMITS.minExpiration) throw fail("Poll expiration is too soon");
  if (expiresIn > POLL_LIMITS.maxExpiration) throw fail("Poll expiration is too far into the future");
  const out: PollInput = { options, expiresIn, multiple: bool(p, "multiple") ?? false, hideTotals: bool(p, "hide_totals") ?? false };
  validated.add(out);
  return out;
}
