/** Reading a hashtag name from a route's path. */
import { ApiError } from "../../../model/errors";
import { isValidTagName } from "../../../services/tags/names";

/** The hashtag name of a path parameter (a leading `#` allowed); 404 unless it is a valid name, as Mastodon. */
export function tagNameParam(raw: string | undefined): string {
  const name = (raw ?? "").replace(/^#/, "");
  if (!isValidTagName(name)) throw new ApiError(404, "Record not found");
  return name;
}
