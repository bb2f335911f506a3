/**
 * The route layer every endpoint file uses: parses params, authenticates, checks scopes and
 * rate limits, runs the handler, and turns results and ApiErrors into Mastodon-shaped responses.
 */
import type { Elysia } from "elysia";
import type { AppContext } from "../context";
import { authenticate, tokenFromRequest, type Auth } from "./auth";
import { ApiError } from "../model/errors";
import { fromPairs, type Params } from "./params";
import { RateLimiter, rateLimitHeaders, type RuleName } from "./rate-limit";
import { covers } from "../model/scopes";
import { malformedPathResponse, pathParams } from "./path";
import { clientIp, forwardedProto, throttleKey } from "./client-ip";
import { anyIpBlocks, ipHasNoAccess } from "../services/admin/ip-blocks";
import { dataVersion } from "../db/queries/ip-blocks";
import { textResponse } from "./compression";

export interface RouteOptions {
  /**
   * Who may call: "user" needs a token bound to a user, "app" any valid token (including
   * client_credentials), "optional" reads a token when present, "none" ignores tokens.
   */
  auth?: "user" | "app" | "optional" | "none";
  /** Any one of these scopes suffices (checked whenever a token is present). */
  scopes?: string[];
  /** An extra rate limit for an expensive endpoint. */
  limit?: RuleName;
}

export interface Req {
  ctx: AppContext;
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** Query string merged with the parsed body (body wins). */
  input: Params;
  auth: Auth | null;
  /** The client's address: the socket peer, or what a trusted proxy says (see http/client-ip). */
  ip: string;
  /** The browser reached us over https: PROTOCOL=https, or a trusted proxy's X-Forwarded-Proto says so (Secure cookies). */
  secure: boolean;
  /** The unparsed body of ActivityPub requests (content type activity+json / ld+json, or any POST to an inbox). */
  rawBody?: string;
  /** Response status and headers the handler may set. */
  set: { status: number; headers: Record<string, string> };
}

/** A Req whose token belongs to a user (auth: "user"). */
export interface UserReq extends Req {
  auth: Auth & { userId: number; accountId: number };
}

/** Key under which the body parser leaves a parse error for the route to throw. */
export const PARSE_ERROR = "__hearthParseError";
/** Key under which the body parser leaves an unparsed ActivityPub body (see Req.rawBody). */
export const RAW_BODY = "__hearthRawBody";

type Handler<R extends Req> = (r: R) => unknown | Promise<unknown>;

/** JSON response with Mastodon's content type. */
export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return jsonTextResponse(JSON.stringify(data), status, headers);
}

/** A handler result that is already JSON text: sent as is, like a returned object would be. */
export class JsonText {
  constructor(readonly text: string) {}
}

function jsonTextResponse(text: string, status: number, headers: Record<string, string>): Response {
  return textResponse(text, {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", ...headers },
  });
}

/** Maps any thrown value to a response; unexpected errors are logged and hidden. */
export function errorResponse(ctx: AppContext, err: unknown, headers: Record<string, string> = {}): Response {
  if (err instanceof ApiError) return json({ error: err.message, ...err.extra }, err.status, headers);
  ctx.log.error(`unhandled error: ${err instanceof Error ? err.stack : String(err)}`);
  return json({ error: "Internal server error" }, 500, headers);
}

interface Client {
  ip: string;
  secure: boolean;
}

/** How many (peer, X-Forwarded-For) pairs a Router remembers the client address of. */
const MAX_REMEMBERED_PEERS = 1024;

/**
 * The client's address and whether it used https, believing forwarded headers only from trusted
 * proxies. `ips` remembers clientIp's answer (a pure function of the peer and X-Forwarded-For for
 * this instance's trusted proxies): parsing and formatting addresses cost microseconds per request.
 */
function clientOf(ctx: AppContext, request: Request, server: any, ips: Map<string, string>): Client {
  const peer: string = server?.requestIP?.(request)?.address ?? "";
  const trusted = ctx.config.trustedProxies;
  const forwardedFor = request.headers.get("x-forwarded-for");
  // A peer address holds no space, so the key names one pair.
  const key = forwardedFor === null ? peer : `${peer} ${forwardedFor}`;
  let ip = ips.get(key);
  if (ip === undefined) {
    ip = clientIp(peer, forwardedFor, trusted);
    if (ips.size >= MAX_REMEMBERED_PEERS) ips.clear();
    ips.set(key, ip);
  }
  const proto = request.headers.get("x-forwarded-proto");
  const secure = ctx.config.protocol === "https" || (proto !== null && forwardedProto(peer, proto, trusted) === "https");
  return { ip, secure };
}

/**
 * What the request hook and the route share about one request. The client is worked out on first
 * use: the socket peer (server.requestIP) is a native call that most authenticated requests, with
 * no IP block and no per-IP limit to check, never need.
 */
class RequestInfo {
  private client?: Client;
  /** The connection's PRAGMA data_version as the request hook read it (for the IP blocks and the token cache). */
  dataVersion?: number;
  constructor(
    private readonly ctx: AppContext,
    private readonly request: Request,
    private readonly server: any,
    private readonly ips: Map<string, string>,
  ) {}
  get ip(): string {
    this.client ??= clientOf(this.ctx, this.request, this.server, this.ips);
    return this.client.ip;
  }
  get secure(): boolean {
    this.client ??= clientOf(this.ctx, this.request, this.server, this.ips);
    return this.client.secure;
  }
}

