/**
 * Full-text search (convex/search/: message bodies, thread subjects, contact names): the dashboard's
 * `search.search.find`, the inbox's `search` filter and REST `GET /api/v1/search`, each only ever
 * answering the caller's organization.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import { MAX_QUERY_CHARS } from "../convex/search/search";
import { type Backend, newBackend, ORG_A, ORG_B, type SeededOrg, seedOrg } from "./harness";
import { resendInbound, resendRequest, twilioSms } from "./signers";

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;
const as = (org: SeededOrg) => t.withIdentity(org.identity);

async function sms(from: string, to: string, text: string, sid: string) {
  const req = twilioSms(from, to, text, sid);
  const res = await t.fetch(req.path, req.init);
  expect(res.status, await res.clone().text()).toBe(200);
}
const find = (org: SeededOrg, q: string, extra: Record<string, unknown> = {}) =>
  as(org).query(api.search.search.find, { organizationId: org.organizationId, q, ...extra });

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "search-a", ORG_A);
  b = await seedOrg(t, "search-b", ORG_B);
  await sms(
    "+14155559001",
    ORG_A.phone,
    "Where is my parcel? The tracking number does not work",
    "SM0000000000000000000000000000a001",
  );
  await sms(
    "+14155559002",
    ORG_A.phone,
    "Invoice 42 looks wrong, please fix the invoice",
    "SM0000000000000000000000000000a002",
  );
  await sms("+14155559003", ORG_B.phone, "Another parcel question from org B", "SM0000000000000000000000000000b001");
});

describe("search.find", () => {
  test("finds messages by a word of their body, with the marked snippet and the thread to open", async () => {
    const res = await find(a, "parcel");
    expect(res.messages).toHaveLength(1);
    const [hit] = res.messages;
    expect(hit!.channel).toBe("sms");
    expect(hit!.snippet.text).toBe("Where is my parcel? The tracking number does not work");
    const [start, end] = hit!.snippet.marks[0]!;
    expect(hit!.snippet.text.slice(start, end)).toBe("parcel");
    // the hit names a message of the thread it points at
    const stored = await t.run((ctx) => ctx.db.get(hit!.messageId));
    expect(stored!.threadId).toBe(hit!.threadId);
    expect(stored!.organizationId).toBe(a.organizationId);
    expect(hit!.contactName).toBeTruthy();
  });

  test("marks every occurrence, case-insensitively, and finds contacts by name", async () => {
    const res = await find(a, "INVOICE");
    const s = res.messages[0]!.snippet;
    expect(s.marks.map(([x, y]) => s.text.slice(x, y))).toEqual(["Invoice", "invoice"]);
    const contact = await t.run(async (ctx) => {
      const m = await ctx.db.get(res.messages[0]!.messageId);
      await ctx.db.patch(m!.contactId, { displayName: "Maya Lindqvist" });
      return m!.contactId;
    });
    const byName = await find(a, "lindqvist");
    expect(byName.contacts.map((c) => c.contactId)).toEqual([contact]);
    expect(byName.messages).toEqual([]);
  });

  test("never answers another organization's messages; a non-member is refused", async () => {
    expect((await find(b, "parcel")).messages.map((m) => m.snippet.text)).toEqual([
      "Another parcel question from org B",
    ]);
    expect((await find(a, "question")).messages).toEqual([]);
    await expect(
      as(b).query(api.search.search.find, { organizationId: a.organizationId, q: "parcel" }),
    ).rejects.toThrow();
  });

  test("filters by channel, bounds the query and the result count", async () => {
    expect((await find(a, "parcel", { channel: "email" })).messages).toEqual([]);
    expect((await find(a, "parcel", { channel: "sms" })).messages).toHaveLength(1);
    expect(await find(a, "  ?! ")).toEqual({ messages: [], threads: [], contacts: [] });
    await expect(find(a, "x".repeat(MAX_QUERY_CHARS + 1))).rejects.toThrow(/limited/);
    for (let i = 0; i < 5; i++)
      await sms(`+1415555800${i}`, ORG_A.phone, `refund request ${i}`, `SM0000000000000000000000000000c00${i}`);
    expect((await find(a, "refund", { limit: 3 })).messages).toHaveLength(3);
    expect((await find(a, "refund", { limit: 0 })).messages).toHaveLength(1);
  });
});

describe("thread subjects", () => {
  /** Gives the thread of `org`'s message matching `word` a subject (threads get one from email). */
  async function subjectOf(org: SeededOrg, word: string, subject: string) {
    const [hit] = (await find(org, word)).messages;
    await t.run((ctx) => ctx.db.patch(hit!.threadId, { subject }));
    return hit!;
  }

  test("a word of a subject finds the thread, marked, with its contact; threads without a subject are skipped", async () => {
    const hit = await subjectOf(a, "invoice", "Quarterly billing dispute");
    // the other org-A thread (parcel) has no subject: it neither matches nor breaks the search
    const res = await find(a, "billing");
    expect(res.threads).toHaveLength(1);
    const [th] = res.threads;
    expect(th!.threadId).toBe(hit.threadId);
    expect(th!.contactId).toBe(hit.contactId);
    expect(th!.contactName).toBe(hit.contactName);
    expect(th!.status).toBe("open");
    expect(th!.lastChannel).toBe("sms");
    expect(th!.snippet.text).toBe("Quarterly billing dispute");
    expect(th!.snippet.marks.map(([x, y]) => th!.snippet.text.slice(x, y))).toEqual(["billing"]);
    expect(res.messages).toEqual([]); // "billing" is in no message body
    // the last term is a prefix, as Convex matches it
    expect((await find(a, "quarter")).threads.map((x) => x.threadId)).toEqual([hit.threadId]);
    // a channel filter narrows to messages
    expect((await find(a, "billing", { channel: "sms" })).threads).toEqual([]);
  });

  test("an inbound email's subject makes its thread findable (Resend email.received)", async () => {
    const req = resendRequest(
      resendInbound(
        "Dana Reyes <dana@example.org>",
        ORG_A.inboundEmail,
        "Warranty claim",
        "It stopped working.",
        "e-s1",
      ),
    );
    const res = await t.fetch(req.path, req.init);
    expect(res.status, await res.clone().text()).toBe(200);
    const found = await find(a, "warranty");
    expect(found.threads.map((x) => [x.contactName, x.lastChannel, x.snippet.text])).toEqual([
      ["Dana Reyes", "email", "Warranty claim"],
    ]);
    const stored = await t.run((ctx) => ctx.db.get(found.threads[0]!.threadId));
    expect(stored).toMatchObject({ organizationId: a.organizationId, subject: "Warranty claim" });
    expect((await find(b, "warranty")).threads).toEqual([]);
  });

  test("another organization's thread subject never appears", async () => {
    const mine = await subjectOf(b, "parcel", "Lost shipment escalation");
    expect((await find(a, "shipment")).threads).toEqual([]);
    expect((await find(a, "escalation")).threads).toEqual([]);
    expect((await find(b, "shipment")).threads.map((x) => x.threadId)).toEqual([mine.threadId]);
    await expect(
      as(a).query(api.search.search.find, { organizationId: b.organizationId, q: "shipment" }),
    ).rejects.toThrow();
  });

  test("the inbox's search finds a thread by its subject", async () => {
    const hit = await subjectOf(a, "invoice", "Quarterly billing dispute");
    const res = await as(a).query(api.threads.inbox.list, {
      organizationId: a.organizationId,
      paginationOpts: { numItems: 25, cursor: null },
      search: "billing",
    });
    expect(res.page.map((p) => p._id)).toEqual([hit.threadId]);
    const other = await as(b).query(api.threads.inbox.list, {
      organizationId: b.organizationId,
      paginationOpts: { numItems: 25, cursor: null },
      search: "billing",
    });
    expect(other.page).toEqual([]);
  });
});

