import { describe, expect, test } from "bun:test";
import { addLive, addPage, addSingles, EMPTY, newerId } from "../../web/src/screens/notifications-model";

const acct = (id: string) => ({ id, username: `u${id}`, acct: `u${id}` }) as any;
const page = (groups: any[], accounts = ["1", "2", "3"]) =>
  ({ accounts: accounts.map(acct), statuses: [{ id: "50" } as any], notificationGroups: groups }) as any;
const fav = {
  groupKey: "favourite-50-1",
  type: "favourite",
  notificationsCount: 2,
  mostRecentNotificationId: "200",
  sampleAccountIds: ["2", "1"],
  statusId: "50",
  latestPageNotificationAt: "2024-01-01T00:00:00.000Z",
};
const note = (id: string, from: string, groupKey: string, type = "favourite") =>
  ({ id, type, groupKey, createdAt: "2024-01-02T00:00:00.000Z", account: acct(from), status: { id: "50" } }) as any;

describe("web notifications model", () => {
  test("pages append groups once; a group seen again keeps its first version", () => {
    let s = addPage(EMPTY, page([fav]));
    s = addPage(
      s,
      page([
        { ...fav, notificationsCount: 1, sampleAccountIds: ["1"] },
        { ...fav, groupKey: "follow-1", type: "follow", statusId: undefined },
      ]),
    );
    expect(s.groups.map((g) => `${g.key}:${g.count}`)).toEqual(["favourite-50-1:2", "follow-1:2"]);
    expect(Object.keys(s.accounts).sort()).toEqual(["1", "2", "3"]);
    expect(s.statuses["50"]).toBeDefined();
  });

  test("live notifications join their group at the top, or start one; old or repeated ones are ignored", () => {
    let s = addPage(EMPTY, page([{ ...fav, groupKey: "follow-1", type: "follow", mostRecentNotificationId: "300" }, fav]));
    s = addLive(s, note("400", "3", "favourite-50-1"), true);
    expect(s.groups.map((g) => `${g.key}:${g.count}`)).toEqual(["favourite-50-1:3", "follow-1:2"]);
    expect(s.groups[0]!.accountIds).toEqual(["3", "2", "1"]);
    expect(addLive(s, note("400", "3", "favourite-50-1"), true)).toBe(s);
    s = addLive(s, note("500", "2", "ungrouped-500", "mention"), true);
    expect(s.groups[0]).toMatchObject({ key: "ungrouped-500", count: 1, type: "mention" });
    // without grouping every notification is its own row
    expect(addLive(EMPTY, note("600", "1", "favourite-50-1"), false).groups[0]!.key).toBe("ungrouped-600");
    const many = Array.from({ length: 10 }, (_, i) => String(i + 10));
    let big = addPage(EMPTY, page([{ ...fav, sampleAccountIds: many.slice(0, 8) }]));
    big = addLive(big, note("900", "99", "favourite-50-1"), true);
    expect(big.groups[0]!.accountIds).toHaveLength(8);
    expect(big.groups[0]!.accountIds[0]).toBe("99");
  });

  test("v1 notifications become single groups; ids compare as numbers", () => {
    const s = addSingles(EMPTY, [note("7", "1", "favourite-50-1"), note("8", "2", "follow-1", "follow")]);
    expect(s.groups.map((g) => g.key)).toEqual(["ungrouped-7", "ungrouped-8"]);
    expect(newerId("100", "99")).toBe(true);
    expect(newerId("99", "100")).toBe(false);
    expect(newerId("5", "5")).toBe(false);
  });
});
