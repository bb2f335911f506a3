/** The thread around a status (Mastodon's context endpoint): ancestors and descendants. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { filterVisible } from "./visible";

const MAX_ANCESTORS = 40;
const MAX_DESCENDANTS = 4096;

/**
 * Ancestors oldest → newest and descendants depth-first (siblings oldest first), only
 * those `viewerId` may see; a logged-in viewer's blocked and muted accounts are left out.
 */
export function loadThread(ctx: AppContext, s: StatusRow, viewerId: number | null): { ancestors: StatusRow[]; descendants: StatusRow[] } {
  const db = ctx.db;
  const ancestors = db.query<StatusRow & { depth: number }, [number, number]>(
    `WITH RECURSIVE up(id, depth) AS (
       SELECT in_reply_to_id, 1 FROM statuses WHERE id = ?1 AND in_reply_to_id IS NOT NULL
       UNION ALL
       SELECT s.in_reply_to_id, up.depth + 1 FROM statuses s JOIN up ON s.id = up.id WHERE s.in_reply_to_id IS NOT NULL AND up.depth < ?2
     )
     SELECT s.*, up.depth FROM up JOIN statuses s ON s.id = up.id ORDER BY up.depth DESC`,
  ).all(s.id, MAX_ANCESTORS);
  const below = db.query<StatusRow, [number, number]>(
    `WITH RECURSIVE down(id) AS (
       SELECT id FROM statuses WHERE in_reply_to_id = ?1 AND reblog_of_id IS NULL
       UNION
       SELECT s.id FROM statuses s JOIN down ON s.in_reply_to_id = down.id WHERE s.reblog_of_id IS NULL
     )
     SELECT s.* FROM down JOIN statuses s ON s.id = down.id ORDER BY s.id LIMIT ?2`,
  ).all(s.id, MAX_DESCENDANTS);
  const children = new Map<number, StatusRow[]>();
  for (const r of below) {
    const list = children.get(r.in_reply_to_id!) ?? [];
    list.push(r);
    children.set(r.in_reply_to_id!, list);
  }
  const ordered: StatusRow[] = [];
  const stack = [...(children.get(s.id) ?? [])].reverse();
  while (stack.length) {
    const r = stack.pop()!;
    ordered.push(r);
    stack.push(...[...(children.get(r.id) ?? [])].reverse());
  }
  const hide = viewerId !== null;
  return {
    ancestors: filterVisible(ctx, ancestors.map(({ depth: _d, ...r }) => r as StatusRow), viewerId, hide),
    descendants: filterVisible(ctx, ordered, viewerId, hide),
  };
}
