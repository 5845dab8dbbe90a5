import { describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import {
  asMember,
  type CrmEnv,
  contactByIdentifier,
  drain,
  email,
  ORG_A,
  ORG_B,
  post,
  snapshot,
  useCrmBackend,
} from "./crmHelpers";
import type { Backend, SeededOrg } from "./harness";
import { seedOrg } from "./harness";
import { metaRequest, metaText, twilioSms } from "./signers";

let t: Backend;
let a: SeededOrg;
let asA: CrmEnv["asA"];
useCrmBackend((env) => ({ t, a, asA } = env));

const DANA_SIGNATURE = `Hi,

Thanks for the quick answer, that helps a lot.

Best,
Dana Reyes
VP Sales | Acme Corp
+1 415 555 0177`;

/** An SMS contact (+14155550177) and an email contact whose signature carries the same phone. */
async function smsAndEmailDana() {
  await post(t, twilioSms("+14155550177", ORG_A.phone, "hi it's me", "SM00000000000000000000000000000177"));
  await post(t, email("Dana Reyes <dana@acme.com>", "Question", DANA_SIGNATURE));
  await drain(t);
  const sms = (await contactByIdentifier(t, a.organizationId, "phone", "+14155550177"))!;
  const mail = (await contactByIdentifier(t, a.organizationId, "email", "dana@acme.com"))!;
  return { sms, mail };
}

async function openSuggestions() {
  return (
    await asA.query(api.contacts.mergeSuggestions.list, {
      organizationId: a.organizationId,
      paginationOpts: { numItems: 20, cursor: null },
    })
  ).page;
}

describe("identity resolution", () => {
  test("SMS from +1 415 555 0100 and WhatsApp from 14155550100 resolve to one contact", async () => {
    await post(t, twilioSms("+1 415 555 0100", ORG_A.phone, "sms", "SM00000000000000000000000000000100"));
    await post(t, metaRequest(metaText(ORG_A.phoneNumberId, "14155550100", "Sam", [{ id: "wamid.100", body: "wa" }])));
    const found = await asA.query(api.contacts.contacts.findByIdentifier, {
      organizationId: a.organizationId,
      channel: "whatsapp",
      identifier: "14155550100",
    });
    const viaSms = await asA.query(api.contacts.contacts.findByIdentifier, {
      organizationId: a.organizationId,
      channel: "sms",
      identifier: "(415) 555-0100",
    });
    expect(found!._id).toBe(viaSms!._id);
    expect(found!.messageCount).toBe(2);
  });

  test("manual identities are normalised like inbound; one already on another contact becomes a suggestion", async () => {
    await post(t, twilioSms("+14155550123", ORG_A.phone, "hello", "SM00000000000000000000000000000123"));
    await post(t, email("Lee Park <lee@example.org>", "Hi", "Hello there"));
    await drain(t);
    const phoneContact = (await contactByIdentifier(t, a.organizationId, "phone", "+14155550123"))!;
    const emailContact = (await contactByIdentifier(t, a.organizationId, "email", "lee@example.org"))!;

    // WhatsApp wa_id -> E.164; email lower-cased.
    const wa = await asA.mutation(api.contacts.identities.add, {
      organizationId: a.organizationId,
      contactId: emailContact._id,
      channel: "whatsapp",
      identifier: "447700900123",
    });
    expect(wa).toMatchObject({ status: "added", identifier: "+447700900123" });
    const mail = await asA.mutation(api.contacts.identities.add, {
      organizationId: a.organizationId,
      contactId: phoneContact._id,
      channel: "email",
      identifier: "  Lee.Park@Work.Example.COM ",
    });
    expect(mail).toMatchObject({ status: "added", identifier: "lee.park@work.example.com" });
    const again = await asA.mutation(api.contacts.identities.add, {
      organizationId: a.organizationId,
      contactId: phoneContact._id,
      channel: "email",
      identifier: "LEE.PARK@work.example.com",
    });
    expect(again.status).toBe("exists");
    await expect(
      asA.mutation(api.contacts.identities.add, {
        organizationId: a.organizationId,
        contactId: phoneContact._id,
        channel: "sms",
        identifier: "not a phone",
      }),
    ).rejects.toThrow(/not a phone number/);

    // The phone contact's national-format number added to the email contact: no duplicate, a suggestion.
    const dup = await asA.mutation(api.contacts.identities.add, {
      organizationId: a.organizationId,
      contactId: emailContact._id,
      channel: "sms",
      identifier: "(415) 555-0123",
    });
    expect(dup).toMatchObject({ status: "suggested", otherContactId: phoneContact._id, identifier: "+14155550123" });
    const holders = await t.run((ctx) =>
      ctx.db
        .query("contactIdentities")
        .withIndex("by_kind_identifier", (q) =>
          q.eq("organizationId", a.organizationId).eq("kind", "phone").eq("identifier", "+14155550123"),
        )
        .collect(),
    );
    expect(holders.map((h) => h.contactId)).toEqual([phoneContact._id]);
    const [s] = await openSuggestions();
    expect(s!.reasons).toEqual([expect.objectContaining({ signal: "manual_identifier", weight: 0.9 })]);
    expect(s!.reasons[0]!.detail).toContain("+14155550123");
    expect(s!.score).toBe(0.9);

    // verify / remove
    if (wa.status !== "added") throw new Error("unreachable");
    await asA.mutation(api.contacts.identities.verify, { organizationId: a.organizationId, identityId: wa.identityId });
    expect((await t.run((ctx) => ctx.db.get(wa.identityId)))!.verified).toBe(true);
    await asA.mutation(api.contacts.identities.remove, { organizationId: a.organizationId, identityId: wa.identityId });
    expect(await t.run((ctx) => ctx.db.get(wa.identityId))).toBeNull();
  });

  test("an email whose signature holds another contact's phone yields a merge suggestion with that evidence", async () => {
    const { sms, mail } = await smsAndEmailDana();
    expect(sms._id).not.toBe(mail._id);
    const suggestions = await openSuggestions();
    expect(suggestions).toHaveLength(1);
    const s = suggestions[0]!;
    expect([s.contactAId, s.contactBId].sort()).toEqual([sms._id, mail._id].sort());
    expect(s.reasons).toHaveLength(1);
    const reason = s.reasons[0]!;
    expect(reason.signal).toBe("signature_identifier");
    expect(reason.detail).toContain("+14155550177");
    expect(reason.detail).toContain("Dana Reyes");
    const source = await t.run((ctx) => ctx.db.get(reason.messageId!));
    expect(source).toMatchObject({ channel: "email", contactId: mail._id, from: "dana@acme.com" });
    expect(s.score).toBe(0.6);
    // The same evidence again does not raise the score.
    await post(t, email("Dana Reyes <dana@acme.com>", "Again", DANA_SIGNATURE));
    await drain(t);
    const [again] = await openSuggestions();
    expect(again!.reasons).toHaveLength(1);
    expect(again!.score).toBe(0.6);
  });

  test("a contact's suggestions; accepting without a survivor keeps the contact with more messages", async () => {
    const { sms, mail } = await smsAndEmailDana();
    await post(t, email("Dana Reyes <dana@acme.com>", "More", "One more thing"));
    await drain(t);
    const forSms = await asA.query(api.contacts.mergeSuggestions.list, {
      organizationId: a.organizationId,
      contactId: sms._id,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(forSms.page).toHaveLength(1);
    expect(forSms.page[0]!.stale).toBe(false);
    const mergeId = await asA.mutation(api.contacts.mergeSuggestions.accept, {
      organizationId: a.organizationId,
      suggestionId: forSms.page[0]!._id,
    });
    await drain(t);
    expect(await asA.query(api.contacts.merges.get, { organizationId: a.organizationId, mergeId })).toMatchObject({
      survivorId: mail._id,
      loserId: sms._id,
      status: "done",
    });
    expect(await t.run((ctx) => ctx.db.get(forSms.page[0]!._id))).toMatchObject({ status: "accepted", mergeId });
    await expect(
      asA.mutation(api.contacts.mergeSuggestions.dismiss, {
        organizationId: a.organizationId,
        suggestionId: forSms.page[0]!._id,
      }),
    ).rejects.toThrow(/already accepted/);
    // The merged contact leaves the relationship graph.
    const g = await asA.query(api.crm.contactInsights.getGraph, {
      organizationId: a.organizationId,
      contactId: mail._id,
    });
    expect(g.nodes.map((n) => n._id)).toEqual([mail._id]);
  });

  test("same name at the same company domain is suggested", async () => {
    await post(t, email("Priya Natarajan <priya@initech.io>", "Hello", "Hi there"));
    await post(t, email("Priya Natarajan <p.natarajan@initech.io>", "Hello again", "Hi, new address"));
    await drain(t);
    const [s] = await openSuggestions();
    expect(s!.reasons[0]).toMatchObject({ signal: "name_domain" });
    expect(s!.reasons[0]!.detail).toContain("@initech.io");
    expect(s!.contactA!.displayName).toBe("Priya Natarajan");
    expect(s!.contactB!.displayName).toBe("Priya Natarajan");
  });

  test("a dismissed pair is never suggested again", async () => {
    await smsAndEmailDana();
    const [s] = await openSuggestions();
    await asA.mutation(api.contacts.mergeSuggestions.dismiss, {
      organizationId: a.organizationId,
      suggestionId: s!._id,
    });
    expect(await openSuggestions()).toHaveLength(0);
    // New, different evidence for the same pair: a signature email + a manual identifier.
    await post(t, email("Dana Reyes <dana@acme.com>", "Ping", DANA_SIGNATURE.replace("VP Sales", "VP of Sales")));
    const mail = (await contactByIdentifier(t, a.organizationId, "email", "dana@acme.com"))!;
    const res = await asA.mutation(api.contacts.identities.add, {
      organizationId: a.organizationId,
      contactId: mail._id,
      channel: "sms",
      identifier: "+14155550177",
    });
    expect(res).toMatchObject({ status: "suggested", suggestionId: null });
    await drain(t);
    expect(await openSuggestions()).toHaveLength(0);
    const row = await t.run((ctx) => ctx.db.get(s!._id));
    expect(row).toMatchObject({ status: "dismissed", reasons: s!.reasons, score: s!.score });
  });
});

describe("merge", () => {
  test("merge then undo restores the original state exactly", async () => {
    const { sms, mail } = await smsAndEmailDana();
    await post(
      t,
      metaRequest(
        metaText(ORG_A.phoneNumberId, "14155550177", "Dana", [
          { id: "wamid.D1", body: "I'll call you tomorrow at 10am" },
        ]),
      ),
    );
    await post(t, email("Tom Baker <tom@acme.com>", "Intro", "Hi, Tom here"));
    await drain(t);
    const tom = (await contactByIdentifier(t, a.organizationId, "email", "tom@acme.com"))!;
    await asA.mutation(api.contacts.relationships.create, {
      organizationId: a.organizationId,
      fromContactId: sms._id,
      toContactId: tom._id,
      type: "manager",
    });
    await asA.mutation(api.contacts.relationships.create, {
      organizationId: a.organizationId,
      fromContactId: sms._id,
      toContactId: mail._id,
      type: "sibling",
    });

    // A rating the SMS contact gave: it must follow the person to the survivor (health score).
    const smsThread = await t.run((ctx) =>
      ctx.db
        .query("conversationThreads")
        .withIndex("by_contact_status", (q) => q.eq("organizationId", a.organizationId).eq("contactId", sms._id))
        .first(),
    );
    await t.run((ctx) =>
      ctx.db.insert("csatRequests", {
        organizationId: a.organizationId,
        threadId: smsThread!._id,
        contactId: sms._id,
        channel: "sms",
        requestedAt: 1,
        expiresAt: 2,
        score: 4,
        ratedAt: 1,
      }),
    );

    const before = await snapshot(t, a.organizationId);
    expect(before.commitments!.length).toBeGreaterThan(0);
    expect(before.csatRequests).toHaveLength(1);
    const smsBefore = (await t.run((ctx) => ctx.db.get(sms._id)))!;
    const mailBefore = (await t.run((ctx) => ctx.db.get(mail._id)))!;
    const [s] = await openSuggestions();
    const mergeId = await asA.mutation(api.contacts.mergeSuggestions.accept, {
      organizationId: a.organizationId,
      suggestionId: s!._id,
      survivorId: mail._id,
    });
    await drain(t);

    const merged = await asA.query(api.contacts.merges.get, { organizationId: a.organizationId, mergeId });
    expect(merged).toMatchObject({ status: "done", survivorId: mail._id, loserId: sms._id, progress: 1 });
    expect(merged.moved).toBe(merged.estimatedTotal);
    expect(merged.loserBefore.displayName).toBe("Dana");
    const during = await snapshot(t, a.organizationId);
    const loserRefs = Object.entries(during).flatMap(([table, rows]) =>
      table === "contacts" || table === "mergeSuggestions"
        ? []
        : rows
            .filter((r) => JSON.stringify(r).includes(sms._id))
            .map((r) => [table, (r as { kind?: string }).kind ?? ""]),
    );
    // Every reference to the merged contact moved, except the merge event (it names the loser) and
    // the loser's own derived profile (kept, not moved: the survivor's is recomputed).
    expect(loserRefs).toEqual([
      ["contactEvents", "merge"],
      ["contactProfiles", ""],
    ]);
    const loser = (await t.run((ctx) => ctx.db.get(sms._id)))!;
    expect(loser.mergedInto).toBe(mail._id);
    const survivor = (await t.run((ctx) => ctx.db.get(mail._id)))!;
    expect(survivor.messageCount).toBe(smsBefore.messageCount + mailBefore.messageCount);
    expect(survivor.messageCount).toBe(3); // SMS + WhatsApp + email
    const timeline = await asA.query(api.crm.timeline.list, {
      organizationId: a.organizationId,
      contactId: mail._id,
      paginationOpts: { numItems: 50, cursor: null },
    });
    expect(timeline.page.some((x) => x.type === "event" && x.event.kind === "merge")).toBe(true);

    await asA.mutation(api.contacts.merges.undo, { organizationId: a.organizationId, mergeId });
    await drain(t);
    const after = await snapshot(t, a.organizationId);
    expect(after).toEqual(before);
    expect((await asA.query(api.contacts.merges.get, { organizationId: a.organizationId, mergeId })).status).toBe(
      "undone",
    );
  });

  test("refuses self-merge and cross-organization merges", async () => {
    const b = await seedOrg(t, "org-b", ORG_B);
    await post(t, twilioSms("+14155550301", ORG_A.phone, "a", "SM00000000000000000000000000000301"));
    await post(t, twilioSms("+14155550302", ORG_B.phone, "b", "SM00000000000000000000000000000302"));
    const inA = (await contactByIdentifier(t, a.organizationId, "phone", "+14155550301"))!;
    const inB = (await contactByIdentifier(t, b.organizationId, "phone", "+14155550302"))!;
    await expect(
      asA.mutation(api.contacts.merges.start, {
        organizationId: a.organizationId,
        survivorId: inA._id,
        loserId: inA._id,
      }),
    ).rejects.toThrow(/itself/);
    await expect(
      asA.mutation(api.contacts.merges.start, {
        organizationId: a.organizationId,
        survivorId: inA._id,
        loserId: inB._id,
      }),
    ).rejects.toThrow(/Not found/);
    await expect(
      asA.mutation(api.contacts.merges.start, {
        organizationId: a.organizationId,
        survivorId: inB._id,
        loserId: inA._id,
      }),
    ).rejects.toThrow(/Not found/);
    const asB = asMember(t, b);
    await expect(
      asB.mutation(api.contacts.merges.start, {
        organizationId: b.organizationId,
        survivorId: inB._id,
        loserId: inA._id,
      }),
    ).rejects.toThrow(/Not found/);
    await expect(
      asB.mutation(api.contacts.merges.start, {
        organizationId: a.organizationId,
        survivorId: inA._id,
        loserId: inA._id,
      }),
    ).rejects.toThrow(/not a member/);
    expect((await t.run((ctx) => ctx.db.get(inA._id)))!.mergedInto).toBeUndefined();
    expect((await t.run((ctx) => ctx.db.get(inB._id)))!.mergedInto).toBeUndefined();
  });

  test("a contact with more rows than one batch merges (and unmerges) through scheduled batches", async () => {
    await post(t, twilioSms("+14155550401", ORG_A.phone, "survivor", "SM00000000000000000000000000000401"));
    await post(t, twilioSms("+14155550402", ORG_A.phone, "loser", "SM00000000000000000000000000000402"));
    await drain(t);
    const survivor = (await contactByIdentifier(t, a.organizationId, "phone", "+14155550401"))!;
    const loser = (await contactByIdentifier(t, a.organizationId, "phone", "+14155550402"))!;
    const EXTRA = 260;
    await t.run(async (ctx) => {
      const first = (await ctx.db
        .query("unifiedMessages")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", loser._id))
        .first())!;
      for (let i = 0; i < EXTRA; i++) {
        const { _id, _creationTime, ...rest } = first;
        await ctx.db.insert("unifiedMessages", {
          ...rest,
          externalMessageId: `bulk-${i}`,
          text: `bulk ${i}`,
          sentAt: first.sentAt + i + 1,
        });
      }
      await ctx.db.patch(loser._id, { messageCount: loser.messageCount + EXTRA });
    });
    const before = await snapshot(t, a.organizationId);
    const mergeId = await asA.mutation(api.contacts.merges.start, {
      organizationId: a.organizationId,
      survivorId: survivor._id,
      loserId: loser._id,
    });

    // Exactly one batch runs per scheduled step.
    vi.runOnlyPendingTimers();
    await t.finishInProgressScheduledFunctions();
    const progress = await asA.query(api.contacts.merges.get, { organizationId: a.organizationId, mergeId });
    expect(progress.status).toBe("running");
    expect(progress.moved).toBe(100);
    expect(progress.progress).toBeGreaterThan(0);
    expect(progress.progress).toBeLessThan(1);

    await drain(t);
    const done = await asA.query(api.contacts.merges.get, { organizationId: a.organizationId, mergeId });
    expect(done.status).toBe("done");
    const messagesMoved = EXTRA + 1;
    expect(done.moved).toBeGreaterThanOrEqual(messagesMoved + 2); // + identity + thread (+ derived rows)
    expect(done.batches).toBeGreaterThanOrEqual(Math.ceil(done.moved / 100));
    const onSurvivor = await t.run(
      async (ctx) =>
        (
          await ctx.db
            .query("unifiedMessages")
            .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", survivor._id))
            .collect()
        ).length,
    );
    expect(onSurvivor).toBe(messagesMoved + 1);
    expect((await t.run((ctx) => ctx.db.get(survivor._id)))!.messageCount).toBe(messagesMoved + 1);

    await asA.mutation(api.contacts.merges.undo, { organizationId: a.organizationId, mergeId });
    vi.runOnlyPendingTimers();
    await t.finishInProgressScheduledFunctions();
    expect((await asA.query(api.contacts.merges.get, { organizationId: a.organizationId, mergeId })).status).toBe(
      "undoing",
    );
    await drain(t);
    const undone = await asA.query(api.contacts.merges.get, { organizationId: a.organizationId, mergeId });
    expect(undone).toMatchObject({ status: "undone", restored: done.moved });
    expect(await snapshot(t, a.organizationId)).toEqual(before);
  });

  test("a running merge blocks another merge of the same contacts; undo needs a finished merge", async () => {
    await post(t, twilioSms("+14155550501", ORG_A.phone, "x", "SM00000000000000000000000000000501"));
    await post(t, twilioSms("+14155550502", ORG_A.phone, "y", "SM00000000000000000000000000000502"));
    await post(t, twilioSms("+14155550503", ORG_A.phone, "z", "SM00000000000000000000000000000503"));
    const [x, y, z] = await Promise.all(
      ["+14155550501", "+14155550502", "+14155550503"].map((p) => contactByIdentifier(t, a.organizationId, "phone", p)),
    );
    const mergeId = await asA.mutation(api.contacts.merges.start, {
      organizationId: a.organizationId,
      survivorId: x!._id,
      loserId: y!._id,
    });
    await expect(
      asA.mutation(api.contacts.merges.start, {
        organizationId: a.organizationId,
        survivorId: x!._id,
        loserId: z!._id,
      }),
    ).rejects.toThrow(/still running/);
    await expect(asA.mutation(api.contacts.merges.undo, { organizationId: a.organizationId, mergeId })).rejects.toThrow(
      /finished merge/,
    );
    await expect(
      asA.mutation(api.contacts.merges.start, {
        organizationId: a.organizationId,
        survivorId: z!._id,
        loserId: y!._id,
      }),
    ).rejects.toThrow(/already merged/);
    await drain(t);
    // Mail from the merged contact's number now lands on the survivor.
    await post(t, twilioSms("+14155550502", ORG_A.phone, "after merge", "SM000000000000000000000000000005aa"));
    const routed = await t.run((ctx) =>
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_external", (q) =>
          q
            .eq("organizationId", a.organizationId)
            .eq("channel", "sms")
            .eq("externalMessageId", "SM000000000000000000000000000005aa"),
        )
        .first(),
    );
    expect(routed!.contactId).toBe(x!._id);
    const history = await asA.query(api.contacts.merges.listForContact, {
      organizationId: a.organizationId,
      contactId: x!._id,
    });
    expect(history.map((m) => [m._id, m.status])).toEqual([[mergeId, "done"]]);
  });
});
