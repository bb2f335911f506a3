/** Hearth's version and the Mastodon version whose API it implements. */
export const HEARTH_VERSION = "0.1.0";
export const MASTODON_VERSION = "4.5.0";
/** The `version` string of /api/v1/instance. */
export const VERSION_STRING = `${MASTODON_VERSION} (compatible; Hearth ${HEARTH_VERSION})`;
