import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import { sha256Hex } from "@switchboard/channels/crypto";
import type { Context, MiddlewareHandler } from "hono";
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { ActionCtx } from "../_generated/server";
import { jsonError } from "../lib/http";
import { REST_UPLOAD_MAX_BYTES, readBounded, UPLOADABLE_CONTENT_TYPES, uploadRule } from "./files";
import { restBucketOf, retryAfterSeconds } from "./rateLimits";
import {
  addThreadLabelBody,
  claimFileBody,
  createContactBody,
  createLabelBody,
  createNoteBody,
  createSavedReplyBody,
  listQuery,
  searchQuery,
  sendMessageBody,
  updateContactBody,
  updateThreadBody,
  uploadQuery,
} from "./schemas";

/**
 * REST API v1 for integrators: `Authorization: Bearer sb_live_...` (per-organization keys,
 * SHA-256 at rest), JSON in and out, errors as `{error:{code,message}}`, cursor pagination
 * (`?cursor=&limit=` -> `{data, nextCursor}`). Routed from http.ts under /api/v1/.
 *
 * Served by Hono with @hono/zod-openapi on a Convex HTTP action (the Hono env is the action ctx,
 * as convex-helpers/server/hono does it): every route is declared once with its zod schemas, and
 * the OpenAPI document (/api/v1/openapi.json) is generated from these declarations.
 */
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, POST, PATCH, DELETE, OPTIONS",
  "access-control-allow-headers": "authorization, content-type",
};

type Key = { organizationId: Id<"organizations">; keyId: Id<"apiKeys">; name: string };
type Env = { Bindings: ActionCtx; Variables: { key: Key } };
type RestContext = Context<Env>;

const json = (status: number, body: unknown) => Response.json(body, { status, headers: CORS });
const error = (status: number, code: string, message: string) => jsonError(status, code, message, CORS);

const issues = (list: { path: PropertyKey[]; message: string }[], fallback: string) =>
  list.map((i) => `${i.path.map(String).join(".") || fallback}: ${i.message}`).join("; ");

const app = new OpenAPIHono<Env>({
  // Invalid query or body: the same 400 shape as every other error.
  defaultHook: (result) => {
    if (!result.success)
      return error(400, "invalid_request", issues(result.error.issues, result.target === "json" ? "body" : ""));
  },
});

// -------------------------------------------------------------------------- before any route
app.use("*", async (c, next) => {
  if (c.req.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
  await next();
});

const OPENAPI_PATH = "/api/v1/openapi.json";

/** API key check for everything but the OpenAPI document. */
app.use("*", async (c, next) => {
  if (c.req.path === OPENAPI_PATH && c.req.method === "GET") return next();
  const header = c.req.header("authorization") ?? "";
  const token = /^Bearer\s+(sb_live_[A-Za-z0-9]{32})$/.exec(header)?.[1];
  if (!token) return error(401, "unauthenticated", "Send an API key: Authorization: Bearer sb_live_...");
  const key = await c.env.runQuery(internal.rest.apiKeys.authenticate, { hash: await sha256Hex(token) });
  if (!key) return error(401, "unauthenticated", "Unknown or revoked API key");
  // Charged only now: an unknown key never gets a bucket (rest/rateLimits.ts).
  const charged = await c.env.runMutation(internal.rest.rateLimits.charge, {
    organizationId: key.organizationId,
    keyId: key.keyId,
    bucket: restBucketOf(c.req.method, c.req.path),
  });
  if (!charged.ok) return rateLimited(charged.retryAfter);
  c.set("key", key);
  await next();
});

/** 429 with Retry-After (whole seconds) and the usual error body: the key's or the organization's bucket is empty. */
const rateLimited = (retryAfterMs: number) =>
  jsonError(429, "rate_limited", "Too many requests; retry after Retry-After seconds", {
    ...CORS,
    "retry-after": String(retryAfterSeconds(retryAfterMs)),
  });

/** 429 for an organization with too many uploads pending (messages/uploads.ts): wait, or use them. */
const tooManyPending = (refused: { retryAfterMs: number; message: string }) =>
  jsonError(429, "too_many_pending_uploads", refused.message, {
    ...CORS,
    "retry-after": String(retryAfterSeconds(refused.retryAfterMs)),
  });

/**
 * Route middleware (runs after the route matched, before validation): the body must be JSON that
 * parses (415 / invalid_json, before zod).
 */
const jsonBody: MiddlewareHandler<Env> = async (c, next) => {
  if (!(c.req.header("content-type") ?? "").includes("application/json")) {
    return error(415, "unsupported_media_type", "Send a JSON body with Content-Type: application/json");
  }
  try {
    await c.req.json(); // cached by Hono; the validator reads the same parsed body
  } catch {
    return error(400, "invalid_json", "The body is not valid JSON");
  }
  await next();
};

// ------------------------------------------------------------------------------ documents
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).openapi("Error");
const Thread = z
  .object({
    _id: z.string(),
    contactId: z.string(),
    status: z.string(),
    subject: z.string().optional(),
    priority: z.enum(["low", "normal", "high", "urgent"]).optional(),
    lastMessageAt: z.number(),
    lastMessagePreview: z.string().optional(),
    lastChannel: z.string().optional(),
    teamId: z.string().optional(),
    assigneeId: z.string().optional(),
    unreadCount: z.number(),
    messageCount: z.number(),
  })
  .openapi("Thread");
