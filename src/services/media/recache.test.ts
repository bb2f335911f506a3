import { describe, expect, test } from "bun:test";
import { noteFailure, RECACHE_RETRY_MS } from "./recache";

describe("noteFailure", () => {
  test("remembers each id once, at its latest failure", () => {
    const m = new Map<number, number>();
    noteFailure(m, 1, 100, 3);
    noteFailure(m, 1, 200, 3);
    expect([...m]).toEqual([[1, 200]]);
  });

  test("when full, expired failures go first, then the oldest; never more than max", () => {
    const m = new Map<number, number>();
    noteFailure(m, 1, 0, 3); // expires at RECACHE_RETRY_MS
    noteFailure(m, 2, RECACHE_RETRY_MS - 10, 3);
    noteFailure(m, 3, RECACHE_RETRY_MS - 5, 3);
    noteFailure(m, 4, RECACHE_RETRY_MS, 3);
    expect([...m.keys()]).toEqual([2, 3, 4]); // only 1 had expired
    noteFailure(m, 5, RECACHE_RETRY_MS + 1, 3);
    expect([...m.keys()]).toEqual([3, 4, 5]); // none expired: the oldest (2) went
    for (let id = 6; id < 1000; id++) noteFailure(m, id, RECACHE_RETRY_MS + id, 3);
    expect(m.size).toBe(3);
    expect([...m.keys()]).toEqual([997, 998, 999]);
  });
});
