/**
 * Issue 11 item 7: verified visitors. The embedding site signs its signed-in user's id with the
 * widget's identity secret (hex HMAC-SHA256, like Intercom's user_hash: "a server side generated
 * HMAC ... using SHA256, on either the user's user_id or email",
 * https://developers.intercom.com/installing-intercom/docs/enable-identity-verification-on-your-web-product);
 * a verified user is one visitor on every device and unifies with the
 * contact that owns their email; an unverified visitor is never merged on a claimed email alone.
 */
import { createHmac } from "node:crypto";
import { decodeVisitorToken } from "@switchboard/channels";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { postChat, requestSession, startSession, viewOf } from "../chatWidget";
import { type Backend, countRows, newBackend, ORG_A, SECRETS, type SeededOrg, seedOrg } from "../harness";

let t: Backend;
let a: SeededOrg;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
});

afterEach(() => {
  vi.useRealTimers();
});

/** What the site's server computes (the snippet shown in settings). */
const userHash = (userId: string, secret = SECRETS.chatIdentitySecret) =>
  createHmac("sha256", secret).update(userId).digest("hex");

async function setSetting(key: string, value: string) {
  await t.run(async (ctx) => {
    const id = a.configs.native as Id<"channelConfigs">;
    const config = (await ctx.db.get(id))!;
    await ctx.db.patch(id, { settings: { ...config.settings, [key]: value } });
  });
}

/** An existing customer known by email (as if they had emailed in or been imported). */
async function existingCustomer(email: string) {
  return t.run(async (ctx) => {
    const contactId = await ctx.db.insert("contacts", {
      organizationId: a.organizationId,
      displayName: "Ada Lovelace",
      primaryEmail: email,
      messageCount: 3,
      createdAt: Date.now(),
      updatedAt: Date.now(),
    });
    await ctx.db.insert("contactIdentities", {
      organizationId: a.organizationId,
      contactId,
      channel: "email",
      kind: "email",
      identifier: email,
      verified: false,
      source: "inbound",
      createdAt: Date.now(),
    });
    return contactId;
  });
}

const chatIdentity = (visitorId: string) =>
  t.run((ctx) =>
    ctx.db
      .query("contactIdentities")
      .withIndex("by_identifier", (q) =>
        q.eq("organizationId", a.organizationId).eq("channel", "chat").eq("identifier", visitorId),
      )
      .first(),
  );

const openSuggestions = () =>
  t.run((ctx) =>
    ctx.db
      .query("mergeSuggestions")
      .withIndex("by_status_score", (q) => q.eq("organizationId", a.organizationId).eq("status", "open"))
      .collect(),
  );

