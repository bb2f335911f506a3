/** Reading an upload's fields (file, thumbnail, description, focus) for POST /api/v1/media and /api/v2/media. */
import { file, str } from "../../../http/params";
import type { UserReq } from "../../../http/route";

/** The upload as the media service takes it (the service checks the rules). */
export function readMediaUpload(q: UserReq) {
  return {
    file: file(q.input, "file"),
    thumbnail: file(q.input, "thumbnail"),
    description: str(q.input, "description"),
    focus: str(q.input, "focus"),
  };
}

/** Options of both upload endpoints: write:media and the media rate limit. */
export const UPLOAD_OPTS = { scopes: ["write:media"], limit: "media" as const };
