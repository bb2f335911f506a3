/**
 * The admin dashboard (Mastodon's Admin::Metrics): measures, dimensions and retention cohorts in
 * Mastodon's keys and shapes, read-only. Dates are whole UTC days; a time given with them is ignored.
 */
import type { AppContext } from "../../context";
import { cohortActive, databaseBytes, dimensionRows, measureSeries, signUpCohorts, sqliteVersion } from "../../db/queries/admin-metrics";
import { validation } from "../../model/errors";
import { HEARTH_VERSION } from "../../version";
import { mediaUsage } from "../media/usage";

const DAY = 86_400_000;

/** Measure keys, in Mastodon's order; those with `previous_total`. */
export const MEASURE_KEYS = [
  "active_users",
  "new_users",
  "interactions",
  "opened_reports",
  "resolved_reports",
  "tag_accounts",
  "tag_uses",
  "tag_servers",
  "instance_accounts",
  "instance_media_attachments",
  "instance_reports",
  "instance_statuses",
  "instance_follows",
  "instance_followers",
] as const;
const WITH_PREVIOUS = new Set([
  "active_users",
  "new_users",
  "interactions",
  "opened_reports",
  "resolved_reports",
  "tag_accounts",
  "tag_uses",
  "tag_servers",
]);

/** Dimension keys as Mastodon has them. */
export const DIMENSION_KEYS = [
  "languages",
  "sources",
  "servers",
  "space_usage",
  "software_versions",
  "tag_servers",
  "tag_languages",
  "instance_accounts",
  "instance_languages",
] as const;

/** Per-key parameters (`tag_uses[id]`, `instance_accounts[domain]`) as parsed from the request. */
export type KeyParams = Record<string, unknown>;

/** A day number from an ISO 8601 date or date-time (the time is ignored); 422 when missing or malformed. */
export function parseDay(raw: unknown, name: string): number {
  const s = typeof raw === "string" ? raw.trim() : "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || !Number.isFinite(t) || new Date(t).getUTCDate() !== Number(m[3])) throw validation(`${name} is not a valid date`);
  return Math.floor(t / DAY);
}

/** The checked [first, last] day range of a request (at most ~3 years, last not before first). */
export function dayRange(startAt: unknown, endAt: unknown): [number, number] {
  const first = parseDay(startAt, "start_at");
  const last = parseDay(endAt, "end_at");
  if (last < first) throw validation("end_at must not be before start_at");
  if (last - first > 1100) throw validation("The period is too long");
  return [first, last];
}

const isoDay = (day: number) => new Date(day * DAY).toISOString().replace(".000Z", "Z");

/** Mastodon's number_to_human_size. */
export function humanBytes(n: number): string {
  const units = ["Bytes", "KB", "MB", "GB", "TB"];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return `${n} Bytes`;
  return `${Number(v.toPrecision(3))} ${units[i]}`;
}

function keyArg(params: KeyParams, key: string, field: "id" | "domain"): string | number {
  const p = params[key];
  const v = p && typeof p === "object" ? (p as Record<string, unknown>)[field] : undefined;
  if (typeof v !== "string" && typeof v !== "number") throw validation(`${key}[${field}] is required`);
  if (field === "id") {
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw validation(`${key}[id] is not a valid id`);
    return n;
  }
  return String(v).toLowerCase();
}

const argOf = (key: string, params: KeyParams) =>
  key.startsWith("tag_") ? keyArg(params, key, "id") : key.startsWith("instance_") ? keyArg(params, key, "domain") : "";

/** Admin::Measure entities for `keys` (unknown keys are skipped, as Mastodon does). */
export function measures(ctx: AppContext, keys: string[], startAt: unknown, endAt: unknown, params: KeyParams): Record<string, unknown>[] {
  const [first, last] = dayRange(startAt, endAt);
  const wanted = MEASURE_KEYS.filter((k) => keys.includes(k));
  const args = new Map(wanted.map((k) => [k, argOf(k, params)]));
  return wanted.map((key) => {
    const s = measureSeries(ctx.db, key, first, last, args.get(key)!)!;
    const bytes = key === "instance_media_attachments";
    const out: Record<string, unknown> = { key, unit: bytes ? "bytes" : null, total: String(s.total) };
    if (bytes) out.human_value = humanBytes(s.total);
    if (WITH_PREVIOUS.has(key)) {
      const len = last - first + 1;
      out.previous_total = String(measureSeries(ctx.db, key, first - len, first - 1, args.get(key)!)!.total);
    }
    const data: { date: string; value: string }[] = [];
    for (let d = first; d <= last; d++) data.push({ date: isoDay(d), value: String(s.byDay.get(d) ?? 0) });
    out.data = data;
    return out;
  });
}

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
function languageName(code: string): string {
  try {
    const n = languageNames.of(code);
    return n && n !== code ? n : code;
  } catch {
    return code;
  }
}