describe("user hash", () => {
  test("a valid hash gives a verified session with one visitor id per user, on every device", async () => {
    const first = await startSession(t, ORG_A.chatSlug, {
      userId: "user-42",
      userHash: userHash("user-42"),
      email: "Ada@Example.com",
      name: "Ada",
    });
    expect(first.verified).toBe(true);
    expect(first.visitorId).toMatch(/^u_[A-Za-z0-9_-]{43}$/);
    expect(first.visitorId).not.toContain("user-42");
    expect(decodeVisitorToken(first.token)?.claims).toEqual({ verified: true, email: "ada@example.com", name: "Ada" });

    // Another device (no token) and a device holding someone else's token: the same visitor.
    const other = await startSession(t, ORG_A.chatSlug, {});
    const second = await startSession(t, ORG_A.chatSlug, {
      token: other.token,
      userId: "user-42",
      userHash: userHash("user-42"),
    });
    expect(second.visitorId).toBe(first.visitorId);
    expect(other.visitorId).not.toBe(first.visitorId);
    const third = await startSession(t, ORG_A.chatSlug, { userId: "user-43", userHash: userHash("user-43") });
    expect(third.visitorId).not.toBe(first.visitorId);

    // One conversation across devices.
    expect(
      (await postChat(t, ORG_A.chatSlug, first.token, { clientMessageId: "d1", text: "from laptop" })).status,
    ).toBe(200);
    expect(
      (await postChat(t, ORG_A.chatSlug, second.token, { clientMessageId: "d2", text: "from phone" })).status,
    ).toBe(200);
    const seen = await t.query(api.chat.visitor.listMessages, viewOf(second));
    expect(seen.messages.map((m) => m.text)).toEqual(["from laptop", "from phone"]);
    expect((await chatIdentity(first.visitorId))?.verified).toBe(true);
    expect((await countRows(t, a.organizationId)).contacts).toBe(1);
  });

  test("a wrong hash is 401 and nothing is stored or issued", async () => {
    const before = await countRows(t, a.organizationId);
    for (const hash of [
      userHash("user-43"),
      userHash("user-42", SECRETS.chatSessionSecret),
      userHash("user-42").slice(0, 63),
      "z".repeat(64),
    ]) {
      const res = await requestSession(t, ORG_A.chatSlug, { userId: "user-42", userHash: hash, email: "a@b.co" });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error?: { code?: string }; token?: string };
      expect(body.token).toBeUndefined();
    }
    expect(await countRows(t, a.organizationId)).toEqual(before);
  });

  test("a hash on a widget without an identity secret is 401", async () => {
    await t.run(async (ctx) => {
      const id = a.configs.native as Id<"channelConfigs">;
      const config = (await ctx.db.get(id))!;
      const { identitySecret: _, ...rest } = config.credentials;
      await ctx.db.patch(id, { credentials: rest });
    });
    const res = await requestSession(t, ORG_A.chatSlug, { userId: "user-42", userHash: userHash("user-42") });
    expect(res.status).toBe(401);
  });

  test("a missing hash: the user id proves nothing; email and name stay unverified claims", async () => {
    const one = await startSession(t, ORG_A.chatSlug, { userId: "user-42", email: "ada@example.com" });
    const two = await startSession(t, ORG_A.chatSlug, { userId: "user-42", email: "ada@example.com" });
    expect(one.verified).toBe(false);
    expect(one.visitorId).toMatch(/^v_/);
    expect(two.visitorId).not.toBe(one.visitorId);
    expect(decodeVisitorToken(one.token)?.claims).toEqual({ email: "ada@example.com" });
    // A userHash without a userId is malformed.
    expect((await requestSession(t, ORG_A.chatSlug, { userHash: userHash("user-42") })).status).toBe(400);
    expect((await requestSession(t, ORG_A.chatSlug, { email: "not an email" })).status).toBe(400);
  });

  test("a verified token is not carried into a session that brings unverified claims", async () => {
    const verified = await startSession(t, ORG_A.chatSlug, { userId: "user-42", userHash: userHash("user-42") });
    const claimed = await startSession(t, ORG_A.chatSlug, { token: verified.token, email: "mallory@example.com" });
    expect(claimed.verified).toBe(false);
    expect(claimed.visitorId).not.toBe(verified.visitorId);
    // Without claims, the verified token simply resumes.
    const resumed = await startSession(t, ORG_A.chatSlug, { token: verified.token });
    expect(resumed).toMatchObject({ visitorId: verified.visitorId, verified: true });
  });
});

describe("requireVerification", () => {
  test("refuses unverified sessions, messages and reads; verified visitors chat", async () => {
    const earlier = await startSession(t, ORG_A.chatSlug, {});
    await setSetting("requireVerification", "true");
    const before = await countRows(t, a.organizationId);

    expect((await requestSession(t, ORG_A.chatSlug, {})).status).toBe(401);
    expect((await requestSession(t, ORG_A.chatSlug, { email: "ada@example.com", name: "Ada" })).status).toBe(401);
    expect((await requestSession(t, ORG_A.chatSlug, { token: earlier.token })).status).toBe(401);
    // A token minted before the setting was turned on cannot post or read.
    const res = await postChat(t, ORG_A.chatSlug, earlier.token, { clientMessageId: "x1", text: "hello" });
    expect(res.status).toBe(401);
    await expect(t.query(api.chat.visitor.listMessages, viewOf(earlier))).rejects.toThrow(/signed-in/);
    expect(await countRows(t, a.organizationId)).toEqual(before);

    const ok = await startSession(t, ORG_A.chatSlug, { userId: "user-42", userHash: userHash("user-42") });
    expect(ok.verified).toBe(true);
    expect((await postChat(t, ORG_A.chatSlug, ok.token, { clientMessageId: "v1", text: "hello" })).status).toBe(200);
    // Its token resumes.
    expect((await startSession(t, ORG_A.chatSlug, { token: ok.token })).visitorId).toBe(ok.visitorId);
    expect((await countRows(t, a.organizationId)).messages).toBe(before.messages + 1);
  });
});

