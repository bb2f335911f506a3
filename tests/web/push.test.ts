/**
 * Issue 16: browser push notifications. At 1280×800 a user turns push on from Settings › Push
 * notifications (permission granted, PushManager.subscribe with the server's VAPID key, the
 * subscription registered with the chosen alerts and policy), a mention makes the server send an
 * encrypted push to a push service on 127.0.0.1 that decrypts it with the subscription's keys,
 * and the decrypted message is handed to the service worker as the browser's push service would
 * (DevTools' ServiceWorker.deliverPushMessage): the worker shows it (registration.getNotifications)
 * and a click on it opens the post. Saving changes the alerts, turning off removes the
 * subscription. Headless Chromium has no push service of its own, so PushManager.subscribe is
 * answered with a subscription at that local push service (keys made by the test, as a browser
 * makes them); everything else is the real client, worker and server. The screen is checked at
 * 375×812 too, with axe in light and dark.
 */
import { afterAll, beforeAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestUser } from "../rig";
import { PushReceiver } from "../push/receiver";
import { axeViolations, closeScene, launch, newContext, shot, signIn, webTestServer } from "./browser";

setDefaultTimeout(30_000);
const { built, s } = await webTestServer();
let browser: Browser;
let rx: PushReceiver;
let ann: TestUser;
let bob: TestUser;
let ctx: BrowserContext;
let page: Page;
let endpoint = "";
const PATH = "/push/ann-browser";

beforeAll(async () => {
  if (!built) return;
  rx = new PushReceiver();
  ann = await s.createUser("ann");
  bob = await s.createUser("bob");
  await ann.client.v1.accounts.$select(bob.id).follow();
  const sub = await rx.subscribe(PATH);
  endpoint = sub.endpoint;
  browser = await launch();
  ctx = await newContext(browser, 1280, 800);
  await ctx.grantPermissions(["notifications"], { origin: s.url });
  // The browser's push service, for a browser without one: subscribe() answers a subscription at
  // the local push service, with the keys it decrypts with; the key the app passed is kept.
  await ctx.addInitScript(
    ({ endpoint, p256dh, auth }) => {
      if (!("PushManager" in self)) return;
      const bytes = (b64: string) => Uint8Array.from(atob(b64.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)).buffer;
      const w = window as any;
      // Like a real subscription, it outlives the page: kept in sessionStorage across loads.
      const make = () => ({
        endpoint,
        expirationTime: null,
        options: { applicationServerKey: bytes(sessionStorage.getItem("fakePush.key") ?? ""), userVisibleOnly: true },
        getKey: (n: string) => bytes(n === "auth" ? auth : p256dh),
        toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
        unsubscribe: async () => {
          sessionStorage.removeItem("fakePush.key");
          sessionStorage.setItem("fakePush.unsubscribed", "1");
          return true;
        },
      });
      PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
        const k = options?.applicationServerKey;
        const key = k ? new Uint8Array(k as ArrayBuffer) : new Uint8Array();
        const b64 = btoa(String.fromCharCode(...key))
          .replace(/\+/g, "-")
          .replace(/\//g, "_")
          .replace(/=+$/, "");
        w.__subscribedWith = b64;
        w.__userVisibleOnly = options?.userVisibleOnly;
        sessionStorage.setItem("fakePush.key", b64);
        return make() as unknown as PushSubscription;
      };
      PushManager.prototype.getSubscription = async () =>
        (sessionStorage.getItem("fakePush.key") !== null ? make() : null) as unknown as PushSubscription;
    },
    { endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.authB64 },
  );
  page = await ctx.newPage();
  await signIn(page, s.url, ann, "ann");
}, 60_000);

afterAll(async () => {
  await closeScene(browser, s);
  rx?.stop();
});

/** The web client's own access token (the push subscription belongs to it). */
const pageToken = () => page.evaluate(() => JSON.parse(localStorage.getItem("hearth.session")!).accessToken as string);
const getSub = async () => s.api("GET", "/api/v1/push/subscription", { token: await pageToken() });

/** Hands `data` to the page's service worker as the push service would. */
async function deliverPush(data: string): Promise<void> {
  const cdp = await ctx.newCDPSession(page);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e: any) => registrations.push(...e.registrations));
  await cdp.send("ServiceWorker.enable");
  const deadline = Date.now() + 5000;
  while (!registrations.some((r) => r.scopeURL === `${s.url}/` && !r.isDeleted) && Date.now() < deadline) await Bun.sleep(50);
  const reg = registrations.find((r) => r.scopeURL === `${s.url}/` && !r.isDeleted);
  expect(reg).toBeDefined();
  await cdp.send("ServiceWorker.deliverPushMessage", { origin: s.url, registrationId: reg!.registrationId, data });
  await cdp.detach();
}

const shown = () =>
  page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      icon: n.icon,
      data: n.data,
    })),
  );

