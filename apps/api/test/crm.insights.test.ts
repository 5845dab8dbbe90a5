import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { type CrmEnv, contactByIdentifier, drain, email, ORG_A, post, useCrmBackend } from "./crmHelpers";
import type { Backend, SeededOrg } from "./harness";
import { metaRequest, metaText, twilioSms } from "./signers";

let t: Backend;
let a: SeededOrg;
let asA: CrmEnv["asA"];
useCrmBackend((env) => ({ t, a, asA } = env), { now: "2026-11-23T09:00:00Z" }); // a Monday

// The quote request makes the buyer's interest plain: "very interested" beside a promise alone sits at the deal model's
// threshold (0.68–0.70 across retrains), where it is held for the AI peer. These tests are about tracing, not the threshold.
const FIRST = `Hi,

We're very interested in your platform for our 40 agents and the pilot went great, thanks! Could you send us a quote?
I'll send the security questionnaire by Friday.

Best,
Dana Reyes
VP Sales | Acme Corp
+1 415 555 0177`;

const SECOND = `Hello,

Quick update: I've moved on and joined Globex. As promised, attached is the security questionnaire.

Best,
Dana Reyes
Head of Partnerships | Globex Inc
+1 415 555 0177`;

const THIRD = `Hi again,

Honestly this delay is terrible and frustrating. We decided to go with another vendor.

Dana`;

/**
 * An agent's reply on the thread, and only what sending it scheduled (no Resend is reachable here, so a full drain
 * would retry the send for ever).
 */
async function sendReply(threadId: Id<"conversationThreads">, text: string) {
  await asA.mutation(api.outbound.replies.send, { organizationId: a.organizationId, threadId, text });
  vi.runOnlyPendingTimers();
  await t.finishInProgressScheduledFunctions();
}

/** The contact's open commitments: `due(action)` is [actor, due instant] of the one whose action includes `action`. */
async function dueOf(contactId: Id<"contacts">) {
  const open = await asA.query(api.crm.commitments.list, {
    organizationId: a.organizationId,
    contactId,
    paginationOpts: { numItems: 10, cursor: null },
  });
  return (action: string) => {
    const c = open.page.find((x) => x.action?.includes(action));
    return c ? [c.actor, new Date(c.dueAt!).toISOString()] : null;
  };
}

async function messageOf(externalSubject: string) {
  return t.run(async (ctx) => {
    const rows = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId))
      .collect();
    return rows.find((m) => m.subject === externalSubject)!;
  });
}

