/**
 * Helpers for end-to-end federation tests: settle several Hearth servers (and Fedify peers)
 * until nothing is queued, resolve remote accounts/statuses through each side's client API.
 */
import type { mastodon } from "masto";
import type { TestServer, TestUser } from "../rig";
import type { Peer } from "../peers/fedify-peer";
import { busyJobs, drainAll } from "../rig/drain";

/**
 * Drains every server and waits for every peer, repeatedly, until all are quiet three rounds
 * in a row (bounded): the rig's drainAll. Throws with the pending jobs when it does not settle in `ms`.
 */
export async function settle(servers: TestServer[], peers: Peer[] = [], ms = 8000): Promise<void> {
  await drainAll(servers, {
    peers,
    done: (ran) => ran === 0 && !servers.some((s) => busyJobs(s) > 0) && peers.every((p) => p.idle()),
    quietRounds: 3,
    pauseMs: { busy: 5, quiet: 15 },
    maxMs: ms,
    onTimeout: "throw",
    describe: () => {
      const pending = servers.flatMap((s) => s.ctx.db.query("SELECT kind, attempts, last_error FROM jobs").all());
      return `federation did not settle in ${ms} ms: ${JSON.stringify(pending).slice(0, 1500)}`;
    },
  });
}

/** Failed deliveries/inbox jobs left for a later retry (handy in assertion messages). */
export function failedJobs(s: TestServer): { kind: string; last_error: string }[] {
  return s.ctx.db.query<{ kind: string; last_error: string }, []>("SELECT kind, last_error FROM jobs WHERE last_error IS NOT NULL").all();
}

/** Resolves `user@host` (or an actor URL) on `user`'s server through /api/v2/search?resolve=true. */
export async function resolveAccount(s: TestServer, user: TestUser, handleOrUrl: string): Promise<mastodon.v1.Account> {
  const q = handleOrUrl.replace(/^@/, "");
  const r = await user.client.v2.search.list({ q, resolve: true, type: "accounts" });
  const hit = r.accounts.find((a) => a.acct.toLowerCase() === q.toLowerCase() || a.url === q || (a as any).uri === q);
  if (!hit)
    throw new Error(
      `${s.domain}: /api/v2/search?resolve=true did not find ${q} (got ${r.accounts.map((a) => a.acct).join(", ") || "nothing"})`,
    );
  return hit;
}

/** The local id on server `s` of the status with ActivityPub id `uri`, or null. */
export function statusIdByUri(s: TestServer, uri: string): string | null {
  const r = s.ctx.db.query<{ id: number }, [string]>("SELECT id FROM statuses WHERE uri = ?").get(uri);
  return r ? String(r.id) : null;
}

/** The ActivityPub id of a local status (what the other side stores as `uri`). */
export function uriOf(s: TestServer, statusId: string): string {
  return s.ctx.db.query<{ uri: string }, [number]>("SELECT uri FROM statuses WHERE id = ?").get(Number(statusId))!.uri;
}

/** The local id on server `s` of the account with actor id `uri`, or null. */
export function accountIdByUri(s: TestServer, uri: string): string | null {
  const r = s.ctx.db.query<{ id: number }, [string]>("SELECT id FROM accounts WHERE uri = ?").get(uri);
  return r ? String(r.id) : null;
}

/** `user@host` handle of a local user on server `s`. */
export function handleOf(s: TestServer, u: TestUser): string {
  return `${u.account.username}@${s.domain}`;
}

/** Whether account row `a` follows `b` on server `s` (ids local to `s`). */
export function followsRow(s: TestServer, a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return s.count("follows", "account_id = ? AND target_account_id = ?", Number(a), Number(b)) === 1;
}

/** Runs `hearth admin …` against a server's context with its console output captured; returns [exit code, output]. */
export async function runCli(s: TestServer, args: string[]): Promise<[number, string]> {
  const { runAdmin } = await import("../../src/cli/admin");
  const out: string[] = [];
  const log = console.log,
    err = console.error;
  console.log = (...a: unknown[]) => {
    out.push(a.join(" "));
  };
  console.error = (...a: unknown[]) => {
    out.push(a.join(" "));
  };
  try {
    return [await runAdmin(s.ctx, args), out.join("\n")];
  } finally {
    console.log = log;
    console.error = err;
  }
}