const Team = z
  .object({
    _id: z.string(),
    name: z.string(),
    policy: z.enum(["manual", "round_robin", "fewest_open"]),
    channels: z.array(z.string()),
    leadMemberId: z.string().nullable(),
  })
  .openapi("Team");
const Message = z
  .object({
    _id: z.string(),
    threadId: z.string(),
    contactId: z.string(),
    channel: z.string(),
    direction: z.string(),
    status: z.string(),
    from: z.string().describe("the sender's address on the channel (phone number, email address, ...)"),
    to: z.string(),
    senderName: z.string().optional(),
    subject: z.string().optional(),
    text: z.string(),
    sentAt: z.number(),
    error: z
      .object({ code: z.string().optional(), message: z.string() })
      .optional()
      .describe("why delivery failed (status failed)"),
    attachments: z.array(
      z.object({
        contentType: z.string().optional(),
        size: z.number().optional(),
        filename: z.string().optional(),
        caption: z.string().optional(),
      }),
    ),
  })
  .openapi("Message");
const File = z
  .object({
    id: z.string().describe("pass as attachments[].fileId when sending a message"),
    contentType: z.string(),
    size: z.number(),
    filename: z.string(),
  })
  .openapi("File");
const Contact = z
  .object({
    _id: z.string(),
    displayName: z.string(),
    company: z.string().optional(),
    title: z.string().optional(),
    timezone: z.string().optional(),
    identities: z.array(z.object({ channel: z.string(), identifier: z.string(), verified: z.boolean() })),
  })
  .openapi("Contact");
const Note = z
  .object({
    _id: z.string(),
    threadId: z.string(),
    authorName: z.string(),
    text: z.string(),
    mentionMemberIds: z.array(z.string()),
    createdAt: z.number(),
  })
  .openapi("Note");
const Label = z.object({ _id: z.string(), name: z.string(), color: z.string() }).openapi("Label");
const SavedReply = z
  .object({ _id: z.string(), title: z.string(), shortcut: z.string(), body: z.string(), updatedAt: z.number() })
  .openapi("SavedReply");
const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

const content = (schema: z.ZodType) => ({ "application/json": { schema } });
const errors = {
  400: { description: "Invalid request", content: content(ErrorBody) },
  401: { description: "Missing or invalid API key", content: content(ErrorBody) },
  404: { description: "Not found", content: content(ErrorBody) },
  429: {
    description:
      "Rate limited (per key: reads 600/min, writes 120/min, files 30/min, upload URLs 10/min; per organization 1800/min, 120 files/min); nothing was done",
    headers: {
      "Retry-After": { description: "Seconds until the request can pass", schema: { type: "integer" as const } },
    },
    content: content(ErrorBody),
  },
};
/** Why an upload or claim is refused (nothing is kept). */
const fileRefusals = {
  413: { description: "Larger than the channel (or any channel) accepts for this type", content: content(ErrorBody) },
  415: { description: "A type the channel (or no channel) sends", content: content(ErrorBody) },
  422: { description: "The channel sends no attachments", content: content(ErrorBody) },
};
/** The upload routes' 429 also covers the cap on pending uploads. */
const uploadErrors = {
  ...errors,
  429: {
    ...errors[429],
    description:
      "Rate limited (rate_limited), or the organization's keys have 100 uploads pending (too_many_pending_uploads: upload URLs not yet claimed and files not yet sent); nothing was stored",
  },
};
const threadId = z.object({ threadId: z.string() });
const threadLabelId = z.object({ threadId: z.string(), labelId: z.string() });
const contactId = z.object({ contactId: z.string() });
const body = (schema: z.ZodType) => ({ body: { required: true, content: content(schema) } });

