import type http from "node:http";
import type { JSONValue } from "convex/values";
import { AuthError, type AuthVerifier, type Identity, parseAdminIdentity } from "./auth.js";
import type { CliDeployment } from "./cli/deployment.js";
import { startPushResponse } from "./codegen.js";
import { completeBody } from "./engine/pool.js";
import type { CallOptions, Engine, HttpRequestParts, Outcome } from "./engine.js";
import { splitTableKey } from "./engine.js";
import {
  jsonFields,
  LIMITS,
  type OriginPolicy,
  parseJsonBody,
  RequestError,
  readBody,
  secretEquals,
  setCorsHeaders,
} from "./request.js";
import { convexToJson, encodeTs, jsonToConvex, type StorageDoc, tableNumberFromId, type Value } from "./values.js";

export interface CallerAuth {
  identity: Identity | null;
  authToken: string | null;
  isAdmin: boolean;
}

async function authFromHeader(header: string | undefined, auth: AuthVerifier, adminKey: string): Promise<CallerAuth> {
  if (!header) return { identity: null, authToken: null, isAdmin: false };
  if (header.startsWith("Bearer ")) {
    const token = header.slice(7).trim();
    const { identity } = await auth.verify(token);
    return { identity, authToken: token, isAdmin: false };
  }
  if (header.startsWith("Convex ")) {
    const rest = header.slice(7).trim();
    const colon = rest.indexOf(":");
    const key = colon >= 0 ? rest.slice(0, colon) : rest;
    if (!secretEquals(key, adminKey)) throw new AuthError("The provided admin key was invalid for this instance");
    const identity = colon >= 0 ? parseAdminIdentity(rest.slice(colon + 1)) : null;
    return { identity, authToken: null, isAdmin: true };
  }
  throw new AuthError("Authorization header must be `Bearer <token>` or `Convex <admin key>`");
}

/** "Clean" JSON export format used when `format` is not convex_encoded_json. */
export function toCleanJson(v: unknown): JSONValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "Infinity";
    if (v === -Infinity) return "-Infinity";
    return v;
  }
  if (v instanceof ArrayBuffer) return Buffer.from(v).toString("base64");
  if (Array.isArray(v)) return v.map(toCleanJson);
  if (typeof v === "object") {
    const out: Record<string, JSONValue> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toCleanJson(x);
    return out;
  }
  return typeof v === "string" || typeof v === "boolean" ? v : String(v);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const s = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(s);
}

function outcomeBody(out: Outcome, encoded: boolean): [number, Record<string, unknown>] {
  if (out.success) {
    return [
      200,
      {
        status: "success",
        value: encoded ? convexToJson((out.value ?? null) as Value) : toCleanJson(out.value),
        logLines: out.logLines,
      },
    ];
  }
  return [
    560,
    {
      status: "error",
      errorMessage: out.errorMessage,
      ...(out.errorData !== undefined
        ? { errorData: encoded ? out.errorData : toCleanJson(jsonToConvex(out.errorData)) }
        : {}),
      logLines: out.logLines,
    },
  ];
}

function decodeArgs(a: unknown): Value {
  try {
    if (a === undefined || a === null) return {};
    if (Array.isArray(a)) return jsonToConvex((a[0] ?? {}) as JSONValue);
    return jsonToConvex(a as JSONValue);
  } catch (e) {
    throw new RequestError(400, "BadConvexValue", `Invalid function arguments: ${(e as Error).message}`);
  }
}

function sendError(res: http.ServerResponse, e: RequestError) {
  // The body may be partly unread (e.g. 413): close the connection rather than drain it.
  res.setHeader("Connection", "close");
  sendJson(res, e.status, { code: e.code, message: e.message });
}

export interface CloudHandlerDeps {
  engine: Engine;
  auth: AuthVerifier;
  adminKey: string;
  ready: Promise<void>;
  instanceName: string;
  origins: OriginPolicy;
  /** the official CLI's deployment endpoints (push, env, logs, export) */
  cli?: CliDeployment;
  siteUrl: () => string;
}

