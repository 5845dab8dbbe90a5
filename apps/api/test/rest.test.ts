import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import { type Backend, newBackend, type SeededOrg, seedOrg } from "./harness";
import { twilioSms } from "./signers";

const ENDPOINTS = (n: number) => ({
  phone: `+1415555030${n}`,
  vonagePhone: `+1415555031${n}`,
  phoneNumberId: `20000000000000${n}`,
  inboundEmail: `support@org${n}.example.com`,
  customSlug: `crm-${n}`,
  chatSlug: `site-${n}`,
});

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;
let keyA: string;
let keyB: string;

const owner = (org: SeededOrg) => t.withIdentity(org.identity);
const call = (key: string | null, path: string, init: RequestInit = {}) =>
  t.fetch(path, {
    ...init,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...(init.headers as Record<string, string>),
    },
  });

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "rest-a", ENDPOINTS(1));
  b = await seedOrg(t, "rest-b", ENDPOINTS(2));
  keyA = (await owner(a).action(api.rest.apiKeys.create, { organizationId: a.organizationId, name: "CRM sync" })).key;
  keyB = (await owner(b).action(api.rest.apiKeys.create, { organizationId: b.organizationId, name: "B" })).key;
  const r = twilioSms(
    "+14155559999",
    ENDPOINTS(1).phone,
    "Need help with my order",
    "SM99990000000000000000000000000001",
  );
  expect((await t.fetch(r.path, r.init)).status).toBe(200);
});

