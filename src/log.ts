/** A small leveled logger writing one line per event to stderr, as text or as JSON (LOG_FORMAT). */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

/** How each line is written: `text` for people, `json` (one object per line) for log collectors. */
export type LogFormat = "text" | "json";

/** One event as a line: `<time> <LEVEL> <msg>`, or `{"time":…,"level":…,"msg":…}` (newlines escaped, so one event stays one line). */
export function formatLogLine(format: LogFormat, level: string, msg: string, at = new Date()): string {
  if (format === "json") return `${JSON.stringify({ time: at.toISOString(), level, msg })}\n`;
  return `${at.toISOString()} ${level.toUpperCase()} ${msg}\n`;
}

/**
 * Creates a logger that drops messages below `level` (LOG_LEVEL env by default) and writes
 * `format` lines (LOG_FORMAT env by default; the configuration passes its validated value).
 */
export function createLogger(
  level: string = process.env.LOG_LEVEL || "info",
  format: LogFormat = process.env.LOG_FORMAT?.toLowerCase() === "json" ? "json" : "text",
): Logger {
  const min = LEVELS[level as keyof typeof LEVELS] ?? LEVELS.info;
  const out = (lvl: keyof typeof LEVELS) => (msg: string) => {
    if (LEVELS[lvl] >= min) process.stderr.write(formatLogLine(format, lvl, msg));
  };
  return { debug: out("debug"), info: out("info"), warn: out("warn"), error: out("error") };
}