export function makeCloudHandler(d: CloudHandlerDeps) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const p = url.pathname;
      const origin = req.headers.origin;
      // Web pages other than the dashboard get no CORS headers and nothing runs for them
      // (a simple POST needs no preflight, so withholding the headers alone would not stop it).
      if (!d.origins.permits(origin)) throw new RequestError(403, "ForbiddenOrigin", "Origin not allowed");
      const authorization = req.headers.authorization;
      const adminKeyRequest = typeof authorization === "string" && authorization.startsWith("Convex ");
      // The admin key never works from a browser page, not even the dashboard's.
      if (adminKeyRequest && origin !== undefined)
        throw new RequestError(403, "ForbiddenOrigin", "The admin key cannot be used from a browser origin");
      if (origin !== undefined) setCorsHeaders(res, origin);
      if (req.method === "OPTIONS") {
        res.writeHead(204);
        res.end();
        return;
      }
      if (p === "/version" || p === "/api/version") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.end("local-backend-1.48.0");
        return;
      }
      if (p === "/instance_name") {
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.end(d.instanceName);
        return;
      }
      await d.ready;
      // ---- file storage
      if (p === "/api/storage/upload" && req.method === "POST") {
        if (!d.engine.files.checkToken(url.searchParams.get("token"))) {
          sendJson(res, 401, { code: "InvalidUploadToken", message: "Upload URL is invalid or expired" });
          return;
        }
        const bytes = await readBody(req, LIMITS.upload, { decompress: false });
        const ct = req.headers["content-type"];
        const storageId = await d.engine.storeFile(bytes, ct && ct !== "application/octet-stream" ? ct : (ct ?? null));
        sendJson(res, 200, { storageId });
        return;
      }
      if (p.startsWith("/api/storage/") && (req.method === "GET" || req.method === "HEAD")) {
        const id = p.slice("/api/storage/".length);
        const n = tableNumberFromId(id);
        const table = n === null ? undefined : d.engine.db.tableForNumber(n);
        const doc =
          table && splitTableKey(table.name).name === "_storage"
            ? (table.docs.get(id) as StorageDoc | undefined)
            : undefined;
        const bytes = doc ? d.engine.files.read(id) : null;
        if (!doc || !bytes) {
          res.writeHead(404, { "Content-Type": "text/plain" });
          res.end("File not found");
          return;
        }
        res.writeHead(200, {
          "Content-Type": doc.contentType ?? "application/octet-stream",
          "Content-Length": String(bytes.length),
          "Cache-Control": "private, max-age=2592000",
        });
        res.end(req.method === "HEAD" ? undefined : bytes);
        return;
      }

      // ---- the official CLI (cli/deployment.ts): admin key in the header
      if (d.cli?.handles(p) && adminKeyRequest) {
        if (!secretEquals(authorization.slice(7).trim(), d.adminKey)) {
          sendJson(res, 401, { code: "BadAdminKey", message: "The provided admin key was invalid for this instance" });
          return;
        }
        await d.cli.handle(req, res, p, url, `http://${req.headers.host}`, d.siteUrl());
        return;
      }

      // ---- codegen shim: admin only. The CLI sends `Authorization: Convex <key>`; older calls put
      // `adminKey` in a small body, which is read (bounded) before the key can be checked.
      if (p === "/api/get_config_hashes" || p === "/api/deploy2/start_push") {
        const headerKey = adminKeyRequest ? authorization.slice(7).trim() : null;
        if (headerKey !== null && !secretEquals(headerKey, d.adminKey)) {
          sendJson(res, 401, { code: "BadAdminKey", message: "The provided admin key was invalid for this instance" });
          return;
        }
        const body = jsonFields(
          parseJsonBody(await readBody(req, headerKey !== null ? LIMITS.pushBody : LIMITS.anonymousShimBody)),
        );
        if (headerKey === null && !(typeof body.adminKey === "string" && secretEquals(body.adminKey, d.adminKey))) {
          sendJson(res, 401, { code: "BadAdminKey", message: "The provided admin key was invalid for this instance" });
          return;
        }
        if (p === "/api/get_config_hashes") {
          sendJson(res, 200, {
            config: { functions: "convex/" },
            moduleHashes: [],
            nodeDependencies: [],
            udfServerVersion: null,
          });
        } else {
          sendJson(res, 200, startPushResponse(body, d.engine));
        }
        return;
      }

      // Authenticate before reading (and decompressing) the body: a bad token costs no memory.
      let caller: CallerAuth;
      try {
        caller = await authFromHeader(authorization, d.auth, d.adminKey);
      } catch (e) {
        res.setHeader("Connection", "close");
        sendJson(res, 401, { code: "Unauthenticated", message: (e as Error).message });
        return;
      }
      const body = req.method === "POST" ? parseJsonBody(await readBody(req, LIMITS.functionBody)) : {};
      if (typeof body !== "object" || body === null || Array.isArray(body))
        throw new RequestError(400, "BadJsonBody", "Request body must be a JSON object");
      const opts: CallOptions = {
        identity: caller.identity,
        authToken: caller.authToken,
        fromClient: !caller.isAdmin,
      };

      if (p === "/api/query_ts") {
        sendJson(res, 200, { ts: encodeTs(d.engine.db.lastTs) });
        return;
      }
      if (p === "/api/query_batch") {
        if (!Array.isArray(body.queries)) throw new RequestError(400, "BadRequest", "`queries` must be an array");
        const queries = (body.queries as unknown[]).map((raw) => {
          const q = raw as { path?: unknown; args?: unknown; format?: unknown } | null;
          if (typeof q?.path !== "string") throw new RequestError(400, "BadRequest", "Missing `path`");
          return { path: q.path as string, args: decodeArgs(q.args), encoded: q.format === "convex_encoded_json" };
        });
        const results: Record<string, unknown>[] = [];
        await d.engine.lock.run(async () => {
          for (const q of queries) {
            const out = await d.engine.runQuery(q.path, q.args, { ...opts, lockHeld: true });
            results.push(outcomeBody(out, q.encoded)[1]);
          }
        });
        sendJson(res, 200, { results });
        return;
      }
      let kind: "query" | "mutation" | "action" | "any" | null = null;
      // a non-string path is answered "Missing `path`" below; a non-string format means clean JSON
      let path = typeof body.path === "string" ? body.path : undefined;
      let args: unknown = body.args;
      let format = typeof body.format === "string" ? body.format : undefined;
      if (p === "/api/query" || p === "/api/query_at_ts") kind = "query";
      else if (p === "/api/mutation") kind = "mutation";
      else if (p === "/api/action") kind = "action";
      else if (p === "/api/function") kind = "any";
      else if (p.startsWith("/api/run/")) {
        kind = "any";
        const parts = p.slice("/api/run/".length).split("/").filter(Boolean);
        const fn = parts.pop();
        path = `${parts.join("/")}:${fn}`;
      }
      if (req.method === "GET" && p === "/api/query") {
        path = url.searchParams.get("path") ?? undefined;
        args = parseJsonBody(Buffer.from(url.searchParams.get("args") ?? "{}"));
        format = url.searchParams.get("format") ?? undefined;
      }
      if (!kind) {
        sendJson(res, 404, { code: "NotFound", message: `Unknown endpoint ${p}` });
        return;
      }
      if (typeof path !== "string") {
        sendJson(res, 400, { code: "BadRequest", message: "Missing `path`" });
        return;
      }
      const a = decodeArgs(args);
      // `npx convex run --component <path>`: admin only
      if (typeof body.componentPath === "string" && body.componentPath) {
        if (!caller.isAdmin) {
          sendJson(res, 401, {
            code: "Unauthenticated",
            message: "Calling component functions requires the admin key",
          });
          return;
        }
        opts.componentPath = body.componentPath;
      }
      const out =
        kind === "query"
          ? await d.engine.runQuery(path, a, opts)
          : kind === "mutation"
            ? await d.engine.runMutation(path, a, opts)
            : kind === "action"
              ? await d.engine.runAction(path, a, opts)
              : await d.engine.runAny(path, a, opts);
      const [status, resBody] = outcomeBody(out, format === "convex_encoded_json");
      sendJson(res, status, resBody);
    } catch (e) {
      if (e instanceof RequestError) {
        if (!res.headersSent) sendError(res, e);
        else res.end();
        return;
      }
      console.error("[local-backend] request failed", e);
      if (!res.headersSent) sendJson(res, 500, { code: "InternalServerError", message: "Internal server error" });
      else res.end();
    }
  };
}