function route<R extends RouteConfig>(config: R) {
  const withBody = config.request?.body !== undefined;
  return createRoute({ ...config, middleware: withBody ? [jsonBody] : [] });
}

/** A refusal from the data layer (validation or conflict) as its HTTP error. */
function refused(r: { refused: { code: string; message: string } }): Response {
  return r.refused.code === "conflict"
    ? error(409, "conflict", r.refused.message)
    : error(400, "invalid_request", r.refused.message);
}

/**
 * Declares a route: input is validated by its zod schemas (defaultHook answers 400) and it appears
 * in the document. Handlers answer with the shared JSON/CORS helpers rather than c.json, so their
 * return type is a plain Response (hence the one cast).
 */
function serve<R extends RouteConfig>(config: R, handler: (c: RestContext) => Promise<Response>) {
  app.openapi(route(config), handler as never);
}

/** One page as JSON, or 400 when the cursor was not one this endpoint handed out. */
const pageResponse = <T>(result: { page: T[]; isDone: boolean; continueCursor: string } | { invalidCursor: true }) =>
  "invalidCursor" in result
    ? error(400, "invalid_request", "cursor: not a cursor this endpoint returned (pass nextCursor unchanged)")
    : json(200, { data: result.page, nextCursor: result.isDone ? null : result.continueCursor });

function convexMessage(e: unknown): string {
  const data = (e as { data?: { message?: string } }).data;
  return data?.message ?? (e instanceof Error ? e.message : String(e));
}

const convexCode = (e: unknown) => (e as { data?: { code?: string } }).data?.code;

// ---------------------------------------------------------------------------------- routes
serve(
  {
    method: "get",
    path: "/api/v1/threads",
    summary: "List threads, newest activity first",
    request: { query: listQuery },
    responses: { 200: { description: "A page of threads", content: content(pageOf(Thread)) }, ...errors },
  },
  async (c) => {
    const q = listQuery.parse(c.req.query());
    const result = await c.env.runQuery(internal.rest.resources.threads, {
      organizationId: c.get("key").organizationId,
      status: q.status,
      paginationOpts: { numItems: q.limit, cursor: q.cursor ?? null },
    });
    return pageResponse(result);
  },
);

serve(
  {
    method: "get",
    path: "/api/v1/threads/{threadId}",
    summary: "Get a thread",
    request: { params: threadId },
    responses: { 200: { description: "The thread", content: content(Thread) }, ...errors },
  },
  async (c) => {
    const thread = await c.env.runQuery(internal.rest.resources.thread, {
      organizationId: c.get("key").organizationId,
      threadId: c.req.param("threadId")!,
    });
    return thread ? json(200, thread) : error(404, "not_found", "No such thread");
  },
);

serve(
  {
    method: "get",
    path: "/api/v1/threads/{threadId}/messages",
    summary: "Messages of a thread, newest first",
    request: { params: threadId, query: listQuery },
    responses: { 200: { description: "A page of messages", content: content(pageOf(Message)) }, ...errors },
  },
  async (c) => {
    const q = listQuery.parse(c.req.query());
    const result = await c.env.runQuery(internal.rest.resources.messages, {
      organizationId: c.get("key").organizationId,
      threadId: c.req.param("threadId")!,
      paginationOpts: { numItems: q.limit, cursor: q.cursor ?? null },
    });
    return result ? pageResponse(result) : error(404, "not_found", "No such thread");
  },
);

