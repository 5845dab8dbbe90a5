/**
 * Email threading by Message-ID / In-Reply-To / References (issue 15.3).
 * Payloads follow Resend's documented inbound shape: the `email.received` webhook carries only
 * metadata (email_id, from, to, cc, message_id, subject; resend.com/docs/webhooks/emails/received),
 * and the body and headers come from GET /emails/receiving/{email_id}
 * (resend.com/docs/api-reference/emails/retrieve-received-email). Delivery webhooks carry the
 * Message-ID the email actually went out with (resend.com/changelog/message-id-for-sent-emails).
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Doc, Id } from "../convex/_generated/dataModel";
import { referenceOrder } from "../convex/threads/emailMessageIds";
import { type Backend, newBackend, ORG_A, ORG_B, type SeededOrg, seedOrg } from "./harness";
import { resendRequest } from "./signers";

let t: Backend;
let a: SeededOrg;

interface Email {
  id: string;
  from: string;
  to?: string[];
  cc?: string[];
  subject: string;
  text: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

/** What GET /emails/receiving/{id} answers, per email id. */
const received = new Map<string, Email>();

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  received.clear();
  vi.stubGlobal("fetch", async (input: RequestInfo | URL) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const match = url.pathname.match(/^\/emails\/receiving\/(.+)$/);
    const email = match ? received.get(decodeURIComponent(match[1]!)) : undefined;
    if (!email) return new Response(JSON.stringify({ name: "not_found", message: "Email not found" }), { status: 404 });
    const headers: Record<string, string> = { "message-id": email.messageId };
    if (email.inReplyTo) headers["in-reply-to"] = email.inReplyTo;
    if (email.references) headers.references = email.references.join(" ");
    return Response.json({
      object: "email",
      id: email.id,
      to: email.to ?? [ORG_A.inboundEmail],
      from: email.from,
      created_at: new Date().toISOString(),
      subject: email.subject,
      html: null,
      text: email.text,
      headers,
      bcc: [],
      cc: email.cc ?? [],
      reply_to: [],
      message_id: email.messageId,
      attachments: [],
    });
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Delivers one inbound email the way Resend does: metadata webhook, body fetched by id. */
async function receive(email: Email) {
  received.set(email.id, email);
  const payload = {
    type: "email.received",
    created_at: new Date().toISOString(),
    data: {
      email_id: email.id,
      created_at: new Date().toISOString(),
      from: email.from,
      to: email.to ?? [ORG_A.inboundEmail],
      cc: email.cc ?? [],
      bcc: [],
      message_id: email.messageId,
      subject: email.subject,
      attachments: [],
    },
  };
  const req = resendRequest(payload);
  const res = await t.fetch(req.path, req.init);
  expect(res.status, await res.clone().text()).toBe(200);
  return byExternal(email.id);
}

async function byExternal(emailId: string): Promise<Doc<"unifiedMessages">> {
  const m = await t.run((ctx) =>
    ctx.db
      .query("unifiedMessages")
      .withIndex("by_external", (q) =>
        q.eq("organizationId", a.organizationId).eq("channel", "email").eq("externalMessageId", emailId),
      )
      .first(),
  );
  expect(m, `message ${emailId}`).not.toBeNull();
  return m!;
}

async function thread(id: Id<"conversationThreads">) {
  return (await t.run((ctx) => ctx.db.get(id)))!;
}

async function threadCount() {
  return t.run(
    async (ctx) =>
      (
        await ctx.db
          .query("conversationThreads")
          .withIndex("by_org_last", (q) => q.eq("organizationId", a.organizationId))
          .collect()
      ).length,
  );
}

/** An agent's email reply in a thread, as the outbound queue stores it. */
async function agentReply(threadId: Id<"conversationThreads">, text: string) {
  const id = await t.withIdentity(a.identity).mutation(api.outbound.replies.send, {
    organizationId: a.organizationId,
    threadId,
    channel: "email",
    text,
  });
  return (await t.run((ctx) => ctx.db.get(id)))!;
}

describe("reply-all from a colleague in CC", () => {
  test("joins the first email's thread and the colleague becomes a participant", async () => {
    const first = await receive({
      id: "em-1",
      from: "Alice Doe <alice@customer.example>",
      cc: ["Bob Roe <bob@customer.example>"],
      subject: "Contract renewal",
      text: "Can we renew for two years?",
      messageId: "<CAF1=alice@mail.customer.example>",
    });
    const bob = await receive({
      id: "em-2",
      from: "Bob Roe <bob@customer.example>",
      cc: ["alice@customer.example"],
      subject: "Re: Contract renewal",
      text: "Adding: we also need 5 more seats.",
      messageId: "<CAF2=bob@mail.customer.example>",
      inReplyTo: "<CAF1=alice@mail.customer.example>",
      references: ["<CAF1=alice@mail.customer.example>"],
    });
    expect(bob.threadId).toBe(first.threadId);
    expect(bob.contactId).not.toBe(first.contactId);
    const th = await thread(first.threadId);
    expect(th.contactId).toBe(first.contactId);
    expect(th.participantContactIds).toEqual([bob.contactId]);
    expect(th.messageCount).toBe(2);
    expect(await threadCount()).toBe(1);

    // Bob, now a participant, answers his own message: still the same thread, listed once.
    const again = await receive({
      id: "em-3",
      from: "bob@customer.example",
      subject: "Re: Contract renewal",
      text: "And a discount, please.",
      messageId: "<CAF3=bob@mail.customer.example>",
      inReplyTo: "<CAF2=bob@mail.customer.example>",
      references: ["<CAF1=alice@mail.customer.example>", "<CAF2=bob@mail.customer.example>"],
    });
    expect(again.threadId).toBe(first.threadId);
    expect((await thread(first.threadId)).participantContactIds).toEqual([bob.contactId]);
  });

  test("without threading headers an email falls back to the contact's open thread", async () => {
    const first = await receive({
      id: "em-10",
      from: "alice@customer.example",
      subject: "Question",
      text: "One",
      messageId: "<q1@customer.example>",
    });
    const second = await receive({
      id: "em-11",
      from: "alice@customer.example",
      subject: "Another question",
      text: "Two",
      messageId: "<q2@customer.example>",
    });
    expect(second.threadId).toBe(first.threadId);
  });

  test("an id of another organization threads nothing", async () => {
    const b = await seedOrg(t, "org-b", ORG_B);
    await receive({
      id: "em-20",
      from: "alice@customer.example",
      cc: ["bob@customer.example"],
      subject: "Hi A",
      text: "to A",
      messageId: "<shared@customer.example>",
    });
    // The same reply-all, but to org B's address: B never saw <shared@...>, so a new thread there.
    received.set("em-21", {
      id: "em-21",
      from: "bob@customer.example",
      to: [ORG_B.inboundEmail],
      subject: "Re: Hi",
      text: "to B",
      messageId: "<r@customer.example>",
      inReplyTo: "<shared@customer.example>",
    });
    const req = resendRequest({
      type: "email.received",
      created_at: new Date().toISOString(),
      data: {
        email_id: "em-21",
        from: "bob@customer.example",
        to: [ORG_B.inboundEmail],
        message_id: "<r@customer.example>",
        subject: "Re: Hi",
      },
    });
    expect((await t.fetch(req.path, req.init)).status).toBe(200);
    const inB = await t.run((ctx) =>
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_external", (q) =>
          q.eq("organizationId", b.organizationId).eq("channel", "email").eq("externalMessageId", "em-21"),
        )
        .first(),
    );
    const threadB = await thread(inB!.threadId);
    expect(threadB.organizationId).toBe(b.organizationId);
    expect(threadB.participantContactIds).toBeUndefined();
  });
});

