import { describe, expect, test } from "bun:test";
import { IdleMemory } from "./idle-memory";

function setup() {
  let t = 1_000;
  const idle = new IdleMemory({ idleMs: 100, reclaim: () => {}, now: () => t });
  return { idle, advance: (ms: number) => (t += ms) };
}

describe("IdleMemory", () => {
  test("reclaims after the quiet time, again after twice it, then waits for a request", async () => {
    const { idle, advance } = setup();
    const handle = idle.wrap()(() => new Response("ok"));
    await handle(new Request("http://x/"));
    advance(99);
    expect(idle.tick()).toBe(false);
    advance(1);
    expect(idle.tick()).toBe(true);
    advance(50);
    expect(idle.tick()).toBe(false);
    advance(50);
    expect(idle.tick()).toBe(true);
    advance(10_000);
    expect(idle.tick()).toBe(false);
    expect(idle.reclaims).toBe(2);
    // A request starts a new quiet spell.
    await handle(new Request("http://x/"));
    advance(100);
    expect(idle.tick()).toBe(true);
    expect(idle.reclaims).toBe(3);
  });

  test("never reclaims while a request is in flight, however long it takes", async () => {
    const { idle, advance } = setup();
    let release = () => {};
    const seen: boolean[] = [];
    const handle = idle.wrap()(async () => {
      advance(10_000);
      seen.push(idle.tick());
      await new Promise<void>((r) => (release = r));
      return new Response("slow");
    });
    const pending = handle(new Request("http://x/"));
    advance(10_000);
    seen.push(idle.tick());
    release();
    await pending;
    expect(seen).toEqual([false, false]);
    expect(idle.reclaims).toBe(0);
    // The quiet time counts from the end of the request.
    advance(99);
    expect(idle.tick()).toBe(false);
    advance(1);
    expect(idle.tick()).toBe(true);
  });

  test("a failing request still ends its in-flight count", async () => {
    const { idle, advance } = setup();
    const handle = idle.wrap()(() => {
      throw new Error("boom");
    });
    await expect(handle(new Request("http://x/"))).rejects.toThrow("boom");
    advance(100);
    expect(idle.tick()).toBe(true);
  });
});
