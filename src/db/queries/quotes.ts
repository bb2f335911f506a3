/** Queries on `quotes` (a status quoting another) and the quote columns of `statuses`. */
import type { Database } from "bun:sqlite";
import { pageSql, type Page } from "../paging";
import { selectIn } from "../sql";
import type { StatusRow } from "../rows";

/** A row of the quotes table. */
export interface QuoteRow {
  id: number;
  status_id: number;
  account_id: number;
  quoted_status_id: number | null;
  quoted_account_id: number | null;
  quoted_uri: string;
  /** 'pending' | 'accepted' | 'rejected' | 'revoked'. */
  state: string;
  legacy: number;
  request_uri: string | null;
  approval_uri: string | null;
  created_at: number;
  updated_at: number;
}

/** Inserts a quote (replacing the quoting status's previous one). */
export function insertQuote(db: Database, r: Omit<QuoteRow, "updated_at">): void {
  db.query("DELETE FROM quotes WHERE status_id = ?").run(r.status_id);
  db.query(
    `INSERT INTO quotes (id, status_id, account_id, quoted_status_id, quoted_account_id, quoted_uri, state, legacy, request_uri, approval_uri, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.status_id,
    r.account_id,
    r.quoted_status_id,
    r.quoted_account_id,
    r.quoted_uri,
    r.state,
    r.legacy,
    r.request_uri,
    r.approval_uri,
    r.created_at,
    r.created_at,
  );
}

/** The quote made by status `statusId`, or null. */
export function getQuoteOfStatus(db: Database, statusId: number): QuoteRow | null {
  return db.query<QuoteRow, [number]>("SELECT * FROM quotes WHERE status_id = ?").get(statusId);
}

/** The quotes made by the statuses `statusIds`. */
export function listQuotesOfStatuses(db: Database, statusIds: readonly number[]): QuoteRow[] {
  return selectIn<QuoteRow>(db, (ph) => `SELECT * FROM quotes WHERE status_id IN (${ph})`, statusIds);
}

/** The quote whose QuoteAuthorization is `uri`, or null. */
export function getQuoteByApprovalUri(db: Database, uri: string): QuoteRow | null {
  return db.query<QuoteRow, [string]>("SELECT * FROM quotes WHERE approval_uri = ?").get(uri);
}

/** The quote whose QuoteRequest is `uri`, or null. */
export function getQuoteByRequestUri(db: Database, uri: string): QuoteRow | null {
  return db.query<QuoteRow, [string]>("SELECT * FROM quotes WHERE request_uri = ?").get(uri);
}

/** Quotes still waiting for the post at `uri` to be known (remote posts fetched later). */
export function linkQuotesToStatus(db: Database, uri: string, statusId: number, accountId: number): void {
  db.query("UPDATE quotes SET quoted_status_id = ?, quoted_account_id = ? WHERE quoted_uri = ? AND quoted_status_id IS NULL").run(
    statusId,
    accountId,
    uri,
  );
}

/** Moves quote `id` to `state` (with its authorization's id when given). */
export function setQuoteState(db: Database, id: number, state: string, at: number, approvalUri?: string | null): void {
  if (approvalUri === undefined) db.query("UPDATE quotes SET state = ?, updated_at = ? WHERE id = ?").run(state, at, id);
  else db.query("UPDATE quotes SET state = ?, approval_uri = ?, updated_at = ? WHERE id = ?").run(state, approvalUri, at, id);
}

/** Deletes the quote of status `statusId` (an edit removed it). */
export function deleteQuoteOfStatus(db: Database, statusId: number): void {
  db.query("DELETE FROM quotes WHERE status_id = ?").run(statusId);
}

/** A page of the accepted quotes of `quotedStatusId`: quoting status ids, paged by quote id (`pid`), newest first. */
export function listAcceptedQuotesPage(db: Database, quotedStatusId: number, page: Page): { pid: number; status_id: number }[] {
  const p = pageSql(page, "q.id");
  return p.finish(
    db
      .query<{ pid: number; status_id: number }, number[]>(
        `SELECT q.id AS pid, q.status_id FROM quotes q WHERE q.quoted_status_id = ? AND q.state = 'accepted'${p.where} ORDER BY ${p.order} LIMIT ?`,
      )
      .all(quotedStatusId, ...p.args, page.limit),
  );
}

/** Local accounts whose accepted quotes point at `quotedStatusId` (a `quoted_update` goes to them). */
export function listLocalQuoterIds(db: Database, quotedStatusId: number): { account_id: number; status_id: number }[] {
  return db
    .query<{ account_id: number; status_id: number }, [number]>(
      `SELECT q.account_id, q.status_id FROM quotes q JOIN accounts a ON a.id = q.account_id
       WHERE q.quoted_status_id = ? AND q.state = 'accepted' AND a.domain IS NULL`,
    )
    .all(quotedStatusId);
}

/** Sets who may quote status `id`. */
export function setStatusQuotePolicy(db: Database, id: number, policy: string, manual = "nobody"): void {
  db.query("UPDATE statuses SET quote_policy = ?1, quote_manual = ?3 WHERE id = ?2 AND (quote_policy <> ?1 OR quote_manual <> ?3)").run(
    policy,
    id,
    manual,
  );
}

/** Recounts the accepted quotes of status `id`. */
export function recountQuotes(db: Database, id: number): void {
  db.query(
    "UPDATE statuses SET quotes_count = (SELECT count(*) FROM quotes WHERE quoted_status_id = ?1 AND state = 'accepted') WHERE id = ?1",
  ).run(id);
}

/** The quoted statuses `ids`, by id. */
export function listQuotedStatusRows(db: Database, ids: readonly number[]): Map<number, StatusRow> {
  return new Map(selectIn<StatusRow>(db, (ph) => `SELECT * FROM statuses WHERE id IN (${ph})`, ids).map((r) => [r.id, r]));
}

/** The quotes `statusIds` make, as a Note states them: the quoted post's URI (null once deleted) and the stamp of an accepted quote. */
export function listNoteQuotes(
  db: Database,
  statusIds: readonly number[],
): { status_id: number; quoted_uri: string | null; approval_uri: string | null }[] {
  return selectIn(
    db,
    (ph) =>
      `SELECT q.status_id, s.uri AS quoted_uri, CASE WHEN q.state = 'accepted' THEN q.approval_uri END AS approval_uri
       FROM quotes q LEFT JOIN statuses s ON s.id = q.quoted_status_id WHERE q.status_id IN (${ph})`,
    statusIds,
  );
}

/** Quote `id`, or null. */
export function getQuote(db: Database, id: number): QuoteRow | null {
  return db.query<QuoteRow, [number]>("SELECT * FROM quotes WHERE id = ?").get(id);
}

/** Records the id of the QuoteRequest that asked for quote `id` (the remote quoter's activity). */
export function setQuoteRequestUri(db: Database, id: number, uri: string): void {
  db.query("UPDATE quotes SET request_uri = ? WHERE id = ?").run(uri, id);
}