describe("inbox search", () => {
  test("the inbox's search goes through the search index and keeps the other filters", async () => {
    const list = (args: Record<string, unknown>) =>
      as(a).query(api.threads.inbox.list, {
        organizationId: a.organizationId,
        paginationOpts: { numItems: 25, cursor: null },
        ...args,
      });
    const res = await list({ search: "tracking" });
    // found by a word that is not in the preview's start: the body is searched, not the row
    expect(res.page.map((p) => p.lastMessagePreview)).toEqual([
      "Where is my parcel? The tracking number does not work",
    ]);
    expect(res.isDone).toBe(true);
    expect((await list({ search: "tracking", status: "closed" })).page).toEqual([]);
    expect((await list({ search: "tracking", channel: "email" })).page).toEqual([]);
    expect((await list({ search: "parcel" })).page).toHaveLength(1); // not org B's
  });
});

describe("GET /api/v1/search", () => {
  test("answers the key's organization only, validates q, is in the OpenAPI document", async () => {
    const keyA = (await as(a).action(api.rest.apiKeys.create, { organizationId: a.organizationId, name: "k" })).key;
    const get = (path: string, key: string | null = keyA) =>
      t.fetch(path, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    const ok = await get("/api/v1/search?q=parcel");
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { messages: { snippet: { text: string } }[] };
    expect(body.messages.map((m) => m.snippet.text)).toEqual(["Where is my parcel? The tracking number does not work"]);
    expect((await get("/api/v1/search?q=question").then((r) => r.json())).messages).toEqual([]);
    // thread subjects are searched too, only the key's organization's
    const [invoice] = (await find(a, "invoice")).messages;
    await t.run((ctx) => ctx.db.patch(invoice!.threadId, { subject: "Quarterly billing dispute" }));
    const [parcelB] = (await find(b, "parcel")).messages;
    await t.run((ctx) => ctx.db.patch(parcelB!.threadId, { subject: "Billing of org B" }));
    const bySubject = (await (await get("/api/v1/search?q=billing")).json()) as {
      threads: { threadId: string; contactId: string; snippet: { text: string; marks: [number, number][] } }[];
    };
    expect(bySubject.threads.map((x) => [x.threadId, x.contactId, x.snippet.text, x.snippet.marks])).toEqual([
      [invoice!.threadId, invoice!.contactId, "Quarterly billing dispute", [[10, 17]]],
    ]);
    expect((await get("/api/v1/search")).status).toBe(400);
    expect((await get(`/api/v1/search?q=${"x".repeat(201)}`)).status).toBe(400);
    expect((await get("/api/v1/search?q=parcel&limit=500")).status).toBe(400);
    expect((await get("/api/v1/search?q=parcel", null)).status).toBe(401);
    const doc = (await (await get("/api/v1/openapi.json", null)).json()) as { paths: Record<string, unknown> };
    expect(doc.paths["/api/v1/search"]).toHaveProperty("get");
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties: object }> } }).components
      .schemas;
    expect(schemas.SearchResults!.properties).toHaveProperty("threads");
  });
});
