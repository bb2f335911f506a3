/** The command the first-run hints print: the way this process was started, pasteable into a shell. */
import { afterAll, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needsCwd, selfCommand, shellWord, type Invocation } from "../../../src/config/invocation";

const root = mkdtempSync(join(tmpdir(), "hearth-invocation-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const checkout = join(root, "my hearth");
mkdirSync(join(checkout, "dist"), { recursive: true });
writeFileSync(join(checkout, "dist/hearth"), "");
const bin = join(root, "bin");
mkdirSync(bin);
writeFileSync(join(bin, "hearth"), "");
chmodSync(join(bin, "hearth"), 0o755);

const base: Invocation = {
  execPath: join(checkout, "dist/hearth"),
  script: null,
  cwd: checkout,
  path: "/usr/bin:/bin",
  dataDir: join(checkout, "data"),
  runAs: null,
};

test("make run in a checkout: the binary and the data directory relative to it", () => {
  expect(selfCommand(base)).toBe("DATA_DIR=./data ./dist/hearth");
  expect(needsCwd(base)).toBe(true);
});

test("a binary the PATH finds is named bare; paths outside the working directory are absolute", () => {
  const inv = { ...base, execPath: join(bin, "hearth"), path: `/usr/bin:${bin}`, cwd: "/", dataDir: "/var/lib/hearth" };
  expect(selfCommand(inv)).toBe("DATA_DIR=/var/lib/hearth hearth");
  expect(needsCwd(inv)).toBe(false);
  // Another file of the same name on the PATH is not this one: keep the path.
  expect(selfCommand({ ...inv, path: "/usr/bin" })).toBe(`DATA_DIR=/var/lib/hearth ${join(bin, "hearth")}`);
});

test("from the sources: Bun and the script", () => {
  const inv = { ...base, execPath: join(checkout, "node_modules/bun/bin/bun.exe"), script: join(checkout, "src/main.ts") };
  expect(selfCommand(inv)).toBe("DATA_DIR=./data ./node_modules/bun/bin/bun.exe src/main.ts");
});

test("a service's user is named with sudo; odd characters are quoted", () => {
  expect(selfCommand({ ...base, runAs: "hearth", cwd: "/", dataDir: "/var/lib/hearth" })).toBe(
    `sudo -u hearth DATA_DIR=/var/lib/hearth '${join(checkout, "dist/hearth")}'`,
  );
  expect(shellWord("it's")).toBe(`'it'\\''s'`);
});
