import { z } from "zod";
import { createContactBody, sendMessageBody, updateContactBody } from "./schemas";

const errorSchema = {
  type: "object",
  properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } }, required: ["code", "message"] } },
};

const pageOf = (item: string) => ({
  type: "object",
  properties: { data: { type: "array", items: { $ref: `#/components/schemas/${item}` } }, nextCursor: { type: ["string", "null"] } },
});

const listParams = [
  { name: "cursor", in: "query", schema: { type: "string" }, description: "nextCursor from the previous page" },
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100, default: 25 } },
];

const responses = (ok: Record<string, unknown>) => ({
  ...ok,
  "400": { description: "Invalid request", content: { "application/json": { schema: errorSchema } } },
  "401": { description: "Missing or invalid API key", content: { "application/json": { schema: errorSchema } } },
  "404": { description: "Not found", content: { "application/json": { schema: errorSchema } } },
});

const jsonBody = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: z.toJSONSchema(schema, { io: "input" }) } } });

/** The OpenAPI 3.1 document of REST API v1, request schemas generated from the zod validators. */
export function openApiDocument(serverUrl: string) {
  const id = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });
  return {
    openapi: "3.1.0",
    info: { title: "Switchboard API", version: "1.0.0", description: "Threads, messages and contacts of one organization. Authenticate with `Authorization: Bearer sb_live_...`." },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An organization API key from Settings -> API keys" } },
      schemas: {
        Thread: { type: "object", properties: { _id: { type: "string" }, contactId: { type: "string" }, status: { type: "string" }, lastMessageAt: { type: "number" }, lastMessagePreview: { type: "string" }, lastChannel: { type: "string" } } },
        Message: { type: "object", properties: { _id: { type: "string" }, threadId: { type: "string" }, channel: { type: "string" }, direction: { type: "string" }, status: { type: "string" }, text: { type: "string" }, sentAt: { type: "number" } } },
        Contact: { type: "object", properties: { _id: { type: "string" }, displayName: { type: "string" }, company: { type: "string" }, title: { type: "string" }, identities: { type: "array", items: { type: "object" } } } },
      },
    },
    paths: {
      "/api/v1/threads": {
        get: { summary: "List threads, newest activity first", parameters: [...listParams, { name: "status", in: "query", schema: { type: "string", enum: ["open", "pending", "snoozed", "closed"] } }], responses: responses({ "200": { description: "A page of threads", content: { "application/json": { schema: pageOf("Thread") } } } }) },
      },
      "/api/v1/threads/{threadId}": {
        get: { summary: "Get a thread", parameters: [id("threadId")], responses: responses({ "200": { description: "The thread", content: { "application/json": { schema: { $ref: "#/components/schemas/Thread" } } } } }) },
      },
      "/api/v1/threads/{threadId}/messages": {
        get: { summary: "Messages of a thread, newest first", parameters: [id("threadId"), ...listParams], responses: responses({ "200": { description: "A page of messages", content: { "application/json": { schema: pageOf("Message") } } } }) },
      },
      "/api/v1/messages": {
        post: { summary: "Send a message in a thread (queued, then delivered asynchronously)", requestBody: jsonBody(sendMessageBody), responses: responses({ "202": { description: "Queued", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" }, status: { const: "queued" } } } } } } }) },
      },
      "/api/v1/contacts": {
        post: { summary: "Create a contact", requestBody: jsonBody(createContactBody), responses: responses({ "201": { description: "Created", content: { "application/json": { schema: { $ref: "#/components/schemas/Contact" } } } }, "409": { description: "An identity already belongs to another contact" } }) },
      },
      "/api/v1/contacts/{contactId}": {
        get: { summary: "Get a contact with its identities", parameters: [id("contactId")], responses: responses({ "200": { description: "The contact", content: { "application/json": { schema: { $ref: "#/components/schemas/Contact" } } } } }) },
        patch: { summary: "Update a contact", parameters: [id("contactId")], requestBody: jsonBody(updateContactBody), responses: responses({ "200": { description: "Updated" } }) },
      },
    },
  };
}
