/** ListRow → Mastodon List entity. */
import type { ListRow } from "../../services/lists/find";

/** The List entity (pure): id, title, replies_policy and exclusive. */
export function toMastodonList(l: ListRow): Record<string, unknown> {
  return { id: String(l.id), title: l.title, replies_policy: l.replies_policy, exclusive: l.exclusive === 1 };
}
