import { describe, expect, test } from "bun:test";
import { fromPairs, parseBody } from "../../src/http/params";
import { covers } from "../../src/model/scopes";
import { IdGenerator, parseId } from "../../src/model/ids";

describe("Rails-style params", () => {
  test("arrays, nested hashes and arrays of hashes", () => {
    const p = fromPairs([
      ["media_ids[]", "1"],
      ["media_ids[]", "2"],
      ["poll[options][]", "a"],
      ["poll[options][]", "b"],
      ["poll[expires_in]", "300"],
      ["fields_attributes[0][name]", "n0"],
      ["fields_attributes[0][value]", "v0"],
      ["fields_attributes[1][name]", "n1"],
    ]);
    expect(p).toEqual({
      media_ids: ["1", "2"],
      poll: { options: ["a", "b"], expires_in: "300" },
      fields_attributes: { "0": { name: "n0", value: "v0" }, "1": { name: "n1" } },
    });
  });
  test("prototype keys are dropped", () => {
    const p = fromPairs([
      ["__proto__[x]", "1"],
      ["a[__proto__]", "2"],
    ]);
    expect(({} as any).x).toBeUndefined();
    expect(p.a).toBeUndefined();
  });
  test("invalid JSON is a 400, deep JSON is a 400", async () => {
    const mk = (b: string) => new Request("http://x/", { method: "POST", body: b, headers: { "content-type": "application/json" } });
    await expect(parseBody(mk("{bad"), "application/json")).rejects.toMatchObject({ status: 400 });
    await expect(parseBody(mk("[".repeat(50) + "]".repeat(50)), "application/json")).rejects.toMatchObject({ status: 400 });
    await expect(parseBody(mk(`{"a":${"[".repeat(40)}${"]".repeat(40)}}`), "application/json")).rejects.toMatchObject({ status: 400 });
  });
});

describe("scopes", () => {
  test("parents cover granular scopes", () => {
    expect(covers(["read"], "read:statuses")).toBe(true);
    expect(covers(["read:accounts"], "read:statuses")).toBe(false);
    expect(covers(["follow"], "write:follows")).toBe(true);
    expect(covers(["admin:read"], "admin:read:accounts")).toBe(true);
    expect(covers(["write"], "read:statuses")).toBe(false);
  });
});

describe("ids", () => {
  test("monotonic, time-ordered, JS-safe", () => {
    let t = 1_800_000_000_000;
    const g = new IdGenerator(() => t);
    const a = g.next(),
      b = g.next();
    t += 1;
    const c = g.next();
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
    expect(Number.isSafeInteger(c)).toBe(true);
    expect(parseId(String(c))).toBe(c);
    expect(parseId("12abc")).toBeUndefined();
    expect(parseId("99999999999999999999")).toBeUndefined();
  });
});
