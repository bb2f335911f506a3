/** The thread around a status (Mastodon's context endpoint): ancestors and descendants. */
import type { AppContext } from "../../context";
import type { StatusRow } from "../../db/rows";
import { listStatusAncestors, listStatusDescendants } from "../../db/queries/statuses";
import { filterVisible } from "./visible";

const MAX_ANCESTORS = 40;
const MAX_DESCENDANTS = 4096;

/**
 * Ancestors oldest → newest and descendants depth-first (siblings oldest first), only
 * those `viewerId` may see; a logged-in viewer's blocked and muted accounts are left out.
 */
export function loadThread(ctx: AppContext, s: StatusRow, viewerId: number | null): { ancestors: StatusRow[]; descendants: StatusRow[] } {
  const db = ctx.db;
  const ancestors = listStatusAncestors(db, s.id, MAX_ANCESTORS);
  const below = listStatusDescendants(db, s.id, MAX_DESCENDANTS);
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
    ancestors: filterVisible(
      ctx,
      ancestors.map(({ depth: _d, ...r }) => r as StatusRow),
      viewerId,
      hide,
    ),
    descendants: filterVisible(ctx, ordered, viewerId, hide),
  };
}
