/**
 * PATCH /api/v1/accounts/update_credentials reads parameters as Mastodon's strong parameters
 * do: `permit(:display_name, …, fields_attributes: [:name, :value])` drops a value of the wrong
 * shape (a scalar for fields_attributes, a list or hash for a scalar) instead of refusing the
 * request; a blank `source` is skipped, a scalar `source` stays refused.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { startTestServer, type TestServer, type TestUser } from "../../../rig";

let s: TestServer;
let carol: TestUser;

beforeAll(async () => {
  s = await startTestServer();
  carol = await s.createUser("carol");
}, 30_000);
afterAll(() => s.stop());

const PROFILE = "display_name, note_source, fields, locked, bot, discoverable, indexable, hide_collections, avatar_path, header_path";
const profile = () => s.ctx.db.query<Record<string, unknown>, [string]>(`SELECT ${PROFILE} FROM accounts WHERE id = ?`).get(carol.id)!;
const settings = () =>
  s.ctx.db.query<{ settings: string }, [string]>("SELECT settings FROM users WHERE account_id = ?").get(carol.id)!.settings;

function patch(opts: { json?: unknown; form?: Record<string, string> }): Promise<Response> {
  return s.api("PATCH", "/api/v1/accounts/update_credentials", { token: carol.token, ...opts });
}

async function fieldNames(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  return ((await res.json()) as { fields: { name: string }[] }).fields.map((f) => f.name);
}

test("a fields_attributes that is not a list or hash is dropped: 200, fields unchanged", async () => {
  expect(await fieldNames(await patch({ json: { fields_attributes: [{ name: "Web", value: "https://carol.example" }] } }))).toEqual([
    "Web",
  ]);
  const before = profile();
  for (const json of [{ fields_attributes: "oops" }, { fields_attributes: 42 }, { fields_attributes: true }]) {
    expect({ json, names: await fieldNames(await patch({ json })) }).toEqual({ json, names: ["Web"] });
  }
  expect(await fieldNames(await patch({ form: { fields_attributes: "oops" } }))).toEqual(["Web"]);
  expect(profile()).toEqual(before);
  // The rest of the request still applies.
  const r = await patch({ json: { fields_attributes: "oops", display_name: "Carol C" } });
  expect(await fieldNames(r.clone())).toEqual(["Web"]);
  expect(((await r.json()) as { display_name: string }).display_name).toBe("Carol C");
});

test("in a list, entries that are not hashes are dropped, as are non-scalar values", async () => {
  const names = await fieldNames(await patch({ json: { fields_attributes: ["junk", { name: "Pronouns", value: "she/her" }, 3, ["x"]] } }));
  expect(names).toEqual(["Pronouns"]);
  const odd = await patch({
    json: {
      fields_attributes: [
        { name: "Ok", value: ["a"] },
        { name: "Also", value: "fine", extra: { x: 1 } },
      ],
    },
  });
  const fields = ((await odd.json()) as { fields: { name: string; value: string }[] }).fields;
  expect(fields.map((f) => [f.name, f.value])).toEqual([
    ["Ok", ""],
    ["Also", "fine"],
  ]);
});

test("a list or hash where a scalar or file belongs is dropped; a wrong scalar is still refused", async () => {
  await patch({ json: { display_name: "Carol", note: "bio", locked: false, bot: false } });
  const before = profile();
  const r = await patch({
    json: { display_name: ["a"], note: { x: 1 }, locked: ["true"], bot: { v: true }, discoverable: [], avatar: { x: 1 }, header: ["h"] },
  });
  expect(r.status).toBe(200);
  expect(profile()).toEqual(before);
  const f = await patch({ form: { "display_name[]": "x", "locked[x]": "1", "avatar[x]": "1", indexable: "true" } });
  expect(f.status).toBe(200);
  expect(profile()).toEqual({ ...before, indexable: 1 });
  // Scalars of the wrong kind are not a shape question: still 422, nothing written.
  expect((await patch({ json: { locked: "maybe" } })).status).toBe(422);
  expect((await patch({ json: { avatar: "not a file" } })).status).toBe(422);
  expect(profile()).toEqual({ ...before, indexable: 1 });
});

test("source: blank is skipped, a hash applies, a scalar or list is refused, a hash as privacy is refused", async () => {
  const before = settings();
  for (const source of [null, "", []]) expect((await patch({ json: { source, display_name: "Carol" } })).status).toBe(200);
  expect((await patch({ form: { source: "" } })).status).toBe(200);
  expect(settings()).toBe(before);
  expect((await patch({ json: { source: "public" } })).status).toBe(422);
  expect((await patch({ json: { source: ["public"] } })).status).toBe(422);
  expect((await patch({ form: { "source[privacy][x]": "public" } })).status).toBe(422);
  expect(settings()).toBe(before);
  const ok = await patch({ form: { "source[privacy]": "unlisted" } });
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { source: { privacy: string } }).source.privacy).toBe("unlisted");
});
