import { describe, expect, test } from "vitest";
import { internal } from "../convex/_generated/api";
import { countRows, newBackend, seedOrg } from "./harness";
import { twilioSms } from "./signers";

const ENDPOINTS = {
  phone: "+14155550400",
  vonagePhone: "+14155550401",
  phoneNumberId: "300000000000001",
  inboundEmail: "ops@ops.example.com",
  customSlug: "ops-crm",
  chatSlug: "ops-site",
};

describe("operator CLI functions", () => {
  test("a stored inbound event replays idempotently, and replays after its message was lost", async () => {
    const t = newBackend();
    const org = await seedOrg(t, "ops", ENDPOINTS);
    const r = twilioSms("+14155559876", ENDPOINTS.phone, "replay me", "SM55550000000000000000000000000001");
    expect((await t.fetch(r.path, r.init)).status).toBe(200);
    const event = await t.run(
      async (ctx) =>
        (await ctx.db
          .query("inboundEvents")
          .withIndex("by_org_received", (q) => q.eq("organizationId", org.organizationId))
          .first())!,
    );

    expect(await t.action(internal.ops.cli.replayEvent, { eventId: event._id })).toEqual({
      stored: 0,
      duplicates: 1,
      statusesApplied: 0,
    });
    expect((await countRows(t, org.organizationId)).messages).toBe(1);

    // Simulate a lost write (e.g. restored from an older backup): the replay stores it again.
    await t.run(async (ctx) => ctx.db.delete(event.messageIds[0]!));
    expect(await t.action(internal.ops.cli.replayEvent, { eventId: event._id })).toEqual({
      stored: 1,
      duplicates: 0,
      statusesApplied: 0,
    });
    const messages = await t.run((ctx) =>
      ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", org.organizationId))
        .collect(),
    );
    expect(messages.map((m) => m.text)).toEqual(["replay me"]);
  });

  test("operator API keys work with the REST API", async () => {
    const t = newBackend();
    const org = await seedOrg(t, "ops2", ENDPOINTS);
    const key = `sb_live_${"A1b2C3d4".repeat(4)}`;
    await t.action(internal.ops.cli.createApiKey, { organizationId: org.organizationId, name: "ops", key });
    const res = await t.fetch("/api/v1/threads", { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    await expect(
      t.action(internal.ops.cli.createApiKey, { organizationId: org.organizationId, name: "bad", key: "nope" }),
    ).rejects.toThrow(/Malformed/);
  });
});