/** Registers endpoints on the Elysia app with Hearth's conventions. */
export class Router {
  readonly limiter: RateLimiter;
  /** clientOf's address memo (see there). */
  private readonly ips = new Map<string, string>();
  /** Each request's RequestInfo, made by the request hook and read again by the route. */
  private readonly infos = new WeakMap<Request, RequestInfo>();
  constructor(
    readonly app: Elysia<any, any, any, any, any, any, any>,
    readonly ctx: AppContext,
  ) {
    this.limiter = new RateLimiter(ctx.now);
    // Ahead of every route group and its request hooks: a path whose percent-encoding is not UTF-8 is a 400,
    // and an address under a `no_access` IP block is refused outright (Mastodon's Rack::Attack blocklist).
    (app as any).onRequest(({ request, server }: { request: Request; server: any }) => {
      const bad = malformedPathResponse(request);
      if (bad) return bad;
      const info = this.info(request, server);
      // One read of data_version serves the IP blocks here and the token cache in the route (http/auth).
      info.dataVersion = dataVersion(ctx.db);
      if (anyIpBlocks(ctx, info.dataVersion) && ipHasNoAccess(ctx, info.ip, info.dataVersion)) return json({ error: "Forbidden" }, 403);
    });
  }

  /** The RequestInfo of `request`, made once per request. */
  private info(request: Request, server: any): RequestInfo {
    let i = this.infos.get(request);
    if (!i) {
      i = new RequestInfo(this.ctx, request, server, this.ips);
      this.infos.set(request, i);
    }
    return i;
  }

  get<R extends Req = UserReq>(path: string, opts: RouteOptions, h: Handler<R>): this {
    return this.add("GET", path, opts, h);
  }
  post<R extends Req = UserReq>(path: string, opts: RouteOptions, h: Handler<R>): this {
    return this.add("POST", path, opts, h);
  }
  put<R extends Req = UserReq>(path: string, opts: RouteOptions, h: Handler<R>): this {
    return this.add("PUT", path, opts, h);
  }
  patch<R extends Req = UserReq>(path: string, opts: RouteOptions, h: Handler<R>): this {
    return this.add("PATCH", path, opts, h);
  }
  delete<R extends Req = UserReq>(path: string, opts: RouteOptions, h: Handler<R>): this {
    return this.add("DELETE", path, opts, h);
  }

  private add<R extends Req>(method: string, path: string, opts: RouteOptions, h: Handler<R>): this {
    const ctx = this.ctx;
    const authMode = opts.auth ?? "user";
    // Destructured on purpose: Elysia reads this parameter list to decide what to prepare per
    // request; a whole-context parameter would make it parse cookies, headers and the query too.
    const run = async ({
      request,
      body,
      params,
      server,
    }: {
      request: Request;
      body: any;
      params?: Record<string, string>;
      server: any;
    }): Promise<Response> => {
      const headers: Record<string, string> = { "Access-Control-Allow-Origin": "*" };
      try {
        const url = new URL(request.url);
        const info = this.info(request, server);
        let auth: Auth | null = null;
        let badToken = false;
        if (authMode !== "none") {
          const token = tokenFromRequest(request, url.searchParams);
          if (token) {
            // The token cache only for reads: a body may take long to arrive after the hook read data_version.
            const read = request.method === "GET" || request.method === "HEAD";
            auth = authenticate(ctx, token, read ? info.dataVersion : undefined);
            badToken = !auth;
          }
        }
        // Rate limits come first, as Mastodon's rack-attack does: failed logins count too.
        if (ctx.config.rateLimits) {
          const general = this.limiter.hit(auth ? "api" : "ip", auth ? `t${auth.tokenId}` : throttleKey(info.ip));
          Object.assign(headers, rateLimitHeaders(general));
          if (opts.limit) {
            const specific = this.limiter.hit(opts.limit, auth?.accountId ? `a${auth.accountId}` : throttleKey(info.ip));
            Object.assign(headers, rateLimitHeaders(specific));
            if (!specific.allowed) throw new ApiError(429, "Too many requests");
          }
          if (!general.allowed) throw new ApiError(429, "Too many requests");
        }
        if (authMode !== "none") {
          if (badToken) throw new ApiError(401, "The access token is invalid");
          if (!auth && (authMode === "user" || authMode === "app")) throw new ApiError(401, "The access token is invalid");
          if (auth && authMode === "user" && auth.userId === null) throw new ApiError(422, "This method requires an authenticated user");
          if (auth && opts.scopes?.length && !opts.scopes.some((s) => covers(auth!.scopes, s))) {
            throw new ApiError(403, "This action is outside the authorized scopes");
          }
        }
        if (body && typeof body === "object" && PARSE_ERROR in body) throw body[PARSE_ERROR];
        const input: Params = url.search ? fromPairs(url.searchParams) : {};
        const rawBody: string | undefined = body && typeof body === "object" && RAW_BODY in body ? body[RAW_BODY] : undefined;
        if (body && typeof body === "object" && !(body instanceof Blob) && rawBody === undefined) Object.assign(input, body);
        const req: Req = {
          ctx,
          request,
          url,
          params: pathParams(params ?? {}),
          input,
          auth,
          get ip() {
            return info.ip;
          },
          get secure() {
            return info.secure;
          },
          rawBody,
          set: { status: 200, headers },
        };
        const result = await h(req as R);
        if (result instanceof Response) {
          for (const [k, v] of Object.entries(headers)) if (!result.headers.has(k)) result.headers.set(k, v);
          return result;
        }
        if (result instanceof JsonText) return jsonTextResponse(result.text, req.set.status, headers);
        return json(result ?? {}, req.set.status, headers);
      } catch (err) {
        return errorResponse(ctx, err, headers);
      }
    };
    (this.app as any).route(method, path, run);
    return this;
  }
}
