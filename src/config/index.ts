/** Typed configuration read from environment variables and `--flag value` overrides. */
import { resolve } from "node:path";
import type { S3Config } from "../media/s3-storage";
import { parseIpRanges, type IpRange } from "../model/ip-address";

export type Registrations = "open" | "approval" | "closed";

export interface Config {
  localDomain: string;
  /** WEB_DOMAIN: the host of the site and of every URL and URI (default LOCAL_DOMAIN); handles stay on LOCAL_DOMAIN. */
  webDomain: string;
  port: number;
  bind: string;
  dataDir: string;
  protocol: "http" | "https";
  registrations: Registrations;
  instanceTitle: string;
  allowPrivateAddresses: boolean;
  authorizedFetch: boolean;
  /** LIMITED_FEDERATION_MODE: federate only with the domains of /api/v1/admin/domain_allows (implies authorized fetch). */
  limitedFederationMode: boolean;
  /** EMAIL_DOMAIN_BLOCKS_CHECK_MX: e-mail domain blocks also match the MX hosts of a sign-up's domain (a DNS lookup; off by default). */
  emailDomainBlocksCheckMx: boolean;
  /** Which identity settings were given explicitly (env or flag) rather than defaulted. */
  explicit: { localDomain: boolean; webDomain: boolean; protocol: boolean };
  /** Disable per-IP/per-token rate limits (benchmarks only). */
  rateLimits: boolean;
  /** TRUSTED_PROXY_IP: the reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed. */
  trustedProxies: IpRange[];
  /** S3-compatible media storage (S3_ENABLED=true); null means local disk under DATA_DIR/media. */
  s3: S3Config | null;
  /** MEDIA_CACHE_RETENTION_DAYS: drop cached remote media files older than this; null keeps them. */
  mediaCacheRetentionDays: number | null;
  /** REMOTE_STATUS_RETENTION_DAYS: remove remote statuses no local account interacted with after this; null keeps them. */
  remoteStatusRetentionDays: number | null;
  /** MEDIA_PROCESSING_TIMEOUT: seconds one image pipeline may run before the file is refused. */
  mediaProcessingTimeout: number;
  /** MEDIA_THREADS: libvips worker threads per image (sharp.concurrency). */
  mediaThreads: number;
  /** MEDIA_JOBS: media processing jobs run at once. */
  mediaJobs: number;
  /** BACKUP_DIR: where the daily backup goes (a folder or s3://bucket/prefix); null: no daily backup. */
  backupDir: BackupTarget | null;
  /** BACKUP_KEEP: how many daily backups to keep (older ones are removed). */
  backupKeep: number;
  /** METRICS_PORT: serve Prometheus metrics on this port (null: off). */
  metricsPort: number | null;
  /** METRICS_BIND: the address the metrics port listens on (default 127.0.0.1, this machine only). */
  metricsBind: string;
  /** LOG_FORMAT: one line of text per event, or one JSON object per line. */
  logFormat: "text" | "json";
  /** Outgoing e-mail (SMTP_SERVER set); null means Hearth sends no mail and the owner confirms accounts. */
  smtp: SmtpConfig | null;
}

/** Where mail goes out: SMTP_SERVER, SMTP_PORT, SMTP_LOGIN, SMTP_PASSWORD, SMTP_FROM_ADDRESS. */
export interface SmtpConfig {
  host: string;
  port: number;
  login: string | null;
  password: string | null;
  from: string;
}

/** Where backups go: a local folder, or a prefix in an S3-compatible bucket (S3_ENDPOINT, S3_REGION, AWS_* keys). */
export type BackupTarget =
  | { kind: "dir"; path: string }
  | {
      kind: "s3";
      bucket: string;
      /** Key prefix without leading or trailing slash ("" for the bucket's root). */
      prefix: string;
      endpoint?: string;
      region: string;
      accessKeyId?: string;
      secretAccessKey?: string;
    };

/**
 * Reads a backup destination: `s3://bucket/prefix` (credentials and endpoint from S3_ENDPOINT,
 * S3_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, whether or not media is on S3) or a path.
 */