serve(
  {
    method: "post",
    path: "/api/v1/messages",
    summary: "Send a message in a thread (queued, then delivered asynchronously)",
    request: body(sendMessageBody),
    responses: {
      202: { description: "Queued", content: content(z.object({ id: z.string(), status: z.literal("queued") })) },
      422: { description: "The message cannot be sent", content: content(ErrorBody) },
      ...errors,
    },
  },
  async (c) => {
    const input = sendMessageBody.parse(await c.req.json());
    const key = c.get("key");
    try {
      const id = await c.env.runMutation(internal.rest.resources.sendMessage, {
        organizationId: key.organizationId,
        apiKeyName: key.name,
        threadId: input.threadId,
        channel: input.channel,
        text: input.text,
        subject: input.subject,
        template: input.template as { name: string; language: string; components?: unknown[] } | undefined,
        attachments: input.attachments,
      });
      return id ? json(202, { id, status: "queued" }) : error(404, "not_found", "No such thread");
    } catch (e) {
      // An attachment id that is not one of the organization's files is not found (nothing queued).
      if (convexCode(e) === "not_found") return error(404, "not_found", convexMessage(e));
      return error(422, "cannot_send", convexMessage(e));
    }
  },
);

// Not through `serve`: the body is the file itself, not JSON.
app.openapi(
  createRoute({
    method: "post",
    path: "/api/v1/files",
    summary:
      "Upload a file to attach to messages: the body is the file, its type the Content-Type (at most 20 MB; the channel's limits apply)",
    request: {
      query: uploadQuery,
      body: {
        required: true,
        content: Object.fromEntries(
          UPLOADABLE_CONTENT_TYPES.map((type) => [type, { schema: z.string().openapi({ format: "binary" }) }]),
        ),
      },
    },
    responses: {
      201: {
        description: "Stored; send its id in attachments[].fileId within 24 hours (an unsent file is deleted then)",
        content: content(File),
      },
      ...fileRefusals,
      ...uploadErrors,
    },
  }),
  (async (c: RestContext) => {
    const q = uploadQuery.parse(c.req.query());
    const rule = uploadRule(c.req.header("content-type"), q.channel);
    if (!rule.ok) return error(rule.status, rule.code, rule.message);
    const pending = await c.env.runQuery(internal.rest.files.uploadRefusal, {
      organizationId: c.get("key").organizationId,
    });
    if (pending) return tooManyPending(pending);
    const bytes = await readBounded(c.req.raw, Math.min(rule.maxBytes, REST_UPLOAD_MAX_BYTES));
    if (bytes === "too_large")
      return error(
        413,
        "payload_too_large",
        rule.maxBytes > REST_UPLOAD_MAX_BYTES
          ? `This endpoint takes files up to ${REST_UPLOAD_MAX_BYTES} bytes; upload larger ones through POST /api/v1/files/upload-url`
          : `${rule.contentType} files are accepted up to ${rule.maxBytes} bytes${q.channel ? ` on ${q.channel}` : ""}`,
      );
    if (bytes.byteLength === 0) return error(400, "invalid_request", "The body is empty: send the file's bytes");
    const storageId = await c.env.storage.store(new Blob([bytes], { type: rule.contentType }));
    const recorded = await c.env.runMutation(internal.rest.files.record, {
      organizationId: c.get("key").organizationId,
      storageId,
      contentType: rule.contentType,
      filename: q.filename,
    });
    return recorded.refused ? tooManyPending(recorded.refused) : json(201, recorded.file);
  }) as never,
);

serve(
  {
    method: "post",
    path: "/api/v1/files/upload-url",
    summary:
      "An upload URL for a file of any size: POST the file to it (its type as Content-Type), then claim the storageId it answers within the hour (unclaimed uploads are deleted)",
    responses: {
      200: { description: "A short-lived upload URL", content: content(z.object({ uploadUrl: z.string() })) },
      ...uploadErrors,
    },
  },
  async (c) => {
    const result = await c.env.runMutation(internal.rest.files.issueUploadUrl, {
      organizationId: c.get("key").organizationId,
    });
    return result.refused ? tooManyPending(result.refused) : json(200, { uploadUrl: result.uploadUrl });
  },
);

serve(
  {
    method: "post",
    path: "/api/v1/files/claim",
    summary:
      "Make a file uploaded to an upload URL (within the hour) the organization's; the channel's limits apply (a refused file is deleted)",
    request: body(claimFileBody),
    responses: {
      201: {
        description: "The file; send its id in attachments[].fileId within 24 hours (an unsent file is deleted then)",
        content: content(File),
      },
      ...fileRefusals,
      ...errors,
    },
  },
  async (c) => {
    const input = claimFileBody.parse(await c.req.json());
    const result = await c.env.runMutation(internal.rest.files.claim, {
      organizationId: c.get("key").organizationId,
      ...input,
    });
    return "refused" in result && result.refused
      ? error(result.refused.status, result.refused.code, result.refused.message)
      : json(201, result.file);
  },
);