/** Admin::Dimension entities for `keys` (unknown keys skipped). */
export async function dimensions(
  ctx: AppContext,
  keys: string[],
  startAt: unknown,
  endAt: unknown,
  limit: number,
  params: KeyParams,
): Promise<Record<string, unknown>[]> {
  const [first, last] = dayRange(startAt, endAt);
  const wanted = DIMENSION_KEYS.filter((k) => keys.includes(k));
  const args = new Map(wanted.map((k) => [k, k.startsWith("tag_") || k.startsWith("instance_") ? argOf(k, params) : ""]));
  const out: Record<string, unknown>[] = [];
  for (const key of wanted) {
    let data: Record<string, unknown>[];
    if (key === "space_usage") {
      const media = (await mediaUsage(ctx)).filter((l) => l.name !== "Database").reduce((a, l) => a + l.bytes, 0);
      const db = databaseBytes(ctx.db);
      data = [
        { key: "sqlite", human_key: "SQLite", value: String(db), unit: "bytes", human_value: humanBytes(db) },
        { key: "media", human_key: "Media storage", value: String(media), unit: "bytes", human_value: humanBytes(media) },
      ];
    } else if (key === "software_versions") {
      const v = [
        ["hearth", "Hearth", HEARTH_VERSION],
        ["bun", "Bun", Bun.version],
        ["sqlite", "SQLite", sqliteVersion(ctx.db)],
      ];
      data = v.map(([k, h, val]) => ({ key: k, human_key: h, value: val, human_value: val }));
    } else {
      const rows = dimensionRows(ctx.db, key, first, last, limit, args.get(key)!) ?? [];
      const lang = key.endsWith("languages");
      data = rows.map((r) => ({ key: r.key, human_key: lang ? languageName(r.key) : r.key, value: String(r.value) }));
    }
    out.push({ key, data });
  }
  return out;
}

/** Admin::Cohort entities: sign-up cohorts by day or month and the share of each active in every later period. */
export function retention(ctx: AppContext, startAt: unknown, endAt: unknown, frequency: unknown): Record<string, unknown>[] {
  const [first, last] = dayRange(startAt, endAt);
  const freq = frequency === undefined || frequency === "" ? "day" : frequency;
  if (freq !== "day" && freq !== "month") throw validation("frequency must be day or month");
  // Periods as [firstDay, lastDay] pairs covering the range.
  const periods: [number, number][] = [];
  if (freq === "day") for (let d = first; d <= last; d++) periods.push([d, d]);
  else {
    const start = new Date(first * DAY);
    let y = start.getUTCFullYear(),
      m = start.getUTCMonth();
    for (;;) {
      const a = Math.floor(Date.UTC(y, m, 1) / DAY);
      if (a > last) break;
      const b = Math.floor(Date.UTC(y, m + 1, 1) / DAY) - 1;
      periods.push([a, b]);
      m++;
      if (m === 12) (m = 0), y++;
    }
  }
  const sizes = signUpCohorts(ctx.db, periods[0]![0], periods[periods.length - 1]![1]);
  const size = (p: [number, number]) => {
    let n = 0;
    for (const [d, c] of sizes) if (d >= p[0] && d <= p[1]) n += c;
    return n;
  };
  return periods.map((p, i) => {
    const n = size(p);
    const data = periods.slice(i).map((q, j) => {
      const value = j === 0 ? n : cohortActive(ctx.db, p[0], p[1], q[0], q[1]);
      return { date: `${isoDay(q[0]).slice(0, 10)}T00:00:00.000+00:00`, rate: n ? value / n : 0, value: String(value) };
    });
    return { period: `${isoDay(p[0]).slice(0, 10)}T00:00:00.000+00:00`, frequency: freq, data };
  });
}
