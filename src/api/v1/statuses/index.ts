/** Route group: statuses — posting, reading, editing, deleting and the per-status actions. */
import type { Router } from "../../../http/route";
import bookmark from "./bookmark";
import context from "./context";
import card from "./card";
import create from "./create";
import del from "./delete";
import favourite from "./favourite";
import favouritedBy from "./favourited-by";
import history from "./history";
import list from "./list";
import mute from "./mute";
import pin from "./pin";
import quotes from "./quotes";
import reblog from "./reblog";
import rebloggedBy from "./reblogged-by";
import show from "./show";
import source from "./source";
import unbookmark from "./unbookmark";
import unfavourite from "./unfavourite";
import unmute from "./unmute";
import unpin from "./unpin";
import translate from "./translate";
import unreblog from "./unreblog";
import update from "./update";

const ENDPOINTS = [
  create,
  list,
  show,
  update,
  del,
  source,
  history,
  context,
  card,
  favouritedBy,
  rebloggedBy,
  quotes,
  reblog,
  unreblog,
  favourite,
  unfavourite,
  bookmark,
  unbookmark,
  translate,
  pin,
  unpin,
  mute,
  unmute,
];

export default function register(r: Router): void {
  for (const g of ENDPOINTS) g(r);
}
