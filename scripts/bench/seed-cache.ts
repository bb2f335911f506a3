/**
 * The cached benchmark databases under .bench/: the base data set of seed.ts (the same cache
 * directory http.ts uses: one key per schema, seed script and size) and databases derived from
 * it by extra seed steps, each cached in its own directory keyed by the base key and the
 * step's script, so a changed step never reseeds the million statuses.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MIGRATIONS } from "../../src/db/migration-files";
import { BENCH, LOCAL_DOMAIN } from "./lib";
import { seed, type SeedResult } from "./seed";

/** Size of the base data set (the knobs http.ts reads too). */
export interface BaseSize {
  statuses: number;
  accounts: number;
  follows: number;
}

/** A cached database file and what its seeding returned. */
export interface CachedDb<M> {
  path: string;
  key: string;
  meta: M;
}

/** The cache key of the base data set: the one http.ts computes, so both share one seed. */
export function baseKey(size: BaseSize): string {
  return createHash("sha256")
    .update(MIGRATIONS.map((m) => m.sql).join("\n"))
    .update(readFileSync(join(import.meta.dir, "seed.ts")))
    .update(JSON.stringify([size.statuses, size.accounts, size.follows]))
    .digest("hex")
    .slice(0, 12);
}

/**
 * Seeds the base data set once per key (as http.ts does, dropping stale seeds of the same
 * `name`) and returns it. A data set of another size takes its own `name` (e.g. "perf10k") so
 * that seeding one does not delete the other.
 */
export async function baseDb(size: BaseSize, name = "seed"): Promise<CachedDb<SeedResult>> {
  mkdirSync(BENCH, { recursive: true });
  const key = baseKey(size);
  const dir = join(BENCH, `${name}-${key}`);
  if (existsSync(join(dir, "seed.json"))) {
    console.log(`using cached seed ${dir}`);
    return { path: join(dir, "hearth.sqlite"), key, meta: JSON.parse(readFileSync(join(dir, "seed.json"), "utf8")) };
  }
  for (const old of readdirSync(BENCH))
    if (old.startsWith(`${name}-`) || old.startsWith(`${name}ing-`)) rmSync(join(BENCH, old), { recursive: true, force: true });
  const tmp = join(BENCH, `${name}ing-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  console.log(
    `seeding ${size.statuses.toLocaleString("en")} statuses from ${size.accounts.toLocaleString("en")} accounts (once; cached in .bench/)`,
  );
  const t = performance.now();
  const meta = await seed({ dataDir: tmp, localDomain: LOCAL_DOMAIN, ...size, log: (m) => console.log(m) });
  writeFileSync(join(tmp, "seed.json"), JSON.stringify(meta));
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { path: join(dir, "hearth.sqlite"), key, meta };
}

/**
 * A database derived from `base` by `step` (run on a copy in a data directory of its own),
 * cached in .bench/<name>-<key>/ where the key covers the base key and `scriptFile`; older
 * copies of the same name are removed. `step` returns the metadata to keep next to it.
 */
export async function derivedDb<M>(
  name: string,
  base: CachedDb<unknown>,
  scriptFile: string,
  step: (dataDir: string) => Promise<M>,
): Promise<CachedDb<M>> {
  const key = createHash("sha256").update(base.key).update(readFileSync(scriptFile)).digest("hex").slice(0, 12);
  const dir = join(BENCH, `${name}-${key}`);
  if (existsSync(join(dir, "meta.json"))) {
    console.log(`using cached ${name} seed ${dir}`);
    return { path: join(dir, "hearth.sqlite"), key, meta: JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) };
  }
  const prefix = `${name}-`;
  for (const old of readdirSync(BENCH))
    if (old.startsWith(prefix) || old.startsWith(`${name}ing-`)) rmSync(join(BENCH, old), { recursive: true, force: true });
  const tmp = join(BENCH, `${name}ing-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  copyFileSync(base.path, join(tmp, "hearth.sqlite"));
  const t = performance.now();
  const meta = await step(tmp);
  writeFileSync(join(tmp, "meta.json"), JSON.stringify(meta));
  renameSync(tmp, dir);
  console.log(`${name} seed added in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { path: join(dir, "hearth.sqlite"), key, meta };
}