describe.skipIf(!built)("push notifications at 1280×800", () => {
  test("turning push on subscribes with the server's key and saves the chosen alerts and policy", async () => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto(`${s.url}/settings`);
    await page.getByRole("link", { name: "Push notifications" }).click();
    await page.getByRole("heading", { name: "Push notifications", level: 1 }).waitFor();
    await page.getByText("Push notifications are off.").waitFor();
    // Choose before turning on: mentions yes, favourites no, only from people ann follows.
    await page.getByRole("checkbox", { name: "Favourites of your posts" }).uncheck();
    await page.getByRole("checkbox", { name: "New posts from people you get notified about" }).check();
    await page.getByRole("radio", { name: "People you follow" }).check();
    // Staff-only alerts are not offered to a user.
    expect(await page.getByRole("checkbox", { name: "New reports" }).count()).toBe(0);
    await shot(page, "push-settings-off-desktop");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Turn on push notifications" }).click();
    await page.getByText("Push notifications are on", { exact: false }).first().waitFor();
    const vapid = (await (await s.api("GET", "/api/v2/instance")).json()).configuration.vapid.public_key;
    expect(await page.evaluate(() => (window as any).__subscribedWith)).toBe(vapid);
    expect(await page.evaluate(() => (window as any).__userVisibleOnly)).toBe(true);

    const res = await getSub();
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved.endpoint).toBe(endpoint);
    expect(saved.standard).toBe(true);
    expect(saved.policy).toBe("followed");
    expect(saved.alerts).toMatchObject({ mention: true, favourite: false, status: true, follow: true, reblog: true });
    await shot(page, "push-settings-on-desktop");
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, "push-settings-on-desktop-dark");
    await page.emulateMedia({ colorScheme: "light" });
  });

  test("a push arrives and is shown by the service worker; a click opens the post", async () => {
    const post = await bob.client.v1.statuses.create({ status: `@ann the kettle is on` });
    // Favourites are switched off: this one makes a notification but no push.
    const own = await ann.client.v1.statuses.create({ status: "ann's own words" });
    await bob.client.v1.statuses.$select(own.id).favourite();
    await s.drain();
    expect(rx.errors).toEqual([]);
    const got = rx.at(PATH);
    expect(got.map((m) => m.payload.notification_type)).toEqual(["mention"]);
    const m = got[0]!;
    expect(m.encoding).toBe("aes128gcm");
    expect(m.payload.access_token).toBe(await pageToken());
    expect(m.payload.title).toBe("You were mentioned by bob");

    expect(await shown()).toEqual([]);
    await deliverPush(JSON.stringify(m.payload));
    let list: Awaited<ReturnType<typeof shown>> = [];
    for (let i = 0; i < 100 && list.length === 0; i++) {
      await Bun.sleep(50);
      list = await shown();
    }
    expect(list).toHaveLength(1);
    expect(list[0]!.title).toBe("You were mentioned by bob");
    expect(list[0]!.body).toBe(m.payload.body);
    expect(list[0]!.body).toContain("the kettle is on");
    expect(list[0]!.tag).toBe(`notification-${m.payload.notification_id}`);
    expect(list[0]!.icon).toBe(m.payload.icon);
    expect(list[0]!.data).toMatchObject({ id: m.payload.notification_id, type: "mention" });

    // A click on the notification (dispatched in the worker: headless Chromium has no screen to
    // click on) asks the API which post it is about and brings the open window there.
    const sw = ctx.serviceWorkers().find((w) => w.url().endsWith("/sw.js"));
    expect(sw).toBeDefined();
    await page.goto(`${s.url}/home`);
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await sw!.evaluate(async () => {
      const [n] = await (self as any).registration.getNotifications();
      try {
        self.dispatchEvent(new (self as any).NotificationEvent("notificationclick", { notification: n }));
      } catch {
        // waitUntil refuses a synthetic event; the handler's work has started by then.
      }
    });
    await page.waitForURL(`${s.url}/statuses/${post.id}`);
    await page.locator("article.status", { hasText: "the kettle is on" }).first().waitFor();
    expect((await shown()).length).toBe(0);
  });

  test("saving changes the alerts; turning off removes the subscription", async () => {
    await page.goto(`${s.url}/settings/notifications`);
    await page.getByText("Push notifications are on", { exact: false }).first().waitFor();
    expect(await page.getByRole("checkbox", { name: "Favourites of your posts" }).isChecked()).toBe(false);
    expect(await page.getByRole("radio", { name: "People you follow" }).isChecked()).toBe(true);
    await page.getByRole("checkbox", { name: "Favourites of your posts" }).check();
    await page.getByRole("checkbox", { name: "Mentions and replies" }).uncheck();
    await page.getByRole("radio", { name: "Anyone" }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved", { exact: true }).waitFor();
    const saved = await (await getSub()).json();
    expect(saved.endpoint).toBe(endpoint);
    expect(saved.policy).toBe("all");
    expect(saved.alerts).toMatchObject({ favourite: true, mention: false, status: true });

    await page.getByRole("button", { name: "Turn off push notifications" }).click();
    await page.getByText("Push notifications are off.").waitFor();
    expect((await getSub()).status).toBe(404);
    expect(s.count("web_push_subscriptions")).toBe(0);
    expect(await page.evaluate(() => sessionStorage.getItem("fakePush.unsubscribed"))).toBe("1");
    // The worker's copy of the token goes with it.
    expect(await page.evaluate(async () => (await caches.keys()).includes("hearth-push"))).toBe(false);
  });

  test("when the push service changes the subscription, the worker subscribes again with the same key and registers it, keeping the alerts", async () => {
    await page.goto(`${s.url}/settings/notifications`);
    await page.getByRole("button", { name: "Turn on push notifications" }).click();
    await page.getByText("Push notifications are on", { exact: false }).first().waitFor();
    const before = await (await getSub()).json();
    expect(before.endpoint).toBe(endpoint);
    const vapid = (await (await s.api("GET", "/api/v2/instance")).json()).configuration.vapid.public_key;
    const RENEWED = "/push/ann-renewed";
    const renewed = await rx.subscribe(RENEWED);
    const sw = ctx.serviceWorkers().find((w) => w.url().endsWith("/sw.js"));
    expect(sw).toBeDefined();
    // The real sw.js handles a pushsubscriptionchange dispatched in the worker (Chromium never fires
    // one itself). Its PushManager is answered like the page's: a subscription at the local push
    // service, recording the key and options it was asked for.
    await sw!.evaluate(
      ({ endpoint, p256dh, auth, vapid }) => {
        const g = self as any;
        const bytes = (b64: string) => Uint8Array.from(atob(b64.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
        const b64 = (k: ArrayBuffer | ArrayBufferView) =>
          btoa(String.fromCharCode(...new Uint8Array(k instanceof ArrayBuffer ? k : k.buffer)))
            .replace(/\+/g, "-")
            .replace(/\//g, "_")
            .replace(/=+$/, "");
        g.PushManager.prototype.subscribe = async function (o: any) {
          g.__renewedWith = b64(o.applicationServerKey);
          g.__userVisibleOnly = o.userVisibleOnly;
          return { endpoint, options: o, toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }) };
        };
        const ev = new g.ExtendableEvent("pushsubscriptionchange");
        Object.defineProperty(ev, "oldSubscription", {
          value: { endpoint: "gone", options: { applicationServerKey: bytes(vapid).buffer } },
        });
        Object.defineProperty(ev, "newSubscription", { value: null });
        self.dispatchEvent(ev);
      },
      { endpoint: renewed.endpoint, p256dh: renewed.keys.p256dh, auth: renewed.keys.authB64, vapid },
    );
    let now = before;
    for (let i = 0; i < 100 && now.endpoint !== renewed.endpoint; i++) {
      await Bun.sleep(50);
      now = await (await getSub()).json();
    }
    expect(now.endpoint).toBe(renewed.endpoint);
    expect([now.alerts, now.policy, now.standard]).toEqual([before.alerts, before.policy, true]);
    expect(await sw!.evaluate(() => [(self as any).__renewedWith, (self as any).__userVisibleOnly])).toEqual([vapid, true]);
    // Pushes now go to the new subscription, encrypted with its keys (favourites are on since the last test).
    const own = await ann.client.v1.statuses.create({ status: "ann's renewed words" });
    await bob.client.v1.statuses.$select(own.id).favourite();
    await s.drain();
    expect(rx.errors).toEqual([]);
    expect(rx.at(RENEWED).map((m) => m.payload.notification_type)).toEqual(["favourite"]);
  });
});

describe.skipIf(!built)("push settings at 375×812", () => {
  test("fits the phone, axe-clean in light and dark; staff are offered sign-up and report alerts", async () => {
    const boss = await s.createUser("boss", { role: "admin" });
    const phone = await newContext(browser, 375, 812);
    const p = await phone.newPage();
    await signIn(p, s.url, boss, "boss");
    await p.goto(`${s.url}/settings/notifications`);
    await p.getByRole("button", { name: "Turn on push notifications" }).waitFor();
    expect(await p.getByRole("checkbox", { name: "New sign-ups" }).isChecked()).toBe(true);
    expect(await p.getByRole("checkbox", { name: "New reports" }).isChecked()).toBe(true);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const box = await p.getByRole("button", { name: "Turn on push notifications" }).boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    await shot(p, "push-settings-phone");
    expect(await axeViolations(p)).toEqual([]);
    await p.emulateMedia({ colorScheme: "dark" });
    expect(await axeViolations(p)).toEqual([]);
    await shot(p, "push-settings-phone-dark");
    await phone.close();
  });
});
