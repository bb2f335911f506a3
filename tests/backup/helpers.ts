/** Helpers for backup tests: the CLI as a child process, hashes of files, a database opened read-only. */
import { Database } from "bun:sqlite";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

/** Runs `bun src/main.ts <args>` with `env` added; resolves with the exit code and output. */
export async function hearth(args: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  const p = Bun.spawn(["node_modules/.bin/bun", "src/main.ts", ...args], {
    env: { ...process.env, LOG_LEVEL: "error", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { code, out, err };
}

/** SHA-256 of a file, hex. */
export const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

/** Row counts of every table of the database file at `path`. */
export function rowCounts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, number> = {};
    for (const { name } of db
      .query<{ name: string }, []>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all())
      out[name] = db.query<{ n: number }, []>(`SELECT count(*) AS n FROM "${name}"`).get()!.n;
    return out;
  } finally {
    db.close();
  }
}

/** Runs `fn` on the database file at `path` opened read-only. */
export function withDb<T>(path: string, fn: (db: Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
