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

  test("background work (a batch of jobs) starts a new quiet spell, as a request does", async () => {
    const { idle, advance } = setup();
    advance(100);
    expect(idle.tick()).toBe(true);
    advance(100);
    expect(idle.tick()).toBe(true);
    advance(10_000);
    expect(idle.tick()).toBe(false);
    // A cron job runs long after the last request: its garbage is reclaimed after it, twice.
    idle.activity();
    advance(99);
    expect(idle.tick()).toBe(false);
    advance(1);
    expect(idle.tick()).toBe(true);
    advance(100);
    expect(idle.tick()).toBe(true);
    expect(idle.reclaims).toBe(4);
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

  test("while requests keep coming, collects every busyEveryMs (even with one in flight), never when none came", async () => {
    let t = 1_000;
    let collected = 0;
    const idle = new IdleMemory({
      idleMs: 60_000,
      busyEveryMs: 1_000,
      busyGrowthBytes: 0,
      collect: () => collected++,
      reclaim: () => {},
      now: () => t,
    });
    expect(idle.tick()).toBe(false);
    t += 5_000;
    idle.tick();
    expect(collected).toBe(0); // no request yet
    let release = () => {};
    const handle = idle.wrap()(async () => {
      await new Promise<void>((r) => (release = r));
      return new Response("slow");
    });
    const pending = handle(new Request("http://x/"));
    t += 999;
    idle.tick();
    expect(collected).toBe(1); // requests came and the last collection was long ago
    t += 999;
    idle.tick();
    expect(collected).toBe(1); // too soon
    t += 1;
    idle.tick();
    expect(collected).toBe(1); // no request started since the last collection
    release();
    await pending;
    await idle.wrap()(() => new Response("quick"))(new Request("http://x/"));
    t += 1;
    expect(idle.tick()).toBe(false); // the idle reclaim waits for its quiet time
    expect(collected).toBe(2);
    expect(idle.collects).toBe(2);
    expect(idle.reclaims).toBe(0);
  });

  test("without busyEveryMs nothing runs under load", async () => {
    const { idle, advance } = setup();
    const handle = idle.wrap()(() => new Response("ok"));
    for (let i = 0; i < 20; i++) {
      await handle(new Request("http://x/"));
      advance(50);
      expect(idle.tick()).toBe(false);
    }
    expect(idle.collects).toBe(0);
  });

  test("under load, collects as soon as RSS grew busyGrowthBytes past what the last collection left", async () => {
    let t = 1_000;
    let rss = 100;
    const collectedAt: number[] = [];
    const idle = new IdleMemory({
      idleMs: 60_000,
      busyEveryMs: 10_000,
      busyGrowthBytes: 20,
      rss: () => rss,
      collect: () => {
        collectedAt.push(rss);
        rss -= 15; // the collection gives back 15 of the 20
      },
      reclaim: () => {
        rss = 90;
      },
      now: () => t,
    });
    const handle = idle.wrap()(() => new Response("ok"));
    await handle(new Request("http://x/"));
    t += 1_000;
    rss = 119;
    idle.tick();
    expect(collectedAt).toEqual([]); // 19 above the start: not yet
    rss = 120;
    idle.tick();
    expect(collectedAt).toEqual([120]); // 20 above: long before busyEveryMs
    // The next one counts from what the collection left (105), and only if requests came.
    rss = 124;
    t += 1_000;
    idle.tick();
    rss = 130;
    idle.tick();
    expect(collectedAt).toEqual([120]);
    await handle(new Request("http://x/"));
    rss = 124;
    idle.tick();
    expect(collectedAt).toEqual([120]);
    rss = 125;
    idle.tick();
    expect(collectedAt).toEqual([120, 125]);
    // An idle reclaim is a full collection too: both the period and the baseline (90) count from it.
    t += 60_000;
    expect(idle.tick()).toBe(true);
    await handle(new Request("http://x/"));
    rss = 109;
    idle.tick();
    expect(collectedAt).toEqual([120, 125]);
    rss = 110;
    idle.tick();
    expect(collectedAt).toEqual([120, 125, 110]);
    expect(idle.collects).toBe(3);
  });

  test("busyGrowthBytes 0 keeps the fixed period alone", async () => {
    let t = 1_000;
    let rss = 100;
    let collected = 0;
    const idle = new IdleMemory({
      idleMs: 60_000,
      busyEveryMs: 10_000,
      busyGrowthBytes: 0,
      rss: () => rss,
      collect: () => collected++,
      reclaim: () => {},
      now: () => t,
    });
    await idle.wrap()(() => new Response("ok"))(new Request("http://x/"));
    rss = 10_000;
    t += 9_999;
    idle.tick();
    expect(collected).toBe(0);
    t += 1;
    idle.tick();
    expect(collected).toBe(1);
  });
});