export function makeSiteHandler(d: CloudHandlerDeps) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      await d.ready;
      const base = d.siteUrl();
      const url = new URL(req.url ?? "/", base);
      let caller: CallerAuth;
      try {
        const h = req.headers.authorization;
        caller = h?.startsWith("Bearer ")
          ? await authFromHeader(h, d.auth, d.adminKey)
          : { identity: null, authToken: null, isAdmin: false };
      } catch {
        // Like Convex (http_actions.rs): the Authorization header may belong to the developer
        // (e.g. Vonage's signed-webhook JWT), so an unverifiable token means "no identity",
        // not a rejected request.
        caller = { identity: null, authToken: null, isAdmin: false };
      }
      const method = req.method ?? "GET";
      // PERF: the request crosses to an action worker as plain parts; the worker builds the `Request`
      const headers: [string, string][] = [];
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined) continue;
        if (Array.isArray(v)) for (const x of v) headers.push([k, x]);
        else headers.push([k, v]);
      }
      const hasBody = method !== "GET" && method !== "HEAD";
      // Passed through compressed, as Convex does: the action decides what Content-Encoding means.
      const body = hasBody ? await readBody(req, LIMITS.httpActionBody, { decompress: false }) : undefined;
      const request: HttpRequestParts = {
        url: url.href,
        method: method === "HEAD" ? "GET" : method,
        headers,
        body: hasBody && body?.length ? new Uint8Array(body) : null,
      };
      const response = await d.engine.runHttpAction(request, caller.identity, caller.authToken);
      const outHeaders: Record<string, string | string[]> = {};
      response.headers.forEach((v, k) => {
        if (k === "set-cookie") return;
        outHeaders[k] = v;
      });
      const cookies = response.headers.getSetCookie?.() ?? [];
      if (cookies.length) outHeaders["set-cookie"] = cookies;
      const whole = completeBody(response);
      if (
        whole &&
        method !== "HEAD" &&
        outHeaders["content-length"] === undefined &&
        !outHeaders["transfer-encoding"]
      ) {
        // the body arrived whole: head and body in one write, with its length (not chunked)
        const bytes =
          whole.length === 1
            ? Buffer.from(whole[0]!.buffer, whole[0]!.byteOffset, whole[0]!.byteLength)
            : Buffer.concat(whole);
        outHeaders["content-length"] = String(bytes.length);
        res.writeHead(response.status, response.statusText || undefined, outHeaders);
        res.end(bytes);
        return;
      }
      res.writeHead(response.status, response.statusText || undefined, outHeaders);
      if (method === "HEAD" || !response.body) {
        res.end();
        return;
      }
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!res.write(Buffer.from(value))) await new Promise((r) => res.once("drain", r));
      }
      res.end();
    } catch (e) {
      if (e instanceof RequestError) {
        if (!res.headersSent) {
          res.writeHead(e.status, { "Content-Type": "text/plain", Connection: "close" });
          res.end(e.message);
        } else res.end();
        return;
      }
      console.error("[local-backend] http action failed", e);
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String((e as Error)?.message ?? e));
      } else res.end();
    }
  };
}