serve(
  {
    method: "post",
    path: "/api/v1/contacts",
    summary: "Create a contact",
    request: body(createContactBody),
    responses: {
      201: { description: "Created", content: content(Contact) },
      409: { description: "An identity already belongs to another contact", content: content(ErrorBody) },
      ...errors,
    },
  },
  async (c) => {
    const input = createContactBody.parse(await c.req.json());
    const organizationId = c.get("key").organizationId;
    const result = await c.env.runMutation(internal.rest.resources.createContact, { organizationId, ...input });
    if ("invalid" in result) return error(400, "invalid_request", result.invalid);
    if ("conflict" in result)
      return error(409, "conflict", `An identity already belongs to contact ${result.conflict}`);
    return json(
      201,
      await c.env.runQuery(internal.rest.resources.contact, { organizationId, contactId: result.contactId }),
    );
  },
);

serve(
  {
    method: "get",
    path: "/api/v1/contacts/{contactId}",
    summary: "Get a contact with its identities",
    request: { params: contactId },
    responses: { 200: { description: "The contact", content: content(Contact) }, ...errors },
  },
  async (c) => {
    const contact = await c.env.runQuery(internal.rest.resources.contact, {
      organizationId: c.get("key").organizationId,
      contactId: c.req.param("contactId")!,
    });
    return contact ? json(200, contact) : error(404, "not_found", "No such contact");
  },
);

serve(
  {
    method: "patch",
    path: "/api/v1/contacts/{contactId}",
    summary: "Update a contact",
    request: { params: contactId, ...body(updateContactBody) },
    responses: { 200: { description: "Updated", content: content(Contact) }, ...errors },
  },
  async (c) => {
    const input = updateContactBody.parse(await c.req.json());
    const organizationId = c.get("key").organizationId;
    const id = c.req.param("contactId")!;
    const ok = await c.env.runMutation(internal.rest.resources.updateContact, {
      organizationId,
      contactId: id,
      ...input,
    });
    if (!ok) return error(404, "not_found", "No such contact");
    return json(200, await c.env.runQuery(internal.rest.resources.contact, { organizationId, contactId: id }));
  },
);

// ------------------------------------------------------------- notes, labels, saved replies
serve(
  {
    method: "get",
    path: "/api/v1/threads/{threadId}/notes",
    summary: "Private notes of a thread (never sent to the contact), oldest first",
    request: { params: threadId },
    responses: { 200: { description: "The notes", content: content(z.object({ data: z.array(Note) })) }, ...errors },
  },
  async (c) => {
    const notes = await c.env.runQuery(internal.rest.inbox.notes, {
      organizationId: c.get("key").organizationId,
      threadId: c.req.param("threadId")!,
    });
    return notes ? json(200, { data: notes }) : error(404, "not_found", "No such thread");
  },
);

serve(
  {
    method: "post",
    path: "/api/v1/threads/{threadId}/notes",
    summary: "Add a private note; @handles of members notify them",
    request: { params: threadId, ...body(createNoteBody) },
    responses: { 201: { description: "Created", content: content(Note) }, ...errors },
  },
  async (c) => {
    const input = createNoteBody.parse(await c.req.json());
    const key = c.get("key");
    const result = await c.env.runMutation(internal.rest.inbox.createNote, {
      organizationId: key.organizationId,
      threadId: c.req.param("threadId")!,
      text: input.text,
      apiKeyName: key.name,
    });
    if (!result) return error(404, "not_found", "No such thread");
    return "refused" in result ? refused(result) : json(201, result.note);
  },
);

serve(
  {
    method: "patch",
    path: "/api/v1/threads/{threadId}",
    summary: "Move a thread to a team and/or assign it (null clears; absent fields are left as they are)",
    request: { params: threadId, ...body(updateThreadBody) },
    responses: { 200: { description: "The thread", content: content(Thread) }, ...errors },
  },
  async (c) => {
    const input = updateThreadBody.parse(await c.req.json());
    const thread = await c.env.runMutation(internal.rest.teams.updateThread, {
      organizationId: c.get("key").organizationId,
      threadId: c.req.param("threadId")!,
      ...input,
    });
    return thread ? json(200, thread) : error(404, "not_found", "No such thread, team or member");
  },
);