export function parseBackupTarget(value: string, source: Record<string, string | undefined>, name = "BACKUP_DIR"): BackupTarget {
  const m = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(value);
  if (!m) return { kind: "dir", path: resolve(value) };
  const bucket = m[1]!;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError(`${name} names an invalid S3 bucket "${bucket}"`);
  const endpoint = source.S3_ENDPOINT || undefined;
  if (endpoint && !/^https?:\/\/[^\s/]+/i.test(endpoint)) throw new ConfigError(`S3_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  return {
    kind: "s3",
    bucket,
    prefix: m[2]!.replace(/^\/+|\/+$/g, ""),
    endpoint,
    region: source.S3_REGION || "us-east-1",
    accessKeyId: source.AWS_ACCESS_KEY_ID || undefined,
    secretAccessKey: source.AWS_SECRET_ACCESS_KEY || undefined,
  };
}

/** A configuration problem; main prints `message` as one line and exits. */
export class ConfigError extends Error {}

const BOOL = new Set(["true", "false", "1", "0", "yes", "no"]);

function bool(name: string, v: string | undefined, dflt: boolean): boolean {
  if (v === undefined || v === "") return dflt;
  if (!BOOL.has(v.toLowerCase())) throw new ConfigError(`${name} must be true or false, got "${v}"`);
  return ["true", "1", "yes"].includes(v.toLowerCase());
}

/** Turns `--local-domain x` / `--local-domain=x` flags into env-style keys (LOCAL_DOMAIN). */
export function flagsToEnv(args: string[]): { env: Record<string, string>; rest: string[] } {
  const env: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/i.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const key = m[1]!.toUpperCase().replace(/-/g, "_");
    if (m[2] !== undefined) env[key] = m[2];
    else if (i + 1 < args.length && !args[i + 1]!.startsWith("--")) env[key] = args[++i]!;
    else env[key] = "true";
  }
  return { env, rest };
}

/** Trusted when TRUSTED_PROXY_IP is unset: loopback, where Caddy or nginx on the same machine connects from. */
export const DEFAULT_TRUSTED_PROXIES = "127.0.0.0/8, ::1/128";

/** Builds and validates the configuration; throws ConfigError naming the bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const e = (k: string) => source[k];
  const localDomain = e("LOCAL_DOMAIN") || "localhost:3000";
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(localDomain))
    throw new ConfigError(`LOCAL_DOMAIN must be a host name with an optional port, got "${localDomain}"`);
  const webDomain = e("WEB_DOMAIN") || localDomain;
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(webDomain))
    throw new ConfigError(`WEB_DOMAIN must be a host name with an optional port, got "${webDomain}"`);
  const portRaw = e("PORT") || "3000";
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a number from 0 to 65535, got "${portRaw}"`);
  const bind = e("BIND") || "127.0.0.1";
  if (!/^[0-9a-f.:]+$|^localhost$/i.test(bind)) throw new ConfigError(`BIND must be an IP address, got "${bind}"`);
  const protocol = (e("PROTOCOL") || "https").toLowerCase();
  if (protocol !== "http" && protocol !== "https") throw new ConfigError(`PROTOCOL must be http or https, got "${protocol}"`);
  const registrations = (e("REGISTRATIONS") || "closed").toLowerCase();
  if (!["open", "approval", "closed"].includes(registrations))
    throw new ConfigError(`REGISTRATIONS must be open, approval or closed, got "${registrations}"`);
  const s3 = s3Config(source);
  const proxies = parseIpRanges(e("TRUSTED_PROXY_IP") || DEFAULT_TRUSTED_PROXIES);
  if (proxies.bad !== null)
    throw new ConfigError(`TRUSTED_PROXY_IP must list IP addresses or CIDR ranges (e.g. 127.0.0.1, 10.0.0.0/8), got "${proxies.bad}"`);
  const metricsPort = e("METRICS_PORT") ? wholeNumber("METRICS_PORT", e("METRICS_PORT"), 0, 1, 65535) : null;
  const metricsBind = e("METRICS_BIND") || "127.0.0.1";
  if (!/^[0-9a-f.:]+$|^localhost$/i.test(metricsBind)) throw new ConfigError(`METRICS_BIND must be an IP address, got "${metricsBind}"`);
  const logFormat = (e("LOG_FORMAT") || "text").toLowerCase();
  if (logFormat !== "text" && logFormat !== "json") throw new ConfigError(`LOG_FORMAT must be text or json, got "${logFormat}"`);
  const retention = e("MEDIA_CACHE_RETENTION_DAYS");
  if (retention && (!/^\d+$/.test(retention) || Number(retention) < 1))
    throw new ConfigError(`MEDIA_CACHE_RETENTION_DAYS must be a whole number of days (1 or more), got "${retention}"`);
  const statusRetention = e("REMOTE_STATUS_RETENTION_DAYS");
  if (statusRetention && (!/^\d+$/.test(statusRetention) || Number(statusRetention) < 1))
    throw new ConfigError(`REMOTE_STATUS_RETENTION_DAYS must be a whole number of days (1 or more), got "${statusRetention}"`);
  return {
    localDomain: localDomain.toLowerCase(),
    webDomain: webDomain.toLowerCase(),
    explicit: { localDomain: !!e("LOCAL_DOMAIN"), webDomain: !!e("WEB_DOMAIN"), protocol: !!e("PROTOCOL") },
    port,
    bind,
    dataDir: resolve(e("DATA_DIR") || "./data"),
    protocol,
    registrations: registrations as Registrations,
    instanceTitle: e("INSTANCE_TITLE") || "Hearth",
    allowPrivateAddresses: bool("ALLOW_PRIVATE_ADDRESSES", e("ALLOW_PRIVATE_ADDRESSES"), false),
    authorizedFetch: bool("AUTHORIZED_FETCH", e("AUTHORIZED_FETCH"), false),
    limitedFederationMode: bool("LIMITED_FEDERATION_MODE", e("LIMITED_FEDERATION_MODE"), false),
    emailDomainBlocksCheckMx: bool("EMAIL_DOMAIN_BLOCKS_CHECK_MX", e("EMAIL_DOMAIN_BLOCKS_CHECK_MX"), false),
    rateLimits: bool("RATE_LIMITS", e("RATE_LIMITS"), true),
    trustedProxies: proxies.ranges,
    s3,
    mediaCacheRetentionDays: retention ? Number(retention) : null,
    remoteStatusRetentionDays: statusRetention ? Number(statusRetention) : null,
    mediaProcessingTimeout: wholeNumber("MEDIA_PROCESSING_TIMEOUT", e("MEDIA_PROCESSING_TIMEOUT"), 60, 1, 3600),
    mediaThreads: wholeNumber("MEDIA_THREADS", e("MEDIA_THREADS"), 1, 1, 64),
    mediaJobs: wholeNumber("MEDIA_JOBS", e("MEDIA_JOBS"), 1, 1, 16),
    metricsPort,
    metricsBind,
    logFormat,
    smtp: smtpConfig(source, localDomain.toLowerCase()),
    backupDir: e("BACKUP_DIR") ? parseBackupTarget(e("BACKUP_DIR")!, source) : null,
    backupKeep: wholeNumber("BACKUP_KEEP", e("BACKUP_KEEP"), 7, 1, 1000),
  } as Config;
}

