// Issue 14 item 11: one webhook delivery with 5,000 events must not be one 12-second transaction.
import { beforeEach, describe, expect, test } from "vitest";
import { internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import type { ActionCtx } from "../../convex/_generated/server";
import { ingestDelivery, MAX_EVENTS_PER_TRANSACTION } from "../../convex/inbound/ingest";
import { encryptString, rawEventAad } from "../../convex/lib/crypto";
import { type Backend, countRows, newBackend, ORG_A, type SeededOrg, seedOrg } from "../harness";
import { genericRequest } from "../signers";

const EVENTS = 5_000;
let t: Backend;
let a: SeededOrg;

const batch = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, from: { id: `sender-${i % 5}` }, text: `event ${i}` }));

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "bulk", ORG_A);
});

describe("14.11 a 5,000-event delivery is split into bounded transactions", () => {
  test("the cap is enforced by the mutation itself", async () => {
    const event = (i: number) => ({
      kind: "status" as const,
      channel: "webhook" as const,
      provider: "generic" as const,
      externalMessageId: `s-${i}`,
      status: "delivered" as const,
    });
    await expect(
      t.mutation(internal.inbound.ingest.ingest, {
        organizationId: a.organizationId,
        channelConfigId: a.configs.generic,
        provider: "generic",
        events: Array.from({ length: MAX_EVENTS_PER_TRANSACTION + 1 }, (_, i) => event(i)),
      }),
    ).rejects.toThrow(/at most 100 events per transaction/);
  });

  test("5,000 status callbacks in one delivery: 50 transactions of 100, acknowledged once all committed, logged once", async () => {
    // One outbound message the callbacks are about (a flood of status events for it).
    const messageId = await t.run(async (ctx) => {
      const contactId = await ctx.db.insert("contacts", {
        organizationId: a.organizationId,
        displayName: "Bulk",
        messageCount: 0,
        createdAt: 0,
        updatedAt: 0,
      });
      const threadId = await ctx.db.insert("conversationThreads", {
        organizationId: a.organizationId,
        contactId,
        status: "open",
        lastMessageAt: 0,
        lastMessagePreview: "hello",
        lastChannel: "webhook",
        lastDirection: "outbound",
        unreadCount: 0,
        messageCount: 1,
        createdAt: 0,
      });
      return ctx.db.insert("unifiedMessages", {
        organizationId: a.organizationId,
        threadId,
        contactId,
        channelConfigId: a.configs.generic,
        channel: "webhook",
        provider: "generic",
        direction: "outbound",
        status: "sent",
        externalMessageId: "out-bulk",
        from: ORG_A.customSlug,
        to: "partner",
        text: "hello",
        attachments: [],
        sentAt: 0,
        statusHistory: [{ status: "sent", at: 0 }],
      });
    });
    const statuses = Array.from({ length: EVENTS }, (_, i) => ({
      type: "status",
      messageId: "out-bulk",
      status: i === 0 ? "delivered" : "read",
    }));
    const delivery = genericRequest(ORG_A.customSlug, statuses, { id: "wh_bulk" });
    const res = await t.fetch(delivery.path, delivery.init);
    expect(res.status).toBe(200);
    const rows = await countRows(t, a.organizationId);
    expect(rows.rawEvents).toBe(1);
    expect((await t.run((ctx) => ctx.db.get(messageId)))!.status).toBe("read");

    // The same events through ingestDelivery, counting the transactions it opens.
    const sizes: number[] = [];
    const countingCtx = {
      runMutation: async (ref: unknown, args: { events: unknown[] }) => {
        sizes.push(args.events.length);
        return t.mutation(ref as typeof internal.inbound.ingest.ingest, args as never);
      },
    } as unknown as ActionCtx;
    const result = await ingestDelivery(countingCtx, {
      organizationId: a.organizationId,
      channelConfigId: a.configs.generic,
      provider: "generic",
      events: statuses.map((s) => ({
        kind: "status" as const,
        channel: "webhook" as const,
        provider: "generic" as const,
        externalMessageId: s.messageId,
        status: s.status as "read",
      })),
      raw: {
        method: "POST",
        path: delivery.path,
        headers: {},
        body: await encryptString("[]", rawEventAad(a.organizationId)),
        bodyBytes: 2,
      },
    });
    expect(sizes).toHaveLength(EVENTS / MAX_EVENTS_PER_TRANSACTION);
    expect(Math.max(...sizes)).toBe(MAX_EVENTS_PER_TRANSACTION);
    expect(result.statusesApplied + result.statusesIgnored).toBe(EVENTS);
  }, 120_000);

  test("a failure part-way is not acknowledged; the retry completes it without duplicates", async () => {
    const events = batch(250, "partial");
    // What the HTTP action would pass, with a runtime whose third transaction fails.
    const parsed = events.map((e) => ({
      kind: "message" as const,
      channel: "webhook" as const,
      provider: "generic" as const,
      externalMessageId: e.id,
      from: { identifier: e.from.id },
      to: ORG_A.customSlug,
      text: e.text,
      attachments: [],
    }));
    const calls: { events: number; raw: boolean }[] = [];
    const failingCtx = {
      runMutation: async (ref: unknown, args: { events: unknown[]; raw?: unknown }) => {
        calls.push({ events: args.events.length, raw: args.raw !== undefined });
        if (calls.length === 3) throw new Error("transaction aborted");
        return t.mutation(ref as typeof internal.inbound.ingest.ingest, args as never);
      },
    } as unknown as ActionCtx;
    const raw = {
      method: "POST",
      path: `/webhooks/custom/${ORG_A.customSlug}`,
      headers: {},
      body: await encryptString("[]", rawEventAad(a.organizationId)),
      bodyBytes: 2,
    };
    const args = {
      organizationId: a.organizationId as Id<"organizations">,
      channelConfigId: a.configs.generic,
      provider: "generic" as const,
      events: parsed,
      raw,
    };
    await expect(ingestDelivery(failingCtx, args)).rejects.toThrow(/transaction aborted/);
    // Bounded slices; the raw log travels only with the last one (never reached here).
    expect(calls).toEqual([
      { events: 100, raw: false },
      { events: 100, raw: false },
      { events: 50, raw: true },
    ]);
    expect((await countRows(t, a.organizationId)).messages).toBe(200);
    expect((await countRows(t, a.organizationId)).rawEvents).toBe(0);

    // The provider retries the whole delivery through the real HTTP route.
    const retry = genericRequest(ORG_A.customSlug, events);
    const res = await t.fetch(retry.path, retry.init);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ stored: 50, duplicates: 200 });
    const rows = await countRows(t, a.organizationId);
    expect(rows.messages).toBe(250);
    expect(rows.rawEvents).toBe(1);
  });
});