describe("contacts", () => {
  test("a verified visitor's email unifies with the existing contact: no duplicate", async () => {
    const adaId = await existingCustomer("ada@example.com");
    const before = await countRows(t, a.organizationId);
    const s = await startSession(t, ORG_A.chatSlug, {
      userId: "user-42",
      userHash: userHash("user-42"),
      email: "ADA@example.com",
      name: "Ada",
    });
    expect((await postChat(t, ORG_A.chatSlug, s.token, { clientMessageId: "m1", text: "hi, it's Ada" })).status).toBe(
      200,
    );
    const after = await countRows(t, a.organizationId);
    expect(after.contacts).toBe(before.contacts);
    expect(after.identities).toBe(before.identities + 1);
    const identity = await chatIdentity(s.visitorId);
    expect(identity).toMatchObject({ contactId: adaId, verified: true });
    const stored = await t.run((ctx) =>
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", adaId))
        .collect(),
    );
    expect(stored.map((m) => m.text)).toEqual(["hi, it's Ada"]);
    expect((await t.run((ctx) => ctx.db.get(adaId)))?.messageCount).toBe(4);
    expect(await openSuggestions()).toEqual([]);
  });

  test("a verified visitor nobody knows yet gets a verified email identity", async () => {
    const s = await startSession(t, ORG_A.chatSlug, {
      userId: "user-7",
      userHash: userHash("user-7"),
      email: "new@example.com",
    });
    await postChat(t, ORG_A.chatSlug, s.token, { clientMessageId: "m1", text: "hello" });
    await postChat(t, ORG_A.chatSlug, s.token, { clientMessageId: "m2", text: "again" });
    const identity = (await chatIdentity(s.visitorId))!;
    const all = await t.run((ctx) =>
      ctx.db
        .query("contactIdentities")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", identity.contactId))
        .collect(),
    );
    expect(all.map((i) => [i.kind, i.identifier, i.verified]).sort()).toEqual([
      ["chat", s.visitorId, true],
      ["email", "new@example.com", true],
    ]);
    expect((await t.run((ctx) => ctx.db.get(identity.contactId)))?.primaryEmail).toBe("new@example.com");
  });

  test("an unverified visitor claiming an existing email is never merged: a separate unverified contact and at most a suggestion", async () => {
    const adaId = await existingCustomer("ada@example.com");
    const before = await countRows(t, a.organizationId);
    const s = await startSession(t, ORG_A.chatSlug, { email: "ada@example.com", name: "Ada" });
    await postChat(t, ORG_A.chatSlug, s.token, { clientMessageId: "m1", text: "send me Ada's invoices" });
    await postChat(t, ORG_A.chatSlug, s.token, { clientMessageId: "m2", text: "please" });

    const identity = (await chatIdentity(s.visitorId))!;
    expect(identity.contactId).not.toBe(adaId);
    expect(identity).toMatchObject({ verified: false, claimedEmail: "ada@example.com" });
    const after = await countRows(t, a.organizationId);
    expect(after.contacts).toBe(before.contacts + 1);
    // Ada's contact gained nothing: no identity, no messages.
    const adaIdentities = await t.run((ctx) =>
      ctx.db
        .query("contactIdentities")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", adaId))
        .collect(),
    );
    expect(adaIdentities.map((i) => i.kind)).toEqual(["email"]);
    expect((await t.run((ctx) => ctx.db.get(adaId)))?.messageCount).toBe(3);
    // One suggestion for an agent to confirm (not one per message), weak.
    const suggestions = await openSuggestions();
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.reasons.map((r) => r.signal)).toEqual(["claimed_email"]);
    expect(suggestions[0]!.score).toBeLessThan(0.5);
    expect([suggestions[0]!.contactAId, suggestions[0]!.contactBId]).toContain(adaId);
  });
});