describe("our own outbound Message-IDs", () => {
  test("a reply quoting our Message-ID joins its thread even after the thread was closed", async () => {
    const first = await receive({
      id: "em-30",
      from: "carol@customer.example",
      subject: "Delivery date",
      text: "When does it ship?",
      messageId: "<c1@customer.example>",
    });
    const ours = await agentReply(first.threadId, "Tomorrow.");
    expect(ours.emailMessageId).toMatch(/^<[0-9a-f-]{36}@a\.example\.com>$/);
    await t.withIdentity(a.identity).mutation(api.threads.threads.setStatus, {
      organizationId: a.organizationId,
      threadId: first.threadId,
      status: "closed",
    });
    const reply = await receive({
      id: "em-31",
      from: "carol@customer.example",
      subject: "Re: Delivery date",
      text: "Thanks!",
      messageId: "<c2@customer.example>",
      inReplyTo: ours.emailMessageId!,
      references: ["<c1@customer.example>", ours.emailMessageId!],
    });
    expect(reply.threadId).toBe(first.threadId);
    expect((await thread(first.threadId)).status).toBe("open");
    expect(await threadCount()).toBe(1);
  });

  test("the Message-ID Resend rewrote (reported in email.sent) threads the reply too", async () => {
    const first = await receive({
      id: "em-40",
      from: "dave@customer.example",
      subject: "Refund",
      text: "Refund please",
      messageId: "<d1@customer.example>",
    });
    const ours = await agentReply(first.threadId, "Done.");
    // The dispatcher sent it; Resend answered with its email id.
    await t.run((ctx) => ctx.db.patch(ours._id, { status: "sent", externalMessageId: "re-out-1" }));
    await t.withIdentity(a.identity).mutation(api.threads.threads.setStatus, {
      organizationId: a.organizationId,
      threadId: first.threadId,
      status: "closed",
    });
    const rewritten = "<0100019a1b2c3d4e-aaaa-bbbb-cccc-000000000000-000000@email.amazonses.com>";
    const delivered = resendRequest({
      type: "email.delivered",
      created_at: new Date().toISOString(),
      data: {
        email_id: "re-out-1",
        created_at: new Date().toISOString(),
        from: ORG_A.inboundEmail,
        to: ["dave@customer.example"],
        subject: "Re: Refund",
        message_id: rewritten,
      },
    });
    expect((await t.fetch(delivered.path, delivered.init)).status).toBe(200);
    const ids = await t.run((ctx) =>
      ctx.db
        .query("emailMessageIds")
        .withIndex("by_org_message_id", (q) => q.eq("organizationId", a.organizationId).eq("messageId", rewritten))
        .collect(),
    );
    expect(ids.map((r) => r.unifiedMessageId)).toEqual([ours._id]);

    const reply = await receive({
      id: "em-41",
      from: "dave@customer.example",
      subject: "Re: Refund",
      text: "Got it",
      messageId: "<d2@customer.example>",
      inReplyTo: rewritten,
    });
    expect(reply.threadId).toBe(first.threadId);
  });

  test("strangers answering one broadcast are not merged into its thread or each other's", async () => {
    const first = await receive({
      id: "em-50",
      from: "erin@customer.example",
      subject: "Newsletter",
      text: "Subscribe me",
      messageId: "<e1@customer.example>",
    });
    const broadcast = await agentReply(first.threadId, "Our spring announcement");
    const replies = [];
    for (const [i, who] of ["frank@other.example", "grace@third.example"].entries()) {
      replies.push(
        await receive({
          id: `em-5${i + 1}`,
          from: who,
          subject: "Re: Our spring announcement",
          text: `Question from ${who}`,
          messageId: `<s${i}@stranger.example>`,
          inReplyTo: broadcast.emailMessageId!,
          references: [broadcast.emailMessageId!],
        }),
      );
    }
    const threadIds = new Set([first.threadId, ...replies.map((r) => r.threadId)]);
    expect(threadIds.size).toBe(3);
    expect((await thread(first.threadId)).participantContactIds).toBeUndefined();
  });
});

describe("referenceOrder", () => {
  test("In-Reply-To first, then References newest first; junk and duplicates dropped; bounded", () => {
    expect(referenceOrder(["<c@x>", "<a@x>", "<b@x>", "<c@x>", "bad id", "d@x"])).toEqual([
      "<c@x>",
      "<d@x>",
      "<b@x>",
      "<a@x>",
    ]);
    const many = Array.from({ length: 500 }, (_, i) => `<m${i}@x>`);
    expect(referenceOrder(many)).toHaveLength(20);
    expect(referenceOrder([`<${"x".repeat(2000)}@x>`])).toEqual([]);
  });
});