describe("insights hook, end to end from signed webhooks", () => {
  test("sentiment, commitments, profile, job change, deal stage: every row links to its source message", async () => {
    await post(t, email("Dana Reyes <dana@acme.com>", "Pilot", FIRST));
    // Nothing is extracted before the coalescing window closes.
    expect(
      await t.run((ctx) =>
        ctx.db
          .query("messageInsights")
          .withIndex("by_message", (q) => q.eq("organizationId", a.organizationId))
          .collect(),
      ),
    ).toHaveLength(0);
    await drain(t);
    const m1 = await messageOf("Pilot");
    const contactId = m1.contactId;
    expect(m1.insightsAt).toBeTypeOf("number");

    const insight1 = await t.run((ctx) =>
      ctx.db
        .query("messageInsights")
        .withIndex("by_message", (q) => q.eq("organizationId", a.organizationId).eq("messageId", m1._id))
        .unique(),
    );
    expect(insight1).toMatchObject({ contactId, sentimentLabel: "positive", direction: "inbound" });
    expect(insight1!.sentiment).toBeGreaterThan(0);

    const open = await asA.query(api.crm.commitments.list, {
      organizationId: a.organizationId,
      contactId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(open.page).toHaveLength(1);
    const c = open.page[0]!;
    expect(c).toMatchObject({
      sourceMessageId: m1._id,
      status: "open",
      actor: "contact",
      kind: "deliver",
      overdue: false,
    });
    expect(c.action).toContain("security questionnaire");
    expect(new Date(c.dueAt!).toISOString()).toBe("2026-11-27T17:00:00.000Z"); // Friday 17:00 (org timezone UTC)

    let contact = (await t.run((ctx) => ctx.db.get(contactId)))!;
    expect(contact).toMatchObject({ title: "VP Sales", company: "Acme Corp", dealStage: "interest" });
    expect(contact.healthScore).toBeGreaterThan(0);
    const deals = await asA.query(api.crm.deals.list, {
      organizationId: a.organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(deals.page.map((d) => [d.contactId, d.stage, d.sourceMessageId])).toEqual([[contactId, "interest", m1._id]]);

    // A week later the promise is overdue.
    vi.setSystemTime(new Date("2026-11-30T09:00:00Z"));
    const overdue = await asA.query(api.crm.commitments.list, {
      organizationId: a.organizationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(overdue.page.map((x) => x.overdue)).toEqual([true]);

    // Second burst: new signature (job change) + fulfilment of the promise.
    await post(t, email("Dana Reyes <dana@acme.com>", "Update", SECOND));
    await drain(t);
    const m2 = await messageOf("Update");
    contact = (await t.run((ctx) => ctx.db.get(contactId)))!;
    expect(contact).toMatchObject({ title: "Head of Partnerships", company: "Globex Inc" });
    const events = await t.run((ctx) =>
      ctx.db
        .query("contactEvents")
        .withIndex("by_contact_at", (q) => q.eq("organizationId", a.organizationId).eq("contactId", contactId))
        .collect(),
    );
    const jobChange = events.find((e) => e.kind === "job_change")!;
    expect(jobChange).toMatchObject({
      sourceMessageId: m2._id,
      data: { change: "company", from: { company: "Acme Corp" }, to: { company: "Globex Inc" } },
    });
    expect(jobChange.summary).toContain("Globex Inc");
    const done = await t.run((ctx) => ctx.db.get(c._id));
    expect(done).toMatchObject({ status: "done", doneByMessageId: m2._id });
    expect(done!.doneEvidence).toMatch(/as promised/i);

    // Third burst: negative sentiment + a strong "lost" cue moves the deal.
    await post(t, email("Dana Reyes <dana@acme.com>", "Decision", THIRD));
    await drain(t);
    const m3 = await messageOf("Decision");
    const series = await asA.query(api.crm.contactInsights.getSentiment, {
      organizationId: a.organizationId,
      contactId,
      bucket: "day",
    });
    expect(series.points.map((p) => [p.messageId, p.label])).toEqual([
      [m1._id, "positive"],
      [m2._id, expect.any(String)],
      [m3._id, "negative"],
    ]);
    expect(series.series.length).toBeGreaterThanOrEqual(2);
    const dealEvents = (
      await t.run((ctx) =>
        ctx.db
          .query("contactEvents")
          .withIndex("by_contact_at", (q) => q.eq("organizationId", a.organizationId).eq("contactId", contactId))
          .collect(),
      )
    ).filter((e) => e.kind === "deal_stage");
    expect(dealEvents.map((e) => [e.data.from, e.data.to, e.sourceMessageId])).toEqual([
      [null, "interest", m1._id],
      ["interest", "lost", m3._id],
    ]);
    expect((await t.run((ctx) => ctx.db.get(contactId)))!.dealStage).toBe("lost");

    // The CRM view reads it all back.
    const summary = await asA.query(api.crm.contactInsights.getSummary, {
      organizationId: a.organizationId,
      contactId,
    });
    expect(summary.deal).toMatchObject({ stage: "lost", sourceMessageId: m3._id });
    expect(summary.health).toMatchObject({ label: expect.any(String), score: expect.any(Number) });
    expect(summary.preferences.preferredChannel.channel).toBe("email");
    expect(summary.signature).toMatchObject({ company: "Globex Inc", sourceMessageId: m2._id });
    const prefs = await asA.query(api.crm.contactInsights.getPreferences, {
      organizationId: a.organizationId,
      contactId,
    });
    expect(prefs!.basedOnMessages).toBe(3);
    const timeline = await asA.query(api.crm.timeline.list, {
      organizationId: a.organizationId,
      contactId,
      paginationOpts: { numItems: 20, cursor: null },
    });
    expect(timeline.isDone).toBe(true);
    expect(timeline.page.filter((x) => x.type === "message")).toHaveLength(3);
    expect(
      timeline.page
        .filter((x) => x.type === "event")
        .map((x) => x.type === "event" && x.event.kind)
        .sort(),
    ).toEqual(["deal_stage", "deal_stage", "job_change"]);

    // Idempotent per message: the hook running again for the same burst changes nothing.
    const count = async () =>
      t.run(async (ctx) => ({
        insights: (
          await ctx.db
            .query("messageInsights")
            .withIndex("by_message", (q) => q.eq("organizationId", a.organizationId))
            .collect()
        ).length,
        commitments: (
          await ctx.db
            .query("commitments")
            .withIndex("by_message", (q) => q.eq("organizationId", a.organizationId))
            .collect()
        ).length,
        events: (
          await ctx.db
            .query("contactEvents")
            .withIndex("by_contact_at", (q) => q.eq("organizationId", a.organizationId))
            .collect()
        ).length,
      }));
    const before = await count();
    const run = await t.run((ctx) =>
      ctx.db
        .query("hookRuns")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .first(),
    );
    const result = await t.mutation(internal.crm.insights.onBurst, {
      organizationId: a.organizationId,
      threadId: run!.threadId,
      hookRunId: run!._id,
      messageIds: [m1._id, m2._id, m3._id],
    });
    expect(result.processed).toBe(0);
    expect(await count()).toEqual(before);
    expect(before).toEqual({ insights: 3, commitments: 1, events: 3 });
  });

  test("mark done / re-open a commitment", async () => {
    await post(t, email("Dana Reyes <dana@acme.com>", "Pilot", FIRST));
    await drain(t);
    const [c] = (
      await asA.query(api.crm.commitments.list, {
        organizationId: a.organizationId,
        paginationOpts: { numItems: 10, cursor: null },
      })
    ).page;
    await asA.mutation(api.crm.commitments.setDone, { organizationId: a.organizationId, commitmentId: c!._id });
    expect(
      (
        await asA.query(api.crm.commitments.list, {
          organizationId: a.organizationId,
          paginationOpts: { numItems: 10, cursor: null },
        })
      ).page,
    ).toHaveLength(0);
    const done = await asA.query(api.crm.commitments.list, {
      organizationId: a.organizationId,
      status: "done",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(done.page[0]).toMatchObject({ _id: c!._id, status: "done", doneEvidence: "marked done" });
    await asA.mutation(api.crm.commitments.setDone, {
      organizationId: a.organizationId,
      commitmentId: c!._id,
      done: false,
    });
    expect((await t.run((ctx) => ctx.db.get(c!._id)))!.status).toBe("open");
  });

  test("an agent's reply: our promise is tracked when it is sent, its date read in the organization's zone", async () => {
    await post(t, email("Dana Reyes <dana@acme.com>", "Pilot", FIRST));
    await drain(t);
    const m1 = await messageOf("Pilot");
    // Dana works from Tokyo; the organization's zone is UTC.
    await t.run((ctx) => ctx.db.patch(m1.contactId, { timezone: "Asia/Tokyo" }));
    await post(t, email("Dana Reyes <dana@acme.com>", "Order form", "I'll return the signed order form by Thursday."));
    await drain(t);
    await sendReply(m1.threadId, "Thanks Dana. I'll send you the revised quote by Thursday.");
    const due = await dueOf(m1.contactId);
    // Thursday 17:00 where each author is: Tokyo for Dana, UTC for our agent.
    expect(due("signed order form")).toEqual(["contact", "2026-11-26T08:00:00.000Z"]);
    expect(due("revised quote")).toEqual(["us", "2026-11-26T17:00:00.000Z"]);
    const reply = (await messageOf("Re: Pilot")) ?? null;
    expect(reply?.direction).toBe("outbound");
    expect(reply?.insightsAt).toBeTypeOf("number");
  });

  test("a time in the reader's zone: 'your time' is the contact's in our reply and the organization's in theirs", async () => {
    await post(t, email("Dana Reyes <dana@acme.com>", "Pilot", FIRST));
    await drain(t);
    const m1 = await messageOf("Pilot");
    // Dana works from Tokyo; the organization works from Lisbon (UTC+0 in November).
    await t.run(async (ctx) => {
      await ctx.db.patch(m1.contactId, { timezone: "Asia/Tokyo" });
      await ctx.db.patch(a.organizationId, { timezone: "Europe/Lisbon" });
    });
    await post(t, email("Dana Reyes <dana@acme.com>", "Call", "I'll call you at 4pm your time on Thursday."));
    await drain(t);
    await sendReply(m1.threadId, "Thanks Dana. I'll send you the revised quote by 9am your time on Thursday.");
    const due = await dueOf(m1.contactId);
    // Dana's "4pm your time" is 16:00 in Lisbon (read in Tokyo it would be 07:00 UTC); our "9am your time" is 09:00 in
    // Tokyo, 00:00 UTC (read in Lisbon it would be 09:00 UTC).
    expect(due("call you")).toEqual(["contact", "2026-11-26T16:00:00.000Z"]);
    expect(due("revised quote")).toEqual(["us", "2026-11-26T00:00:00.000Z"]);
  });

  test("signature phones nobody has become unverified identities of the sender", async () => {
    await post(t, email("Dana Reyes <dana@acme.com>", "Pilot", FIRST));
    await drain(t);
    const dana = (await contactByIdentifier(t, a.organizationId, "email", "dana@acme.com"))!;
    const viaPhone = (await contactByIdentifier(t, a.organizationId, "phone", "+14155550177"))!;
    expect(viaPhone._id).toBe(dana._id);
    // An SMS from that number now resolves to Dana instead of creating a new contact.
    await post(t, twilioSms("+14155550177", ORG_A.phone, "texting you", "SM00000000000000000000000000009177"));
    expect((await contactByIdentifier(t, a.organizationId, "phone", "+14155550177"))!._id).toBe(dana._id);
    const identities = await t.run((ctx) =>
      ctx.db
        .query("contactIdentities")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", dana._id))
        .collect(),
    );
    expect(identities.map((i) => [i.channel, i.identifier, i.source, i.verified]).sort()).toEqual([
      ["email", "dana@acme.com", "inbound", false],
      ["sms", "+14155550177", "signature", false],
    ]);
  });
});

test("a burst larger than one hook batch is processed completely, in follow-up batches", async () => {
  const texts = Array.from({ length: 120 }, (_, i) => ({
    id: `wamid.BIG${i}`,
    body: i % 2 ? `thanks, great ${i}` : `this is bad ${i}`,
  }));
  await post(t, metaRequest(metaText(ORG_A.phoneNumberId, "14155550188", "Big Burst", texts)));
  await drain(t);
  const rows = await t.run(async (ctx) => {
    const messages = await ctx.db
      .query("unifiedMessages")
      .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId))
      .collect();
    const insights = await ctx.db
      .query("messageInsights")
      .withIndex("by_message", (q) => q.eq("organizationId", a.organizationId))
      .collect();
    const runs = await ctx.db
      .query("hookRuns")
      .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
      .collect();
    return { messages, insights, runs };
  });
  expect(rows.runs).toHaveLength(1);
  expect(rows.runs[0]!.messageIds).toHaveLength(120);
  expect(rows.messages.every((m) => m.insightsAt !== undefined)).toBe(true);
  expect(new Set(rows.insights.map((i) => i.messageId)).size).toBe(120);
  expect(rows.insights.filter((i) => i.sentimentLabel === "negative")).toHaveLength(60);
});

describe("relationships", () => {
  test("extracted from communication, deduplicated, confidence raised by new evidence; manual edits win", async () => {
    await post(t, email("Tom Baker <tom.baker@acme.com>", "Hello", "Hi, Tom here."));
    await drain(t);
    const tom = (await contactByIdentifier(t, a.organizationId, "email", "tom.baker@acme.com"))!;
    await post(
      t,
      email("Dana Reyes <dana@acme.com>", "Intro", "Hi, looping in Tom who runs procurement.", {
        cc: ["Tom Baker <tom.baker@acme.com>"],
      }),
    );
    await drain(t);
    const dana = (await contactByIdentifier(t, a.organizationId, "email", "dana@acme.com"))!;
    const rels = async () =>
      t.run((ctx) =>
        ctx.db
          .query("contactRelationships")
          .withIndex("by_from", (q) => q.eq("organizationId", a.organizationId))
          .collect(),
      );
    let all = await rels();
    expect(all).toHaveLength(1); // one colleague edge (same domain + cc pattern), not two
    const edge = all[0]!;
    expect(edge).toMatchObject({
      fromContactId: dana._id,
      toContactId: tom._id,
      type: "colleague",
      source: "agent_extracted",
    });
    expect(edge.evidence.map((e) => e.text).sort()).toEqual(["same company domain acme.com", "shared domain acme.com"]);
    const first = edge.confidence;
    expect(first).toBeGreaterThan(0.6);

    // Another message, new evidence: confidence rises; the same message again changes nothing.
    await post(
      t,
      email(
        "Dana Reyes <dana@acme.com>",
        "Follow-up",
        "My colleague Tom Baker (tom.baker@acme.com) will join the call.",
      ),
    );
    await drain(t);
    all = await rels();
    expect(all).toHaveLength(1);
    expect(all[0]!.confidence).toBeGreaterThan(first);
    const messageIds = all[0]!.evidence.filter((e) => e.messageId).map((e) => e.messageId!);
    const sources = await t.run(async (ctx) =>
      Promise.all(messageIds.map(async (id) => (await ctx.db.get(id))!.subject)),
    );
    expect(sources.sort()).toEqual(["Follow-up", "Intro"]);

    // Manual "my manager" statement about a known contact.
    await post(
      t,
      email("Dana Reyes <dana@acme.com>", "Escalation", "My manager Tom Baker (tom.baker@acme.com) will decide."),
    );
    await drain(t);
    const manager = (await rels()).find((r) => r.type === "manager")!;
    expect(manager).toMatchObject({ fromContactId: dana._id, toContactId: tom._id, source: "agent_extracted" });

    // A member edits it: it becomes manual and extraction never overwrites it.
    await asA.mutation(api.contacts.relationships.update, {
      organizationId: a.organizationId,
      relationshipId: manager._id,
      confidence: 0.5,
      note: "Tom is her skip-level",
    });
    await post(
      t,
      email("Dana Reyes <dana@acme.com>", "Escalation 2", "Again: my manager Tom Baker (tom.baker@acme.com) decides."),
    );
    await drain(t);
    expect(await t.run((ctx) => ctx.db.get(manager._id))).toMatchObject({ source: "manual", confidence: 0.5 });
    expect((await rels()).filter((r) => r.type === "manager")).toHaveLength(1);

    // Deleting an extracted edge: extraction does not bring it back.
    await asA.mutation(api.contacts.relationships.remove, {
      organizationId: a.organizationId,
      relationshipId: all[0]!._id,
    });
    await post(
      t,
      email("Dana Reyes <dana@acme.com>", "More", "My colleague Tom Baker (tom.baker@acme.com) again.", {
        cc: ["tom.baker@acme.com"],
      }),
    );
    await drain(t);
    expect((await rels()).filter((r) => r.type === "colleague")).toHaveLength(0);
    // ... but a member may add it back by hand.
    const manual = await asA.mutation(api.contacts.relationships.create, {
      organizationId: a.organizationId,
      fromContactId: dana._id,
      toContactId: tom._id,
      type: "colleague",
    });
    expect(await t.run((ctx) => ctx.db.get(manual))).toMatchObject({ source: "manual", confidence: 1 });
  });

  test("relationship graph to depth 2", async () => {
    await post(t, email("Ann <ann@one.test>", "a", "hi"));
    await post(t, email("Bob <bob@two.test>", "b", "hi"));
    await post(t, email("Cy <cy@three.test>", "c", "hi"));
    await post(t, email("Di <di@four.test>", "d", "hi"));
    await drain(t);
    const [ann, bob, cy, di] = await Promise.all(
      ["ann@one.test", "bob@two.test", "cy@three.test", "di@four.test"].map((e) =>
        contactByIdentifier(t, a.organizationId, "email", e),
      ),
    );
    const link = (from: Id<"contacts">, to: Id<"contacts">, type: string) =>
      asA.mutation(api.contacts.relationships.create, {
        organizationId: a.organizationId,
        fromContactId: from,
        toContactId: to,
        type,
      });
    await link(ann!._id, bob!._id, "manager");
    await link(bob!._id, cy!._id, "colleague");
    await link(cy!._id, di!._id, "colleague");
    await expect(link(ann!._id, bob!._id, "manager")).rejects.toThrow(/already exists/);
    await expect(link(ann!._id, ann!._id, "manager")).rejects.toThrow(/itself/);
    const g = await asA.query(api.crm.contactInsights.getGraph, {
      organizationId: a.organizationId,
      contactId: ann!._id,
    });
    expect(g.nodes.map((n) => [n.displayName, n.depth]).sort()).toEqual([
      ["Ann", 0],
      ["Bob", 1],
      ["Cy", 2],
    ]);
    expect(g.edges.map((e) => e.type).sort()).toEqual(["colleague", "manager"]);
    const g1 = await asA.query(api.crm.contactInsights.getGraph, {
      organizationId: a.organizationId,
      contactId: ann!._id,
      depth: 1,
    });
    expect(g1.nodes).toHaveLength(2);
  });
});

describe("recompute", () => {
  test("re-derives a contact from scratch through batches and matches the live result", async () => {
    await post(t, email("Dana Reyes <dana@acme.com>", "Pilot", FIRST));
    await drain(t);
    vi.setSystemTime(new Date("2026-11-24T09:00:00Z"));
    await post(t, email("Dana Reyes <dana@acme.com>", "Update", SECOND));
    await drain(t);
    const dana = (await contactByIdentifier(t, a.organizationId, "email", "dana@acme.com"))!;
    // Many extra messages so that the replay takes several batches.
    await t.run(async (ctx) => {
      const m = (await ctx.db
        .query("unifiedMessages")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", dana._id))
        .first())!;
      const { _id, _creationTime, insightsAt: _i, ...rest } = m;
      for (let i = 0; i < 120; i++) {
        await ctx.db.insert("unifiedMessages", {
          ...rest,
          externalMessageId: `x-${i}`,
          subject: undefined,
          text: "ok thanks",
          sentAt: m.sentAt + 1000 + i,
        });
      }
    });
    const derived = async () =>
      t.run(async (ctx) => {
        const by = (q: any) => q.eq("organizationId", a.organizationId).eq("contactId", dana._id);
        const strip = <T extends { _id: unknown; _creationTime: unknown }>(rows: T[]) =>
          rows.map(({ _id, _creationTime, ...r }) => r);
        return {
          commitments: strip(await ctx.db.query("commitments").withIndex("by_contact_status", by).collect()).map(
            (c) => [c.sourceMessageId, c.status, c.dueAt],
          ),
          events: strip(await ctx.db.query("contactEvents").withIndex("by_contact_at", by).collect()).map((e) => [
            e.kind,
            e.sourceMessageId,
            e.at,
          ]),
          deal: (await ctx.db.query("deals").withIndex("by_contact", by).first())?.stage,
          contact: await ctx.db.get(dana._id).then((c) => [c!.title, c!.company, c!.dealStage]),
        };
      });
    const live = await derived();
    const jobId = await asA.action(api.crm.recompute.run, { organizationId: a.organizationId, contactId: dana._id });
    await drain(t);
    const job = await asA.query(api.crm.recompute.get, { organizationId: a.organizationId, jobId });
    expect(job).toMatchObject({ status: "done", processed: 122 });
    const insights = await t.run((ctx) =>
      ctx.db
        .query("messageInsights")
        .withIndex("by_contact_at", (q) => q.eq("organizationId", a.organizationId).eq("contactId", dana._id))
        .collect(),
    );
    expect(insights).toHaveLength(122);
    expect(await derived()).toEqual(live);
  });

  test("a message arriving while the contact is being recomputed is derived exactly once", async () => {
    await post(t, email("Dana Reyes <dana@acme.com>", "Pilot", FIRST));
    await drain(t);
    const dana = (await contactByIdentifier(t, a.organizationId, "email", "dana@acme.com"))!;
    const jobId = await asA.action(api.crm.recompute.run, { organizationId: a.organizationId, contactId: dana._id });
    // Joining a running job returns it.
    expect(await asA.action(api.crm.recompute.run, { organizationId: a.organizationId, contactId: dana._id })).toBe(
      jobId,
    );
    await post(t, email("Dana Reyes <dana@acme.com>", "During", "I'll call you on Monday."));
    // Run the recompute until it has cleared everything and started replaying...
    for (let i = 0; i < 20; i++) {
      const job = await asA.query(api.crm.recompute.get, { organizationId: a.organizationId, jobId });
      if (job.status !== "clearing") break;
      vi.advanceTimersToNextTimer();
      await t.finishInProgressScheduledFunctions();
    }
    expect((await asA.query(api.crm.recompute.get, { organizationId: a.organizationId, jobId })).status).toBe(
      "replaying",
    );
    // ... then the hook for the new burst runs: it leaves the message to the replay.
    const late = await messageOf("During");
    const run = await t.run((ctx) =>
      ctx.db
        .query("hookRuns")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .first(),
    );
    const hook = await t.mutation(internal.crm.insights.onBurst, {
      organizationId: a.organizationId,
      threadId: late.threadId,
      hookRunId: run!._id,
      messageIds: [late._id],
    });
    expect(hook.processed).toBe(0);
    await drain(t);
    const during = await messageOf("During");
    const rows = await t.run(async (ctx) => ({
      insights: await ctx.db
        .query("messageInsights")
        .withIndex("by_message", (q) => q.eq("organizationId", a.organizationId).eq("messageId", during._id))
        .collect(),
      commitments: await ctx.db
        .query("commitments")
        .withIndex("by_message", (q) => q.eq("organizationId", a.organizationId).eq("sourceMessageId", during._id))
        .collect(),
    }));
    expect(rows.insights).toHaveLength(1);
    expect(rows.commitments).toHaveLength(1);
    expect((await asA.query(api.crm.recompute.get, { organizationId: a.organizationId, jobId })).status).toBe("done");
  });
});