serve(
  {
    method: "get",
    path: "/api/v1/teams",
    summary: "The organization's teams",
    responses: { 200: { description: "The teams", content: content(z.object({ data: z.array(Team) })) }, ...errors },
  },
  async (c) =>
    json(200, {
      data: await c.env.runQuery(internal.rest.teams.teams, { organizationId: c.get("key").organizationId }),
    }),
);

serve(
  {
    method: "get",
    path: "/api/v1/labels",
    summary: "The organization's labels",
    responses: { 200: { description: "The labels", content: content(z.object({ data: z.array(Label) })) }, ...errors },
  },
  async (c) =>
    json(200, {
      data: await c.env.runQuery(internal.rest.inbox.labels, { organizationId: c.get("key").organizationId }),
    }),
);

serve(
  {
    method: "post",
    path: "/api/v1/labels",
    summary: "Create a label",
    request: body(createLabelBody),
    responses: {
      201: { description: "Created", content: content(Label) },
      409: { description: "A label with this name exists", content: content(ErrorBody) },
      ...errors,
    },
  },
  async (c) => {
    const input = createLabelBody.parse(await c.req.json());
    const result = await c.env.runMutation(internal.rest.inbox.createLabel, {
      organizationId: c.get("key").organizationId,
      ...input,
    });
    return "refused" in result ? refused(result) : json(201, result.label);
  },
);

serve(
  {
    method: "get",
    path: "/api/v1/threads/{threadId}/labels",
    summary: "Labels on a thread",
    request: { params: threadId },
    responses: { 200: { description: "The labels", content: content(z.object({ data: z.array(Label) })) }, ...errors },
  },
  async (c) => {
    const labels = await c.env.runQuery(internal.rest.inbox.threadLabels, {
      organizationId: c.get("key").organizationId,
      threadId: c.req.param("threadId")!,
    });
    return labels ? json(200, { data: labels }) : error(404, "not_found", "No such thread");
  },
);

serve(
  {
    method: "post",
    path: "/api/v1/threads/{threadId}/labels",
    summary: "Put a label on a thread (idempotent)",
    request: { params: threadId, ...body(addThreadLabelBody) },
    responses: {
      200: { description: "The thread's labels", content: content(z.object({ data: z.array(Label) })) },
      409: { description: "The thread has the most labels it can carry", content: content(ErrorBody) },
      ...errors,
    },
  },
  async (c) => {
    const input = addThreadLabelBody.parse(await c.req.json());
    const result = await c.env.runMutation(internal.rest.inbox.setThreadLabel, {
      organizationId: c.get("key").organizationId,
      threadId: c.req.param("threadId")!,
      labelId: input.labelId,
      on: true,
    });
    if (!result) return error(404, "not_found", "No such thread or label");
    return "refused" in result ? refused(result) : json(200, { data: result.labels });
  },
);

serve(
  {
    method: "delete",
    path: "/api/v1/threads/{threadId}/labels/{labelId}",
    summary: "Take a label off a thread (idempotent)",
    request: { params: threadLabelId },
    responses: {
      200: { description: "The thread's labels", content: content(z.object({ data: z.array(Label) })) },
      ...errors,
    },
  },
  async (c) => {
    const result = await c.env.runMutation(internal.rest.inbox.setThreadLabel, {
      organizationId: c.get("key").organizationId,
      threadId: c.req.param("threadId")!,
      labelId: c.req.param("labelId")!,
      on: false,
    });
    if (!result) return error(404, "not_found", "No such thread or label");
    return "refused" in result ? refused(result) : json(200, { data: result.labels });
  },
);

serve(
  {
    method: "get",
    path: "/api/v1/saved-replies",
    summary: "Organization-wide saved replies (members' personal ones are not visible to API keys)",
    responses: {
      200: { description: "The saved replies", content: content(z.object({ data: z.array(SavedReply) })) },
      ...errors,
    },
  },
  async (c) =>
    json(200, {
      data: await c.env.runQuery(internal.rest.inbox.savedReplies, { organizationId: c.get("key").organizationId }),
    }),
);

