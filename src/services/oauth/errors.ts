/** OAuth errors in RFC 6749 / Doorkeeper form: `{"error": code, "error_description": text}`. */

/** Doorkeeper's descriptions for each error code. */
export const OAUTH_DESCRIPTIONS = {
  invalid_request: "The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.",
  invalid_client:
    "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
  invalid_grant:
    "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
  unauthorized_client: "You are not authorized to revoke this token",
  unsupported_grant_type: "The authorization grant type is not supported by the authorization server.",
  invalid_scope: "The requested scope is invalid, unknown, or malformed.",
  unsupported_response_type: "The authorization server does not support this response type.",
  access_denied: "The resource owner or authorization server denied the request.",
} as const;

export type OAuthErrorCode = keyof typeof OAUTH_DESCRIPTIONS;

/** A failed OAuth request; routes render it as JSON with `status`. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: OAuthErrorCode,
    readonly description: string = OAUTH_DESCRIPTIONS[code],
  ) {
    super(description);
  }
  toJSON(): { error: string; error_description: string } {
    return { error: this.code, error_description: this.description };
  }
}
