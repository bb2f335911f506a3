/**
 * The memory allocator's settings for the server. Bun allocates through mimalloc, which reads its
 * options from the environment once, as the process starts, and has no other way in from
 * JavaScript. By default it keeps freed memory for 100 ms before handing it back to the system,
 * and a busy server frees all the time, so under steady load several megabytes of freed request
 * data always sit in RSS (issues 11 and 17). With MIMALLOC_PURGE_DELAY=0 it hands memory back as
 * soon as a page is free: measured on the x64 binary under the ops benchmark's mixed load (1M
 * statuses, 8 clients and 4 streams, 150 s, server on one core), RSS averaged 142 MB against
 * 151-155 MB and anonymous memory 91 against 100-104 MB, with no CPU difference the timeline
 * benchmark could tell from its noise. So `serve` starts itself again once with that setting
 * when the environment does not name it (a setting given by the operator is kept as given).
 */

import { isCompiledMain } from "./invocation";

/** What `serve` sets for mimalloc when the environment leaves it unset. */
export const SERVER_ALLOCATOR_ENV: Readonly<Record<string, string>> = { MIMALLOC_PURGE_DELAY: "0" };

/** The process's command line to exec again: the binary's own arguments, or Bun's flags, the script and its arguments. */
export function selfArgs(
  compiled: boolean,
  argv: readonly string[] = process.argv,
  execArgv: readonly string[] = process.execArgv,
): string[] {
  // Inside the compiled binary argv[1] is the embedded script's name, which the binary adds itself.
  return compiled ? argv.slice(2) : [...execArgv, ...argv.slice(1)];
}

/**
 * For `serve`: when a setting of SERVER_ALLOCATOR_ENV is missing from the environment, replaces
 * this process (same pid, same open descriptors; nothing has been opened or printed yet) with
 * itself started with the settings. Returns only when nothing was missing or exec failed (the
 * server then runs with mimalloc's defaults).
 */
export function execWithAllocatorSettings(env: Record<string, string | undefined> = process.env): void {
  const missing = Object.entries(SERVER_ALLOCATOR_ENV).filter(([k]) => env[k] === undefined);
  if (missing.length === 0) return;
  const next: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) next[k] = v;
  for (const [k, v] of missing) next[k] = v;
  try {
    process.execve?.(process.execPath, [process.execPath, ...selfArgs(isCompiledMain())], next);
  } catch {
    // Not allowed here (e.g. a sandbox without execve): run as we are.
  }
}