describe("REST API v1", () => {
  test("keys are shown once, stored hashed, and listed without the secret", async () => {
    expect(keyA).toMatch(/^sb_live_[A-Za-z0-9]{32}$/);
    const listed = await owner(a).query(api.rest.apiKeys.list, { organizationId: a.organizationId });
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(keyA);
    const stored = await t.run((ctx) =>
      ctx.db
        .query("apiKeys")
        .withIndex("by_org", (q) => q.eq("organizationId", a.organizationId))
        .collect(),
    );
    expect(stored[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(keyA);
  });

  test("list threads, get one, list its messages (cursor pagination)", async () => {
    const threads = await (await call(keyA, "/api/v1/threads?limit=10")).json();
    expect(threads.data).toHaveLength(1);
    expect(threads.nextCursor).toBeNull();
    const threadId = threads.data[0]._id;
    const thread = await call(keyA, `/api/v1/threads/${threadId}`);
    expect(thread.status).toBe(200);
    const messages = await (await call(keyA, `/api/v1/threads/${threadId}/messages?limit=1`)).json();
    expect(messages.data[0].text).toBe("Need help with my order");
  });

  test("send a message through the API queues it in the thread", async () => {
    const threadId = (await (await call(keyA, "/api/v1/threads")).json()).data[0]._id;
    const res = await call(keyA, "/api/v1/messages", {
      method: "POST",
      body: JSON.stringify({ threadId, text: "On it!" }),
    });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const message = await t.run((ctx) => ctx.db.get(id));
    expect(message).toMatchObject({
      direction: "outbound",
      status: expect.stringMatching(/queued|sending|sent|failed/),
      text: "On it!",
      senderName: "API: CRM sync",
    });
  });

  test("create, read and update contacts; duplicates conflict", async () => {
    const created = await call(keyA, "/api/v1/contacts", {
      method: "POST",
      body: JSON.stringify({ displayName: "Ana", identities: [{ channel: "email", identifier: "Ana@Example.org" }] }),
    });
    expect(created.status).toBe(201);
    const contact = await created.json();
    expect(contact.identities).toEqual([{ channel: "email", identifier: "ana@example.org", verified: false }]);
    const again = await call(keyA, "/api/v1/contacts", {
      method: "POST",
      body: JSON.stringify({ identities: [{ channel: "email", identifier: "ana@example.org" }] }),
    });
    expect(again.status).toBe(409);
    const updated = await call(keyA, `/api/v1/contacts/${contact._id}`, {
      method: "PATCH",
      body: JSON.stringify({ company: "Acme" }),
    });
    expect((await updated.json()).company).toBe("Acme");
  });

  test("errors are JSON with codes and change nothing", async () => {
    const cases: [string | null, string, RequestInit, number, string][] = [
      [null, "/api/v1/threads", {}, 401, "unauthenticated"],
      [`sb_live_${"x".repeat(32)}`, "/api/v1/threads", {}, 401, "unauthenticated"],
      [keyA, "/api/v1/nope", {}, 404, "not_found"],
      [keyA, "/api/v1/threads", { method: "PATCH", body: "{}" }, 405, "method_not_allowed"],
      [keyA, "/api/v1/threads?limit=1000", {}, 400, "invalid_request"],
      [keyA, "/api/v1/messages", { method: "POST", body: "{not json" }, 400, "invalid_json"],
      [keyA, "/api/v1/messages", { method: "POST", body: JSON.stringify({ threadId: "x" }) }, 400, "invalid_request"],
      [keyA, "/api/v1/contacts", { method: "POST", body: JSON.stringify({ identities: [] }) }, 400, "invalid_request"],
      [keyA, "/api/v1/contacts/not-an-id", {}, 404, "not_found"],
    ];
    for (const [key, path, init, status, code] of cases) {
      const res = await call(key, path, init);
      expect(res.status, `${init.method ?? "GET"} ${path}`).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
  });

  test("another organization's key sees none of it", async () => {
    const threadId = (await (await call(keyA, "/api/v1/threads")).json()).data[0]._id;
    expect((await (await call(keyB, "/api/v1/threads")).json()).data).toHaveLength(0);
    expect((await call(keyB, `/api/v1/threads/${threadId}`)).status).toBe(404);
    expect((await call(keyB, `/api/v1/threads/${threadId}/messages`)).status).toBe(404);
    expect(
      (await call(keyB, "/api/v1/messages", { method: "POST", body: JSON.stringify({ threadId, text: "hijack" }) }))
        .status,
    ).toBe(404);
    const contactId = (await (await call(keyA, `/api/v1/threads/${threadId}`)).json()).contactId;
    expect((await call(keyB, `/api/v1/contacts/${contactId}`)).status).toBe(404);
    expect(
      (await call(keyB, `/api/v1/contacts/${contactId}`, { method: "PATCH", body: JSON.stringify({ company: "X" }) }))
        .status,
    ).toBe(404);
  });

  test("a revoked key stops working", async () => {
    const [key] = await owner(a).query(api.rest.apiKeys.list, { organizationId: a.organizationId });
    await owner(a).mutation(api.rest.apiKeys.revoke, { organizationId: a.organizationId, keyId: key!._id });
    expect((await call(keyA, "/api/v1/threads")).status).toBe(401);
  });

  test("agents cannot manage keys; other admins cannot touch this org's keys", async () => {
    await expect(
      owner(b).action(api.rest.apiKeys.create, { organizationId: a.organizationId, name: "x" }),
    ).rejects.toThrow(/not a member/);
    const [key] = await owner(a).query(api.rest.apiKeys.list, { organizationId: a.organizationId });
    await expect(
      owner(b).mutation(api.rest.apiKeys.revoke, { organizationId: b.organizationId, keyId: key!._id }),
    ).rejects.toThrow(/Not found/);
  });

  test("the OpenAPI document is served without a key", async () => {
    const res = await call(null, "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/threads", "/api/v1/messages", "/api/v1/contacts/{contactId}"]),
    );
    expect(
      doc.paths["/api/v1/contacts"].post.requestBody.content["application/json"].schema.properties.identities.type,
    ).toBe("array");
  });

  test("threads, messages and contacts carry exactly the fields the OpenAPI document declares", async () => {
    const doc = await (await t.fetch("/api/v1/openapi.json")).json();
    const declared = (name: string) => {
      const schema = doc.components.schemas[name];
      return { all: Object.keys(schema.properties), required: schema.required as string[] };
    };
    const conforms = (name: string, body: Record<string, unknown>) => {
      const { all, required } = declared(name);
      expect(
        Object.keys(body).filter((k) => !all.includes(k)),
        `${name}: undeclared fields`,
      ).toEqual([]);
      for (const k of required) expect(body, `${name}.${k}`).toHaveProperty(k);
    };
    const threads = (await (await call(keyA, "/api/v1/threads")).json()).data;
    const threadId = threads[0]._id;
    conforms("Thread", threads[0]);
    conforms("Thread", await (await call(keyA, `/api/v1/threads/${threadId}`)).json());
    const patched = await call(keyA, `/api/v1/threads/${threadId}`, {
      method: "PATCH",
      body: JSON.stringify({ assigneeId: null }),
    });
    conforms("Thread", await patched.json());
    const message = (await (await call(keyA, `/api/v1/threads/${threadId}/messages`)).json()).data[0];
    conforms("Message", message);
    expect(message).toMatchObject({
      direction: "inbound",
      from: "+14155559999",
      to: ENDPOINTS(1).phone,
      attachments: [],
    });
    const contact = await (await call(keyA, `/api/v1/contacts/${threads[0].contactId}`)).json();
    conforms("Contact", contact);
    // internal state of the stored documents stays inside
    const everything = JSON.stringify([threads, message, contact]);
    for (const internalField of ["statusHistory", "organizationId", "coalesce", "insightsAt", "_creationTime"]) {
      expect(everything).not.toContain(`"${internalField}"`);
    }
  });
});
