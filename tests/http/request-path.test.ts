/**
 * The shortcuts the per-request code takes instead of parsing again: requestPath against
 * `new URL(url).pathname`, plain query keys against the Rails-style parser, and covers() on a
 * Set against covers() on a list.
 */
import { describe, expect, test } from "bun:test";
import { requestPath } from "../../src/http/path";
import { assignParam, fromPairs, type Params } from "../../src/http/params";
import { covers } from "../../src/model/scopes";

describe("requestPath", () => {
  test("is the URL's pathname for every URL a Request can carry", () => {
    const urls = [
      "http://h",
      "http://h/",
      "http://127.0.0.1:3000/api/v1/markers",
      "http://127.0.0.1:3000/api/v1/timelines/home?limit=20&max_id=5",
      "http://h/a#frag",
      "http://h/a?b#c",
      "http://h/a#c?b",
      "https://u:p@h:8443/x/y/?q=/z",
      "http://[::1]:3000/@alice/1?x",
      "http://h/%ff/%00/a b/é",
      "http://h//double//slashes",
      "http://h/a/../b/./c",
      "http://h/@name@other.example/123/embed",
      "http://h?only=query",
    ];
    for (const u of urls) {
      const url = new Request(u).url;
      expect([u, requestPath(url)]).toEqual([u, new URL(url).pathname]);
    }
  });
});

describe("plain query keys", () => {
  test("are set as the Rails-style parser would set them", () => {
    const keys = ["limit", "", "a]b", "max_id", "__proto__", "constructor", "prototype", "x.y", "with space", "]"];
    for (const k of keys) {
      const fast: Params = {};
      assignParam(fast, k, "v");
      // What the full parser (splitKey) did with a key without brackets: set it flat, unless it is a prototype key.
      expect(Object.getPrototypeOf(fast)).toBe(Object.prototype);
      expect(fast).toEqual(["__proto__", "constructor", "prototype"].includes(k) ? {} : { [k]: "v" });
    }
    expect(fromPairs(new URLSearchParams("limit=20&limit=40&local=true&a[]=1"))).toEqual({ limit: "40", local: "true", a: ["1"] });
  });
});

describe("covers", () => {
  test("a Set and a list of the same scopes give the same answers", () => {
    const granted = ["read", "write:statuses", "follow", "admin:read"];
    for (const needed of [
      "read:statuses",
      "write:statuses",
      "write:favourites",
      "read:blocks",
      "admin:read:accounts",
      "admin:write",
      "push",
    ])
      expect(covers(new Set(granted), needed)).toBe(covers(granted, needed));
  });
});
