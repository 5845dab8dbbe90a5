/**
 * REST v1 behaviour the Hono app must keep beyond test/rest.test.ts: CORS preflight without a key,
 * the order of checks (key -> route -> body), and the generated document listing every route.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import { openApiDocument } from "../convex/rest/routes";
import { type Backend, newBackend, type SeededOrg, seedOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
let key: string;

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "rest-edges", {
    phone: "+14155550401",
    vonagePhone: "+14155550402",
    phoneNumberId: "400000000000001",
    inboundEmail: "support@edges.example.com",
    customSlug: "edges",
    chatSlug: "edges-site",
  });
  const owner = t.withIdentity(a.identity);
  key = (await owner.action(api.rest.apiKeys.create, { organizationId: a.organizationId, name: "edges" })).key;
});

const auth = () => ({ authorization: `Bearer ${key}` });

describe("REST v1 edges", () => {
  test("a CORS preflight needs no key and gets the CORS headers", async () => {
    const res = await t.fetch("/api/v1/threads", { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-methods")).toBe("GET, POST, PATCH, DELETE, OPTIONS");
  });

  test("errors carry CORS headers too", async () => {
    const res = await t.fetch("/api/v1/threads");
    expect(res.status).toBe(401);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("an unknown path is 404 before its body is read; a known one checks the body", async () => {
    const bad = { method: "POST", body: "{not json", headers: { ...auth(), "content-type": "application/json" } };
    expect((await t.fetch("/api/v1/nope", bad)).status).toBe(404);
    const res = await t.fetch("/api/v1/contacts", {
      method: "POST",
      body: "{}",
      headers: { ...auth(), "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("unsupported_media_type");
    const rows = await t.run((ctx) => ctx.db.query("contacts").collect());
    expect(rows.filter((r) => r.organizationId === a.organizationId)).toHaveLength(0);
  });

  test("an invalid status filter on messages is a 400, not a crash", async () => {
    const res = await t.fetch("/api/v1/threads/x/messages?status=bogus", { headers: auth() });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
  });

  test("the document lists every route with its operations", () => {
    const doc = openApiDocument("https://example.test");
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(ops.sort()).toEqual(
      [
        "GET /api/v1/contacts/{contactId}",
        "GET /api/v1/search",
        "GET /api/v1/threads",
        "GET /api/v1/threads/{threadId}",
        "GET /api/v1/threads/{threadId}/messages",
        "PATCH /api/v1/contacts/{contactId}",
        "POST /api/v1/contacts",
        "POST /api/v1/messages",
        "POST /api/v1/files",
        "POST /api/v1/files/upload-url",
        "POST /api/v1/files/claim",
        "GET /api/v1/threads/{threadId}/notes",
        "POST /api/v1/threads/{threadId}/notes",
        "GET /api/v1/labels",
        "POST /api/v1/labels",
        "GET /api/v1/threads/{threadId}/labels",
        "POST /api/v1/threads/{threadId}/labels",
        "DELETE /api/v1/threads/{threadId}/labels/{labelId}",
        "GET /api/v1/saved-replies",
        "POST /api/v1/saved-replies",
        "PATCH /api/v1/threads/{threadId}",
        "GET /api/v1/teams",
      ].sort(),
    );
    expect(doc.servers).toEqual([{ url: "https://example.test" }]);
  });
});
