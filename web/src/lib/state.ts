/** App-wide state shared through context: the client, the signed-in account, instance and limits. */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Account, Client, Instance, Limits, Status } from "./api";

export interface AppState {
  client: Client;
  token: string;
  me: Account;
  instance: Instance | null;
  limits: Limits;
  streamBase: string;
  setMe(a: Account): void;
  /** Shows a short message in the live region (e.g. "Posted", or an error). */
  toast(text: string, kind?: "info" | "error"): void;
  /** Number of unread notifications since the last visit to the notifications screen. */
  unread: number;
  clearUnread(): void;
  signOut(): void;
  /** The post being replied to in the composer, if any. */
  replyTo: Status | null;
  /** Opens the composer replying to `s`. */
  reply(s: Status): void;
  clearReply(): void;
  /** A post being edited, or redrafted after deletion, in the composer. */
  editing: Editing | null;
  /** Opens the composer with `e` (on phones: the compose screen). */
  edit(e: Editing): void;
  clearEdit(): void;
  /** The post being quoted in the composer, if any (sent as quoted_status_id). */
  quoting: Status | null;
  /** Opens the composer quoting `s` (on phones: the compose screen). */
  quote(s: Status): void;
  clearQuote(): void;
}

/** What the composer starts from when editing or redrafting: the post and its source text. */
export interface Editing {
  status: Status;
  text: string;
  spoilerText: string;
  /** Redraft: the post is gone, the composer makes a new one from it. */
  redraft: boolean;
  /** A new post that starts with a mention (the ⋯ menu's "Mention"): no edit or redraft words. */
  mention?: boolean;
}

export const AppContext = createContext<AppState | null>(null);

/** The app state; only used below the signed-in shell. */
export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error("useApp outside the signed-in app");
  return s;
}
