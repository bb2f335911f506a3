/**
 * How this process was started, as a command a person can paste into a shell: the first-run
 * hints print `DATA_DIR=./data ./dist/hearth admin accounts create …` from a checkout's
 * `make run`, `hearth …` for a binary on the PATH, `bun src/main.ts …` from the sources.
 */
import { realpathSync } from "node:fs";
import { userInfo } from "node:os";
import { basename, delimiter, isAbsolute, join, relative, resolve } from "node:path";

/** What the command is made from (all of it from the running process by default). */
export interface Invocation {
  /** The executable: the compiled hearth binary, or the Bun that runs src/main.ts. */
  execPath: string;
  /** The entry script, or null inside the compiled binary (its script is embedded). */
  script: string | null;
  cwd: string;
  /** The PATH variable. */
  path: string;
  /** The data directory the command must use. */
  dataDir: string;
  /** Prefix `sudo -u USER` (a systemd service runs as its own user). */
  runAs: string | null;
}

/** Whether `main` (Bun.main) is the script embedded in a compiled binary. */
export function isCompiledMain(main: string = Bun.main): boolean {
  return main.startsWith("/$bunfs/") || /^[A-Z]:[\\/]~BUN[\\/]/i.test(main);
}

/** The running process's invocation for `dataDir`. */
export function currentInvocation(dataDir: string): Invocation {
  const main = Bun.main;
  const compiled = isCompiledMain(main);
  const asService = !!process.env.INVOCATION_ID && process.getuid?.() !== 0;
  let runAs: string | null = null;
  if (asService) {
    try {
      runAs = userInfo().username;
    } catch {
      runAs = null;
    }
  }
  return { execPath: process.execPath, script: compiled ? null : main, cwd: process.cwd(), path: process.env.PATH ?? "", dataDir, runAs };
}

/** One shell word, quoted only when it needs to be. */
export function shellWord(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function same(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** Whether `p` lies under the working directory (the root directory does not count). */
function underCwd(p: string, cwd: string): boolean {
  const rel = relative(cwd, p);
  return resolve(cwd) !== "/" && rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/** `./dist/hearth` under the working directory, otherwise the absolute path. */
function pathFromCwd(p: string, cwd: string, dotSlash: boolean): string {
  if (!underCwd(p, cwd)) return resolve(cwd, p);
  return dotSlash ? `./${relative(cwd, p)}` : relative(cwd, p);
}

/** The executable as typed: its bare name when the PATH finds this very file, else a path. */
function executable(inv: Invocation): string {
  const name = basename(inv.execPath);
  for (const dir of inv.path.split(delimiter)) {
    if (dir && isAbsolute(dir) && same(join(dir, name), inv.execPath)) return name;
  }
  return pathFromCwd(inv.execPath, inv.cwd, true);
}

/**
 * The command prefix that runs this program the same way against the same data, from the same
 * working directory: e.g. `DATA_DIR=./data ./dist/hearth` or `DATA_DIR=/var/lib/hearth hearth`.
 */
export function selfCommand(inv: Invocation): string {
  const words = [`DATA_DIR=${shellWord(pathFromCwd(inv.dataDir, inv.cwd, true))}`, shellWord(executable(inv))];
  if (inv.script) words.push(shellWord(pathFromCwd(inv.script, inv.cwd, false)));
  return (inv.runAs ? `sudo -u ${shellWord(inv.runAs)} ` : "") + words.join(" ");
}

/** Whether selfCommand's words are relative to the working directory (then say which one). */
export function needsCwd(inv: Invocation): boolean {
  return underCwd(inv.dataDir, inv.cwd) || (inv.script !== null && underCwd(inv.script, inv.cwd)) || executable(inv).startsWith("./");
}
