/** Shared setup for poll tests: a status with a poll, made through the API plus the poll service. */
import { expect } from "bun:test";
import type { TestServer, TestUser } from "../../../rig";
import { createPollForStatus } from "../../../../src/services/polls/create";

/** Posts a status by `u` and attaches a poll (raw `poll` params); returns status and poll ids. */
export async function postPoll(
  s: TestServer,
  u: TestUser,
  poll: Record<string, unknown>,
  status: Record<string, unknown> = {},
): Promise<{ statusId: string; pollId: string }> {
  const r = await s.api("POST", "/api/v1/statuses", { token: u.token, json: { status: "Which one?", ...status } });
  expect(r.status).toBe(200);
  const statusId = ((await r.json()) as { id: string }).id;
  const pollId = s.ctx.db.transaction(() => createPollForStatus(s.ctx, Number(statusId), u.account.id, poll)).immediate();
  return { statusId, pollId: String(pollId) };
}

/** Creates users in parallel (password hashing is slow), typed as a tuple. */
export async function makeUsers<const N extends readonly string[]>(s: TestServer, names: N): Promise<{ [K in keyof N]: TestUser }> {
  return (await Promise.all(names.map((n) => s.createUser(n)))) as { [K in keyof N]: TestUser };
}
