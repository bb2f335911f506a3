/** Reads the types[] / exclude_types[] / account_id / include_filtered filters shared by list and unread_count. */
import type { Params } from "../../../http/params";
import { bool, strArr, str } from "../../../http/params";
import { parseId } from "../../../model/ids";
import type { NotificationFilter } from "../../../db/queries/notifications-page";

/** The filter, or null when account_id is not an id (nothing can match). */
export function readNotificationFilter(input: Params): NotificationFilter | null {
  const f: NotificationFilter = {
    types: strArr(input, "types"),
    excludeTypes: strArr(input, "exclude_types"),
    includeFiltered: bool(input, "include_filtered"),
  };
  const acct = str(input, "account_id");
  if (acct !== undefined && acct !== "") {
    const id = parseId(acct);
    if (id === undefined) return null;
    f.fromAccountId = id;
  }
  return f;
}
