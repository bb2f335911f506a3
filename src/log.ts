/** A small leveled logger writing one line per event to stderr. */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

/** Creates a logger that drops messages below `level` (LOG_LEVEL env by default). */
export function createLogger(level: string = process.env.LOG_LEVEL || "info"): Logger {
  const min = LEVELS[level as keyof typeof LEVELS] ?? LEVELS.info;
  const out = (lvl: keyof typeof LEVELS) => (msg: string) => {
    if (LEVELS[lvl] >= min) process.stderr.write(`${new Date().toISOString()} ${lvl.toUpperCase()} ${msg}\n`);
  };
  return { debug: out("debug"), info: out("info"), warn: out("warn"), error: out("error") };
}
