/**
 * Snowflake-style ids: milliseconds since the Unix epoch times 1024 plus a sequence.
 * They sort by creation time, fit in a JS number until the year 2248, and are sent to
 * clients as decimal strings.
 */
export const SEQ = 1024;

/** Generates ids; monotonic within one process even when the clock stalls. */
export class IdGenerator {
  private last = 0;
  constructor(private now: () => number = Date.now) {}

  /** A new id for "now", strictly greater than any id this generator returned before. */
  next(): number {
    let id = this.now() * SEQ;
    if (id <= this.last) id = this.last + 1;
    this.last = id;
    return id;
  }

  /** An id for a past time (remote posts keep their published order); random low bits. */
  at(ms: number): number {
    return ms * SEQ + Math.floor(Math.random() * SEQ);
  }
}

/** The creation time encoded in an id. */
export function idToTime(id: number): number {
  return Math.floor(id / SEQ);
}

/** Parses a client-supplied id string; undefined unless it is a plain positive integer. */
export function parseId(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v !== "string" || !/^\d{1,16}$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
