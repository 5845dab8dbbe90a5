/**
 * The insight phases (convex/crm/insights/*) one at a time, on a stored but not yet processed
 * email: each phase writes only its own rows. crm.insights.test.ts covers them end to end.
 */

import { extractDeterministic } from "@switchboard/insights";
import type { CountryCode } from "libphonenumber-js";
import { describe, expect, test } from "vitest";
import type { MutationCtx } from "../convex/_generated/server";
import { toMessageInput } from "../convex/crm/insights";
import { applyCommitments } from "../convex/crm/insights/commitments";
import type { MessageContext } from "../convex/crm/insights/context";
import { factKeys, messageSpan } from "../convex/crm/insights/facts";
import { recordJobChange } from "../convex/crm/insights/jobChange";
import { storeSignatureProfile } from "../convex/crm/insights/profile";
import { applySignatureIdentities } from "../convex/crm/insights/signature";
import { email, post, useCrmBackend } from "./crmHelpers";
import type { Backend, SeededOrg } from "./harness";

let t: Backend;
let a: SeededOrg;
useCrmBackend((env) => ({ t, a } = env), { now: "2026-11-23T09:00:00Z" });

const TEXT = `Hi,

I'll send the security questionnaire by Friday.

Best,
Dana Reyes
VP Sales | Acme Corp
+1 415 555 0177`;

/** The phase context of the only message of org A, built as crm/insights.ts builds it. */
async function contextOf(ctx: MutationCtx): Promise<MessageContext> {
  const msg = (await ctx.db
    .query("unifiedMessages")
    .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId))
    .first())!;
  const org = (await ctx.db.get(a.organizationId))!;
  const contact = (await ctx.db.get(msg.contactId))!;
  const input = toMessageInput(msg);
  const ext = extractDeterministic(input, {
    timezone: org.timezone,
    defaultRegion: org.defaultRegion as CountryCode,
    ownDomains: ["a.example.com"],
  });
  return {
    ctx,
    org,
    organizationId: org._id,
    contact,
    contactId: contact._id,
    msg,
    input,
    ext,
    sig: ext.signature,
    senderEmail: msg.from.toLowerCase(),
    ownDomain: "a.example.com",
    now: Date.now(),
    reviewed: new Map(),
    commitmentKeys: ext.commitments.map((c) => factKeys.commitment(c.text)),
    span: (s) => messageSpan(s, msg.text, input.text, 4000),
    source: "rules",
  };
}

describe("insight phases", () => {
  test("each phase writes its own rows and nothing else", async () => {
    await post(t, email("Dana Reyes <dana@acme.example>", "Questionnaire", TEXT));
    await t.run(async (ctx) => {
      const m = await contextOf(ctx);
      const count = async (table: "commitments" | "contactEvents" | "contactProfiles" | "contactIdentities") =>
        (await ctx.db.query(table as "commitments").collect()).filter((r) => r.organizationId === a.organizationId)
          .length;
      const identitiesBefore = await count("contactIdentities");

      await applyCommitments(m);
      const commitments = await ctx.db
        .query("commitments")
        .withIndex("by_contact_status", (q) =>
          q.eq("organizationId", a.organizationId).eq("contactId", m.contactId).eq("status", "open"),
        )
        .collect();
      expect(commitments.map((c) => c.sourceMessageId)).toEqual([m.msg._id]);
      expect(commitments[0]!.text).toMatch(/security questionnaire/);
      expect(await count("contactProfiles")).toBe(0);

      await applySignatureIdentities(m);
      const phone = await ctx.db
        .query("contactIdentities")
        .withIndex("by_kind_identifier", (q) =>
          q.eq("organizationId", a.organizationId).eq("kind", "phone").eq("identifier", "+14155550177"),
        )
        .first();
      expect(phone).toMatchObject({ contactId: m.contactId, source: "signature", verified: false });
      expect(await count("contactIdentities")).toBe(identitiesBefore + 1);

      // A first title/company is no job change: no event, but the contact takes them.
      expect(await recordJobChange(m)).toEqual({ title: "VP Sales", company: "Acme Corp" });
      expect(await count("contactEvents")).toBe(0);

      await storeSignatureProfile(m);
      const profile = await ctx.db
        .query("contactProfiles")
        .withIndex("by_contact", (q) => q.eq("organizationId", a.organizationId).eq("contactId", m.contactId))
        .first();
      expect(profile?.signature).toMatchObject({ title: "VP Sales", company: "Acme Corp", sourceMessageId: m.msg._id });
      // Phases don't mark the message processed; processMessage does, after all of them.
      expect((await ctx.db.get(m.msg._id))!.insightsAt).toBeUndefined();
    });
  });

  test("a changed company is a job_change event", async () => {
    await post(t, email("Dana Reyes <dana@acme.example>", "Questionnaire", TEXT));
    await t.run(async (ctx) => {
      const m = await contextOf(ctx);
      const moved = { ...m, contact: { ...m.contact, title: "VP Sales", company: "Initech" } };
      expect(await recordJobChange(moved)).toEqual({ title: "VP Sales", company: "Acme Corp" });
      const events = (await ctx.db.query("contactEvents").collect()).filter((e) => e.contactId === m.contactId);
      expect(events.map((e) => [e.kind, e.summary])).toEqual([
        ["job_change", "Dana Reyes moved from Initech to Acme Corp (VP Sales)"],
      ]);
    });
  });
});
