// Issue 14 items 8, 9 and 14: what the REST API accepts from an integrator (any API key holder).
import { beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { type Backend, countRows, newBackend, ORG_A, type SeededOrg, seedOrg } from "../harness";
import { twilioSms } from "../signers";

let t: Backend;
let a: SeededOrg;
let key: string;

const call = (path: string, init: { method?: string; body?: unknown } = {}) =>
  t.fetch(path, {
    method: init.method ?? "GET",
    headers: {
      authorization: `Bearer ${key}`,
      ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "rest-sec", ORG_A);
  key = (
    await t
      .withIdentity(a.identity)
      .action(api.rest.apiKeys.create, { organizationId: a.organizationId, name: "integration" })
  ).key;
  // Two threads, so that a one-item page has a real nextCursor.
  for (const [n, from] of ["+14155559901", "+14155559902"].entries()) {
    const r = twilioSms(from, ORG_A.phone, `hello ${n}`, `SM${String(n).padStart(32, "0")}`);
    expect((await t.fetch(r.path, r.init)).status).toBe(200);
  }
});

describe("14.9 a malformed REST cursor is a 400, never a 500 with runtime text", () => {
  const malformed = ["garbage", 'abc"', "eyJ4IjoxfQ", "1", "null", "x".repeat(5000)];

  test("list threads: every malformed cursor answers 400 invalid_request", async () => {
    for (const cursor of malformed) {
      const res = await call(`/api/v1/threads?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor.slice(0, 20)).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe("invalid_request");
      // No runtime internals (parser messages, stack frames) reach the caller.
      expect(JSON.stringify(body)).not.toMatch(/JSON|Unexpected token|syscall|at \w+ \(/);
    }
  });

  test("thread messages: a malformed cursor answers 400; the real nextCursor still pages", async () => {
    const first = await (await call("/api/v1/threads?limit=1")).json();
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await call(`/api/v1/threads?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(second.status).toBe(200);
    expect((await second.json()).data).toHaveLength(1);

    const threadId = first.data[0]._id;
    const res = await call(`/api/v1/threads/${threadId}/messages?cursor=not-a-cursor`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
  });
});

describe("14.8 REST timezone: only IANA names are stored; a bad stored value never breaks the CRM", () => {
  test("create and update refuse names Intl does not know, and store the canonical spelling", async () => {
    const before = await countRows(t, a.organizationId);
    for (const timezone of ["Mars/Olympus_Mons", "not a zone", "+01:00", "Europe/Paris\u0000", "../../etc", ""]) {
      const res = await call("/api/v1/contacts", {
        method: "POST",
        body: { timezone, identities: [{ channel: "email", identifier: "tz@example.com" }] },
      });
      expect(res.status, timezone).toBe(400);
      expect((await res.json()).error.code).toBe("invalid_request");
    }
    expect(await countRows(t, a.organizationId)).toEqual(before);

    const created = await call("/api/v1/contacts", {
      method: "POST",
      body: { timezone: "europe/paris", identities: [{ channel: "email", identifier: "tz@example.com" }] },
    });
    expect(created.status).toBe(201);
    const contact = await created.json();
    const stored = await t.run((ctx) => ctx.db.get(contact._id as Id<"contacts">));
    expect(stored!.timezone).toBe("Europe/Paris");

    const patch = await call(`/api/v1/contacts/${contact._id}`, {
      method: "PATCH",
      body: { timezone: "Nowhere/City" },
    });
    expect(patch.status).toBe(400);
    expect((await t.run((ctx) => ctx.db.get(contact._id as Id<"contacts">)))!.timezone).toBe("Europe/Paris");
  });

  test("organizations refuse an unknown timezone at creation (insertOrganization serves every entry point)", async () => {
    const create = (timezone: string, slug: string) =>
      t.mutation(internal.orgs.admin.createOrganization, { name: "TZ Co", slug, timezone });
    await expect(create("Atlantis/Capital", "tz-bad")).rejects.toThrow(/Unknown timezone/);
    const id = await create("america/new_york", "tz-good");
    expect((await t.run((ctx) => ctx.db.get(id)))!.timezone).toBe("America/New_York");
  });

  test("a contact whose stored timezone is invalid still gets sentiment, recompute and new-message analysis", async () => {
    const contactId = await t.run(async (ctx) => {
      const identity = (await ctx.db
        .query("contactIdentities")
        .withIndex("by_identifier", (q) =>
          q.eq("organizationId", a.organizationId).eq("channel", "sms").eq("identifier", "+14155559901"),
        )
        .first())!;
      // A value written before validation existed.
      await ctx.db.patch(identity.contactId, { timezone: "Bogus/Zone" });
      return identity.contactId;
    });
    const asOwner = t.withIdentity(a.identity);
    const sentiment = await asOwner.query(api.crm.contactInsights.getSentiment, {
      organizationId: a.organizationId,
      contactId,
      bucket: "day",
    });
    expect(sentiment.series).toEqual(expect.any(Array));

    const r = twilioSms("+14155559901", ORG_A.phone, "Thanks, this is great!", `SM${"7".repeat(32)}`);
    expect((await t.fetch(r.path, r.init)).status).toBe(200);
    const jobId = await asOwner.action(api.crm.recompute.run, { organizationId: a.organizationId, contactId });
    await t.finishAllScheduledFunctions(() => {});
    const job = await asOwner.query(api.crm.recompute.get, { organizationId: a.organizationId, jobId });
    expect(job).toMatchObject({ status: "done" });
    const analysed = await t.run((ctx) =>
      ctx.db
        .query("messageInsights")
        .withIndex("by_contact_at", (q) => q.eq("organizationId", a.organizationId).eq("contactId", contactId))
        .collect(),
    );
    // Both messages of the contact were analysed (none skipped for an extraction failure).
    expect(analysed).toHaveLength(2);
    const after = await asOwner.query(api.crm.contactInsights.getSentiment, {
      organizationId: a.organizationId,
      contactId,
    });
    expect(after.points.length).toBe(2);
  });
});

describe("14.14 REST identifiers that fail normalisation are refused", () => {
  const junk = [
    ["sms", "+1 415 555 01\u0660\u0660"], // Arabic-Indic zeros
    ["sms", "\uff0b\uff11 \uff14\uff11\uff15 \uff15\uff15\uff15 \uff10\uff11\uff10\uff10"], // full-width digits
    ["sms", "+1 4l5 555 0100"], // letter l for digit 1
    ["sms", "call me maybe"],
    ["email", "not-an-email"],
    ["email", "a@b"],
    ["whatsapp", "+1 415 555 O100"], // letter O for zero
  ] as const;

  test("each junk identifier answers 400 and stores nothing", async () => {
    const before = await countRows(t, a.organizationId);
    for (const [channel, identifier] of junk) {
      const res = await call("/api/v1/contacts", {
        method: "POST",
        body: {
          displayName: "Look-alike",
          identities: [
            { channel: "email", identifier: "fine@example.com" },
            { channel, identifier },
          ],
        },
      });
      expect(res.status, identifier).toBe(400);
      const body = await res.json();
      expect(body.error).toMatchObject({ code: "invalid_request" });
      expect(body.error.message).toContain("identities.1.identifier");
    }
    expect(await countRows(t, a.organizationId)).toEqual(before);
  });

  test("two spellings of one number are one identity; posting it again is a conflict, not a duplicate", async () => {
    const res = await call("/api/v1/contacts", {
      method: "POST",
      body: {
        identities: [
          { channel: "sms", identifier: "+1 (415) 555-0177" },
          { channel: "sms", identifier: "4155550177" },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect((await res.json()).identities).toEqual([{ channel: "sms", identifier: "+14155550177", verified: false }]);
    const again = await call("/api/v1/contacts", {
      method: "POST",
      body: { identities: [{ channel: "sms", identifier: "415.555.0177" }] },
    });
    expect(again.status).toBe(409);
    const rows = await t.run((ctx) =>
      ctx.db
        .query("contactIdentities")
        .withIndex("by_identifier", (q) =>
          q.eq("organizationId", a.organizationId).eq("channel", "sms").eq("identifier", "+14155550177"),
        )
        .collect(),
    );
    expect(rows).toHaveLength(1);
  });
});
