import type { z } from "zod";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { sha256Hex } from "@switchboard/channels/crypto";
import { jsonError } from "../lib/http";
import { openApiDocument } from "./openapi";
import { createContactBody, listQuery, sendMessageBody, updateContactBody } from "./schemas";

/**
 * REST API v1 for integrators: `Authorization: Bearer sb_live_...` (per-organization keys,
 * SHA-256 at rest), JSON in and out, errors as `{error:{code,message}}`, cursor pagination
 * (`?cursor=&limit=` -> `{data, nextCursor}`). Routed from http.ts under /api/v1/.
 */
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PATCH, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
};

const json = (status: number, body: unknown) => Response.json(body, { status, headers: CORS });
const error = (status: number, code: string, message: string) => jsonError(status, code, message, CORS);

type Key = { organizationId: Id<"organizations">; keyId: Id<"apiKeys">; name: string };
type Route = { method: string; pattern: RegExp; handle: (ctx: ActionCtx, key: Key, params: string[], request: Request) => Promise<Response> };

async function body<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S> | Response> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) {
    return error(415, "unsupported_media_type", "Send a JSON body with Content-Type: application/json");
  }
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return error(400, "invalid_json", "The body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return error(400, "invalid_request", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; "));
  }
  return parsed.data;
}

function query(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return listQuery.safeParse(params);
}

const page = <T>(result: { page: T[]; isDone: boolean; continueCursor: string }) => ({
  data: result.page,
  nextCursor: result.isDone ? null : result.continueCursor,
});

const routes: Route[] = [
  {
    method: "GET",
    pattern: /^\/api\/v1\/threads$/,
    handle: async (ctx, key, _params, request) => {
      const q = query(request);
      if (!q.success) return error(400, "invalid_request", q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const result = await ctx.runQuery(internal.rest.resources.threads, {
        organizationId: key.organizationId,
        status: q.data.status,
        paginationOpts: { numItems: q.data.limit, cursor: q.data.cursor ?? null },
      });
      return json(200, page(result));
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/v1\/threads\/([^/]+)$/,
    handle: async (ctx, key, [threadId]) => {
      const thread = await ctx.runQuery(internal.rest.resources.thread, { organizationId: key.organizationId, threadId: threadId! });
      return thread ? json(200, thread) : error(404, "not_found", "No such thread");
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/v1\/threads\/([^/]+)\/messages$/,
    handle: async (ctx, key, [threadId], request) => {
      const q = query(request);
      if (!q.success) return error(400, "invalid_request", q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      const result = await ctx.runQuery(internal.rest.resources.messages, {
        organizationId: key.organizationId,
        threadId: threadId!,
        paginationOpts: { numItems: q.data.limit, cursor: q.data.cursor ?? null },
      });
      return result ? json(200, page(result)) : error(404, "not_found", "No such thread");
    },
  },
  {
    method: "POST",
    pattern: /^\/api\/v1\/messages$/,
    handle: async (ctx, key, _params, request) => {
      const input = await body(request, sendMessageBody);
      if (input instanceof Response) return input;
      try {
        const id = await ctx.runMutation(internal.rest.resources.sendMessage, {
          organizationId: key.organizationId,
          apiKeyName: key.name,
          threadId: input.threadId,
          channel: input.channel,
          text: input.text,
          subject: input.subject,
          template: input.template as { name: string; language: string; components?: unknown[] } | undefined,
        });
        return id ? json(202, { id, status: "queued" }) : error(404, "not_found", "No such thread");
      } catch (e) {
        return error(422, "cannot_send", convexMessage(e));
      }
    },
  },
  {
    method: "POST",
    pattern: /^\/api\/v1\/contacts$/,
    handle: async (ctx, key, _params, request) => {
      const input = await body(request, createContactBody);
      if (input instanceof Response) return input;
      const result = await ctx.runMutation(internal.rest.resources.createContact, { organizationId: key.organizationId, ...input });
      if ("conflict" in result) return error(409, "conflict", `An identity already belongs to contact ${result.conflict}`);
      const contact = await ctx.runQuery(internal.rest.resources.contact, { organizationId: key.organizationId, contactId: result.contactId });
      return json(201, contact);
    },
  },
  {
    method: "GET",
    pattern: /^\/api\/v1\/contacts\/([^/]+)$/,
    handle: async (ctx, key, [contactId]) => {
      const contact = await ctx.runQuery(internal.rest.resources.contact, { organizationId: key.organizationId, contactId: contactId! });
      return contact ? json(200, contact) : error(404, "not_found", "No such contact");
    },
  },
  {
    method: "PATCH",
    pattern: /^\/api\/v1\/contacts\/([^/]+)$/,
    handle: async (ctx, key, [contactId], request) => {
      const input = await body(request, updateContactBody);
      if (input instanceof Response) return input;
      const ok = await ctx.runMutation(internal.rest.resources.updateContact, { organizationId: key.organizationId, contactId: contactId!, ...input });
      if (!ok) return error(404, "not_found", "No such contact");
      return json(200, await ctx.runQuery(internal.rest.resources.contact, { organizationId: key.organizationId, contactId: contactId! }));
    },
  },
];

/** Extra routes registered by other modules (CRM timeline, merge suggestions). */
export const extraRoutes: Route[] = [];

function convexMessage(e: unknown): string {
  const data = (e as { data?: { message?: string } }).data;
  return data?.message ?? (e instanceof Error ? e.message : String(e));
}

export async function handleRest(ctx: ActionCtx, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  if (url.pathname === "/api/v1/openapi.json" && request.method === "GET") {
    return json(200, openApiDocument(url.origin));
  }
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(sb_live_[A-Za-z0-9]{32})$/.exec(header)?.[1];
  if (!token) return error(401, "unauthenticated", "Send an API key: Authorization: Bearer sb_live_...");
  const key = await ctx.runQuery(internal.rest.apiKeys.authenticate, { hash: await sha256Hex(token) });
  if (!key) return error(401, "unauthenticated", "Unknown or revoked API key");

  const candidates = [...routes, ...extraRoutes].filter((r) => r.pattern.test(url.pathname));
  if (candidates.length === 0) return error(404, "not_found", `No endpoint ${url.pathname}`);
  const route = candidates.find((r) => r.method === request.method);
  if (!route) return error(405, "method_not_allowed", `${request.method} is not allowed on ${url.pathname}`);
  await ctx.runMutation(internal.rest.apiKeys.touch, { keyId: key.keyId });
  return route.handle(ctx, key, route.pattern.exec(url.pathname)!.slice(1), request);
}
