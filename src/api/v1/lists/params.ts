/** Reading a list's fields and account_ids[] from a request, Rails-style. */
import { ApiError } from "../../../model/errors";
import { bool, str, strArr, type Params } from "../../../http/params";
import type { ListInput } from "../../../services/lists/write";

/** title, replies_policy and exclusive as given (wrong types answer 422). */
export function listInput(input: Params): ListInput {
  return { title: str(input, "title"), repliesPolicy: str(input, "replies_policy"), exclusive: bool(input, "exclusive") };
}

/** The required account_ids[] (422 when missing, empty or not strings). */
export function accountIds(input: Params): string[] {
  const ids = strArr(input, "account_ids");
  if (!ids || ids.length === 0) throw new ApiError(422, "Validation failed: account_ids is missing");
  return ids;
}
