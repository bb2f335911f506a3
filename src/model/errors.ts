/** The one error type: a status code and a message that is safe to show to the client. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** 404 in Mastodon's words. */
export const notFound = (what = "Record not found") => new ApiError(404, what);
/** 422 with Mastodon's "Validation failed: …" wording. */
export const validation = (msg: string, details?: Record<string, unknown>) =>
  new ApiError(422, `Validation failed: ${msg}`, details ? { details } : {});
/** 401 for a missing or bad token. */
export const unauthorized = (msg = "The access token is invalid") => new ApiError(401, msg);
/** 403 for a token without the scope or a user not allowed to act. */
export const forbidden = (msg = "This action is outside the authorized scopes") => new ApiError(403, msg);
