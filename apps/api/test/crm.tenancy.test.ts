import { expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import { asMember, type CrmEnv, contactByIdentifier, drain, email, ORG_B, post, useCrmBackend } from "./crmHelpers";
import { type Backend, type SeededOrg, seedOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
let asA: CrmEnv["asA"];
useCrmBackend((env) => ({ t, a, asA } = env));

const SIGNED = `Hi,

I'll send the figures by Friday.

Best,
Dana Reyes
VP Sales | Acme Corp
+1 415 555 0177`;

test("every CRM function refuses another organization's ids", async () => {
  const b = await seedOrg(t, "org-b", ORG_B);
  const asB = asMember(t, b);
  // Org A: two contacts, a suggestion, a relationship, a commitment, a finished merge, a recompute job.
  await post(t, email("Dana Reyes <dana@acme.com>", "Figures", SIGNED));
  await post(t, email("Tom Baker <tom@acme.com>", "Hi", "Hello"));
  await post(t, email("Sam Lee <sam@acme.com>", "Hi", "Hello"));
  await post(t, email("Ola Nor <ola@acme.com>", "Hi", "Hello"));
  await drain(t);
  const dana = (await contactByIdentifier(t, a.organizationId, "email", "dana@acme.com"))!._id;
  const tom = (await contactByIdentifier(t, a.organizationId, "email", "tom@acme.com"))!._id;
  const sam = (await contactByIdentifier(t, a.organizationId, "email", "sam@acme.com"))!._id;
  const ola = (await contactByIdentifier(t, a.organizationId, "email", "ola@acme.com"))!._id;
  const added = await asA.mutation(api.contacts.identities.add, {
    organizationId: a.organizationId,
    contactId: tom,
    channel: "sms",
    identifier: "+14155550177",
  });
  if (added.status !== "suggested" || !added.suggestionId) throw new Error("expected a suggestion");
  const suggestionId = added.suggestionId;
  const identityId = (await t.run((ctx) =>
    ctx.db
      .query("contactIdentities")
      .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", dana))
      .first(),
  ))!._id;
  const relationshipId = await asA.mutation(api.contacts.relationships.create, {
    organizationId: a.organizationId,
    fromContactId: dana,
    toContactId: tom,
    type: "manager",
  });
  const mergeId = await asA.mutation(api.contacts.merges.start, {
    organizationId: a.organizationId,
    survivorId: sam,
    loserId: ola,
  });
  const jobId = await asA.action(api.crm.recompute.run, { organizationId: a.organizationId, contactId: dana });
  await drain(t);
  // (after the recompute, which re-derived the commitment)
  const commitmentId = (await t.run((ctx) =>
    ctx.db
      .query("commitments")
      .withIndex("by_message", (q) => q.eq("organizationId", a.organizationId))
      .first(),
  ))!._id;

  // Org B owns a contact too (so B has legitimate ids to mix with A's).
  await post(t, email("Bea <bea@b.test>", "Hi", "Hello", { to: ORG_B.inboundEmail }));
  await drain(t);
  const bea = (await contactByIdentifier(t, b.organizationId, "email", "bea@b.test"))!._id;

  const A = a.organizationId;
  const B = b.organizationId;
  const page = { numItems: 10, cursor: null };
  // B naming its own organization with A's ids: not found. B naming A's organization: not a member.
  const calls: [string, () => Promise<unknown>][] = [
    [
      "identities.add",
      () =>
        asB.mutation(api.contacts.identities.add, {
          organizationId: B,
          contactId: dana,
          channel: "sms",
          identifier: "+14155550999",
        }),
    ],
    ["identities.remove", () => asB.mutation(api.contacts.identities.remove, { organizationId: B, identityId })],
    ["identities.verify", () => asB.mutation(api.contacts.identities.verify, { organizationId: B, identityId })],
    [
      "suggestions.list(contact)",
      () => asB.query(api.contacts.mergeSuggestions.list, { organizationId: B, contactId: dana, paginationOpts: page }),
    ],
    [
      "suggestions.dismiss",
      () => asB.mutation(api.contacts.mergeSuggestions.dismiss, { organizationId: B, suggestionId }),
    ],
    [
      "suggestions.accept",
      () => asB.mutation(api.contacts.mergeSuggestions.accept, { organizationId: B, suggestionId }),
    ],
    [
      "merge.merge",
      () => asB.mutation(api.contacts.merges.start, { organizationId: B, survivorId: bea, loserId: dana }),
    ],
    ["merge.undo", () => asB.mutation(api.contacts.merges.undo, { organizationId: B, mergeId })],
    ["merge.get", () => asB.query(api.contacts.merges.get, { organizationId: B, mergeId })],
    [
      "merge.listForContact",
      () => asB.query(api.contacts.merges.listForContact, { organizationId: B, contactId: sam }),
    ],
    [
      "relationships.create",
      () =>
        asB.mutation(api.contacts.relationships.create, {
          organizationId: B,
          fromContactId: bea,
          toContactId: dana,
          type: "colleague",
        }),
    ],
    [
      "relationships.update",
      () => asB.mutation(api.contacts.relationships.update, { organizationId: B, relationshipId, confidence: 0.1 }),
    ],
    [
      "relationships.remove",
      () => asB.mutation(api.contacts.relationships.remove, { organizationId: B, relationshipId }),
    ],
    [
      "timeline.list",
      () => asB.query(api.crm.timeline.list, { organizationId: B, contactId: dana, paginationOpts: page }),
    ],
    ["views.summary", () => asB.query(api.crm.contactInsights.getSummary, { organizationId: B, contactId: dana })],
    ["views.graph", () => asB.query(api.crm.contactInsights.getGraph, { organizationId: B, contactId: dana })],
    ["views.sentiment", () => asB.query(api.crm.contactInsights.getSentiment, { organizationId: B, contactId: dana })],
    [
      "views.commitments",
      () => asB.query(api.crm.commitments.list, { organizationId: B, contactId: dana, paginationOpts: page }),
    ],
    ["views.setCommitmentDone", () => asB.mutation(api.crm.commitments.setDone, { organizationId: B, commitmentId })],
    [
      "views.preferences",
      () => asB.query(api.crm.contactInsights.getPreferences, { organizationId: B, contactId: dana }),
    ],
    ["recompute.run", () => asB.action(api.crm.recompute.run, { organizationId: B, contactId: dana })],
    ["recompute.get", () => asB.query(api.crm.recompute.get, { organizationId: B, jobId })],
  ];
  for (const [name, call] of calls) {
    await expect(call(), name).rejects.toThrow(/Not found/);
  }
  const foreignOrg: [string, () => Promise<unknown>][] = [
    [
      "suggestions.list",
      () => asB.query(api.contacts.mergeSuggestions.list, { organizationId: A, paginationOpts: page }),
    ],
    ["views.deals", () => asB.query(api.crm.deals.list, { organizationId: A, paginationOpts: page })],
    ["views.commitments(org)", () => asB.query(api.crm.commitments.list, { organizationId: A, paginationOpts: page })],
    [
      "timeline.list(A)",
      () => asB.query(api.crm.timeline.list, { organizationId: A, contactId: dana, paginationOpts: page }),
    ],
    ["merge.undo(A)", () => asB.mutation(api.contacts.merges.undo, { organizationId: A, mergeId })],
    ["recompute.run(A)", () => asB.action(api.crm.recompute.run, { organizationId: A, contactId: dana })],
  ];
  for (const [name, call] of foreignOrg) {
    await expect(call(), name).rejects.toThrow(/not a member/);
  }
  // Unauthenticated callers get nothing either.
  await expect(t.query(api.crm.contactInsights.getSummary, { organizationId: A, contactId: dana })).rejects.toThrow(
    /Sign in/,
  );

  // Nothing of A changed.
  expect((await t.run((ctx) => ctx.db.get(suggestionId)))!.status).toBe("open");
  expect(await t.run((ctx) => ctx.db.get(relationshipId))).toMatchObject({ confidence: 1, type: "manager" });
  expect(await t.run((ctx) => ctx.db.get(commitmentId))).toMatchObject({ status: "open" });
  expect(await t.run((ctx) => ctx.db.get(mergeId))).toMatchObject({ status: "done" });
  expect((await t.run((ctx) => ctx.db.get(dana)))!.mergedInto).toBeUndefined();
  // B's own calls work on B's data.
  const own = await asB.query(api.crm.contactInsights.getSummary, { organizationId: B, contactId: bea });
  expect(own.contact._id).toBe(bea);
  // ... and A's own calls work on A's data.
  expect(
    (await asA.query(api.crm.contactInsights.getSummary, { organizationId: A, contactId: dana })).openCommitments,
  ).toHaveLength(1);
});