/** A whole number from `min` to `max`, or `dflt` when unset. */
function wholeNumber(name: string, v: string | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${v}"`);
  return n;
}

/** SMTP settings when SMTP_SERVER is set (port 587 and notifications@LOCAL_DOMAIN's host by default). */
function smtpConfig(source: Record<string, string | undefined>, localDomain: string): SmtpConfig | null {
  const e = (k: string) => source[k] || undefined;
  const host = e("SMTP_SERVER");
  if (!host) return null;
  if (!/^[a-z0-9.:[\]-]+$/i.test(host)) throw new ConfigError(`SMTP_SERVER must be a host name or IP address, got "${host}"`);
  const port = wholeNumber("SMTP_PORT", e("SMTP_PORT"), 587, 1, 65535);
  const login = e("SMTP_LOGIN") ?? null;
  const password = e("SMTP_PASSWORD") ?? null;
  if ((login === null) !== (password === null)) throw new ConfigError("SMTP_LOGIN and SMTP_PASSWORD must be set together");
  const from = e("SMTP_FROM_ADDRESS") ?? `notifications@${localDomain.replace(/:\d+$/, "")}`;
  if (!/^(?:[^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(from.trim()))
    throw new ConfigError(`SMTP_FROM_ADDRESS must be an e-mail address (optionally "Name <address>"), got "${from}"`);
  return { host, port, login, password, from: from.trim() };
}

/** S3 settings when S3_ENABLED is true; S3_BUCKET is then required. */
function s3Config(source: Record<string, string | undefined>): S3Config | null {
  const e = (k: string) => source[k] || undefined;
  if (!bool("S3_ENABLED", source.S3_ENABLED, false)) return null;
  const bucket = e("S3_BUCKET");
  if (!bucket) throw new ConfigError("S3_BUCKET must be set when S3_ENABLED is true");
  const endpoint = e("S3_ENDPOINT");
  if (endpoint && !/^https?:\/\/[^\s/]+/i.test(endpoint)) throw new ConfigError(`S3_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  const aliasHost = e("S3_ALIAS_HOST");
  if (aliasHost && !/^[a-z0-9.-]+(:\d{1,5})?(\/[^\s]*)?$/i.test(aliasHost))
    throw new ConfigError(`S3_ALIAS_HOST must be a host name (optionally with a path), got "${aliasHost}"`);
  return {
    bucket,
    endpoint,
    aliasHost: aliasHost?.replace(/\/+$/, ""),
    region: e("S3_REGION") || "us-east-1",
    accessKeyId: e("AWS_ACCESS_KEY_ID"),
    secretAccessKey: e("AWS_SECRET_ACCESS_KEY"),
  };
}