serve(
  {
    method: "post",
    path: "/api/v1/saved-replies",
    summary: "Create an organization-wide saved reply ({{contact.firstName}}, {{agent.name}}, ... variables)",
    request: body(createSavedReplyBody),
    responses: {
      201: { description: "Created", content: content(SavedReply) },
      409: { description: "The shortcut is taken", content: content(ErrorBody) },
      ...errors,
    },
  },
  async (c) => {
    const input = createSavedReplyBody.parse(await c.req.json());
    const result = await c.env.runMutation(internal.rest.inbox.createSavedReply, {
      organizationId: c.get("key").organizationId,
      ...input,
    });
    return "refused" in result ? refused(result) : json(201, result.savedReply);
  },
);

const Snippet = z
  .object({
    text: z.string(),
    marks: z.array(z.tuple([z.number(), z.number()])).describe("[start, end) ranges of text that matched"),
    cutStart: z.boolean(),
    cutEnd: z.boolean(),
  })
  .openapi("Snippet");
const SearchResults = z
  .object({
    messages: z.array(
      z.object({
        messageId: z.string(),
        threadId: z.string(),
        contactId: z.string(),
        contactName: z.string(),
        channel: z.string(),
        direction: z.string(),
        sentAt: z.number(),
        snippet: Snippet,
      }),
    ),
    threads: z
      .array(
        z.object({
          threadId: z.string(),
          contactId: z.string(),
          contactName: z.string(),
          status: z.string(),
          lastChannel: z.string(),
          lastMessageAt: z.number(),
          snippet: Snippet,
        }),
      )
      .describe("threads whose subject matches (none when a channel is given)"),
    contacts: z.array(z.object({ contactId: z.string(), company: z.string().optional(), snippet: Snippet })),
  })
  .openapi("SearchResults");

serve(
  {
    method: "get",
    path: "/api/v1/search",
    summary: "Full-text search of message bodies, thread subjects and contact names, best matches first",
    request: { query: searchQuery },
    responses: {
      200: { description: "Matches with highlighted snippets", content: content(SearchResults) },
      ...errors,
    },
  },
  async (c) => {
    const q = searchQuery.parse(c.req.query());
    return json(
      200,
      await c.env.runQuery(internal.rest.resources.search, {
        organizationId: c.get("key").organizationId,
        q: q.q,
        channel: q.channel,
        limit: q.limit,
      }),
    );
  },
);

// ------------------------------------------------------------------- document and fallbacks
app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
  type: "http",
  scheme: "bearer",
  description: "An organization API key from Settings -> API keys",
});

/** Plain JSON, as served; paths -> method -> operation. */
export type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, unknown>> } & Record<
  string,
  unknown
>;

/** The OpenAPI 3.1 document of REST API v1, generated from the routes above. */
export function openApiDocument(serverUrl: string): OpenApiDocument {
  return { ...generatedDocument(), servers: [{ url: serverUrl }] };
}

/**
 * Generated once per isolate: the routes are fixed at module load, and the document is served to
 * anyone (no key), so a burst of anonymous requests must not regenerate it each time.
 */
let generated: OpenApiDocument | null = null;
function generatedDocument(): OpenApiDocument {
  generated ??= JSON.parse(
    JSON.stringify(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "Switchboard API",
          version: "1.0.0",
          description:
            "Threads, messages and contacts of one organization. Authenticate with `Authorization: Bearer sb_live_...`.",
        },
        security: [{ apiKey: [] }],
      }),
    ),
  ) as OpenApiDocument;
  return generated;
}

app.get(OPENAPI_PATH, (c) => json(200, openApiDocument(new URL(c.req.url).origin)));

/** Path patterns of the declared routes, for telling 405 (known path, other method) from 404. */
let patterns: RegExp[] | null = null;
const routePatterns = () =>
  (patterns ??= Object.keys(generatedDocument().paths).map(
    (template) => new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
  ));

app.notFound((c) => {
  if (routePatterns().some((p) => p.test(c.req.path))) {
    return error(405, "method_not_allowed", `${c.req.method} is not allowed on ${c.req.path}`);
  }
  return error(404, "not_found", `No endpoint ${c.req.path}`);
});

export async function handleRest(ctx: ActionCtx, request: Request): Promise<Response> {
  return app.fetch(request, ctx);
}
