/** Route group: /api/v2/filters with its keyword and status sub-resources (one file per endpoint). */
import type { Router } from "../../../http/route";
import keywordList from "./keyword-list";
import keywordCreate from "./keyword-create";
import keywordShow from "./keyword-show";
import keywordUpdate from "./keyword-update";
import keywordDelete from "./keyword-delete";
import statusList from "./status-list";
import statusCreate from "./status-create";
import statusShow from "./status-show";
import statusDelete from "./status-delete";
import list from "./list";
import show from "./show";
import create from "./create";
import update from "./update";
import remove from "./delete";

/** Registers this group's endpoints: the sub-resources first, so /api/v2/filters/keywords/:id is never read as a filter id. */
export default function register(r: Router): void {
  for (const g of [
    keywordList,
    keywordCreate,
    keywordShow,
    keywordUpdate,
    keywordDelete,
    statusList,
    statusCreate,
    statusShow,
    statusDelete,
    list,
    show,
    create,
    update,
    remove,
  ])
    g(r);
}
