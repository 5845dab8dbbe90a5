/**
 * Routing a delivery by each of its endpoints (issue 15.1), descriptor-registered routes, and
 * Meta reactions / unsupported messages (issue 14 "Also", 15.10).
 *
 * Payload shapes: Meta's messages webhook reference
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages
 * (one POST carries `entry[]`, each with `changes[].value.metadata.phone_number_id`), reactions
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction/
 * and unsupported messages
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/unsupported
 * Signature: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, raw body)
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads
 */
import { webhookRoutes } from "@switchboard/channels";
import { beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { type Backend, countRows, newBackend, ORG_A, ORG_B, SECRETS, type SeededOrg, seedOrg } from "./harness";
import { metaEnvelope, metaRequest, metaText, type SignedRequest } from "./signers";

const OTHER_APP_SECRET = "another-meta-app-secret-9876543210";
const A_SECOND_NUMBER = "100000000000011";
const C_NUMBER = "100000000000003";
const UNKNOWN_NUMBER = "199999999999999";
const WA_ID = "14155559876";

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;

async function post(req: SignedRequest) {
  return t.fetch(req.path, req.init);
}

async function addMetaChannel(organizationId: Id<"organizations">, phoneNumberId: string, appSecret: string) {
  return t.action(internal.channels.configs.createConfig, {
    organizationId,
    provider: "meta",
    endpoints: [phoneNumberId],
    settings: {},
    credentials: { accessToken: "token", appSecret, verifyToken: `verify-${phoneNumberId}` },
  });
}

/** One entry per number, as Meta delivers a batch spanning several business numbers. */
function batchOf(parts: { phoneNumberId: string; ids: string[] }[]) {
  const ts = Math.floor(Date.now() / 1000).toString();
  return {
    object: "whatsapp_business_account",
    entry: parts.map((p, i) => ({
      id: `10229012934039${i}`,
      changes: [
        {
          field: "messages",
          value: {
            messaging_product: "whatsapp",
            metadata: { display_phone_number: "15550783881", phone_number_id: p.phoneNumberId },
            contacts: [{ profile: { name: "Dana" }, wa_id: WA_ID }],
            messages: p.ids.map((id) => ({
              from: WA_ID,
              id,
              timestamp: ts,
              type: "text",
              text: { body: `text ${id}` },
            })),
          },
        },
      ],
    })),
  };
}

async function messagesOf(organizationId: Id<"organizations">) {
  return t.run(async (ctx) =>
    ctx.db
      .query("unifiedMessages")
      .withIndex("by_thread", (q) => q.eq("organizationId", organizationId))
      .collect(),
  );
}

async function unroutable() {
  return t.run(async (ctx) => ctx.db.query("unroutableEvents").collect());
}

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A);
  b = await seedOrg(t, "org-b", ORG_B);
});

describe("a Meta batch spanning several numbers", () => {
  test("every event goes to the channel of its own phone_number_id; unknown numbers are logged", async () => {
    const aSecond = await addMetaChannel(a.organizationId, A_SECOND_NUMBER, SECRETS.metaAppSecret);
    const res = await post(
      metaRequest(
        batchOf([
          { phoneNumberId: ORG_A.phoneNumberId, ids: ["wamid.A1", "wamid.A2"] },
          { phoneNumberId: A_SECOND_NUMBER, ids: ["wamid.A3"] },
          { phoneNumberId: ORG_B.phoneNumberId, ids: ["wamid.B1"] },
          { phoneNumberId: UNKNOWN_NUMBER, ids: ["wamid.U1", "wamid.U2"] },
        ]),
      ),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, stored: 4, duplicates: 0 });

    const inA = await messagesOf(a.organizationId);
    expect(inA.map((m) => [m.externalMessageId, m.channelConfigId === aSecond ? "second" : "first"]).sort()).toEqual([
      ["wamid.A1", "first"],
      ["wamid.A2", "first"],
      ["wamid.A3", "second"],
    ]);
    const inB = await messagesOf(b.organizationId);
    expect(inB.map((m) => m.externalMessageId)).toEqual(["wamid.B1"]);
    // One raw event per channel (each organization keeps its own sealed copy).
    expect((await countRows(t, a.organizationId)).rawEvents).toBe(2);
    expect((await countRows(t, b.organizationId)).rawEvents).toBe(1);

    const logged = await unroutable();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      provider: "meta",
      endpoint: UNKNOWN_NUMBER,
      reason: "unknown_endpoint",
      eventCount: 2,
      externalIds: ["wamid.U1", "wamid.U2"],
    });

    // Meta retries the whole delivery: nothing is stored twice.
    const again = await post(
      metaRequest(
        batchOf([
          { phoneNumberId: ORG_A.phoneNumberId, ids: ["wamid.A1", "wamid.A2"] },
          { phoneNumberId: A_SECOND_NUMBER, ids: ["wamid.A3"] },
          { phoneNumberId: ORG_B.phoneNumberId, ids: ["wamid.B1"] },
        ]),
      ),
    );
    expect(await again.json()).toEqual({ ok: true, stored: 0, duplicates: 4 });
    expect((await countRows(t, a.organizationId)).messages).toBe(3);
    expect((await countRows(t, b.organizationId)).messages).toBe(1);
  });

  test("a channel is verified with its own app secret: another app's events are logged, not stored", async () => {
    const c = await seedOrg(t, "org-c", {
      ...ORG_B,
      phone: "+14155550300",
      vonagePhone: "+14155550301",
      phoneNumberId: "100000000000009",
      inboundEmail: "c@c.example.com",
      customSlug: "c-crm",
      chatSlug: "c-site",
    });
    await addMetaChannel(c.organizationId, C_NUMBER, OTHER_APP_SECRET);
    const batch = batchOf([
      { phoneNumberId: ORG_A.phoneNumberId, ids: ["wamid.A1"] },
      { phoneNumberId: C_NUMBER, ids: ["wamid.C1"] },
    ]);

    // Signed by A's app: A's event is stored, C's (which A's secret cannot vouch for) is logged.
    const res = await post(metaRequest(batch, SECRETS.metaAppSecret));
    expect(res.status).toBe(200);
    expect((await messagesOf(a.organizationId)).map((m) => m.externalMessageId)).toEqual(["wamid.A1"]);
    expect(await messagesOf(c.organizationId)).toEqual([]);
    expect((await unroutable()).map((u) => [u.endpoint, u.reason, u.externalIds])).toEqual([
      [C_NUMBER, "signature_mismatch", ["wamid.C1"]],
    ]);

    // Signed by C's app: the mirror image.
    const other = await post(metaRequest(batch, OTHER_APP_SECRET));
    expect(other.status).toBe(200);
    expect((await messagesOf(c.organizationId)).map((m) => m.externalMessageId)).toEqual(["wamid.C1"]);
    expect((await messagesOf(a.organizationId)).map((m) => m.externalMessageId)).toEqual(["wamid.A1"]);
    expect((await unroutable()).map((u) => [u.endpoint, u.reason]).sort()).toEqual([
      [ORG_A.phoneNumberId, "signature_mismatch"],
      [C_NUMBER, "signature_mismatch"],
    ]);
  });

  test("a disabled channel's events in a batch are logged while the rest is stored", async () => {
    await t.run(async (ctx) => ctx.db.patch(b.configs.meta, { enabled: false }));
    const res = await post(
      metaRequest(
        batchOf([
          { phoneNumberId: ORG_A.phoneNumberId, ids: ["wamid.A1"] },
          { phoneNumberId: ORG_B.phoneNumberId, ids: ["wamid.B1"] },
        ]),
      ),
    );
    expect(res.status).toBe(200);
    expect((await countRows(t, a.organizationId)).messages).toBe(1);
    expect((await countRows(t, b.organizationId)).messages).toBe(0);
    expect((await unroutable()).map((u) => [u.endpoint, u.reason])).toEqual([
      [ORG_B.phoneNumberId, "channel_disabled"],
    ]);
  });

  test("a batch no known channel verifies is refused and nothing is logged (an anonymous sender fills no table)", async () => {
    const unknown = await post(metaRequest(batchOf([{ phoneNumberId: UNKNOWN_NUMBER, ids: ["wamid.U1"] }])));
    expect(unknown.status).toBe(404);
    const forged = await post(
      metaRequest(batchOf([{ phoneNumberId: ORG_A.phoneNumberId, ids: ["wamid.F1"] }]), "not-the-app-secret"),
    );
    expect(forged.status).toBe(403);
    expect(await unroutable()).toEqual([]);
    expect(await countRows(t, a.organizationId)).toMatchObject({ messages: 0, rawEvents: 0 });
  });
});

describe("the unroutable log", () => {
  test("is swept with the raw events once it expires", async () => {
    await post(
      metaRequest(
        batchOf([
          { phoneNumberId: ORG_A.phoneNumberId, ids: ["wamid.A1"] },
          { phoneNumberId: UNKNOWN_NUMBER, ids: ["wamid.U1"] },
        ]),
      ),
    );
    expect(await unroutable()).toHaveLength(1);
    const notYet = await t.mutation(internal.inbound.retention.sweep, { now: Date.now() });
    expect(notYet.unroutable).toBe(0);
    const later = await t.mutation(internal.inbound.retention.sweep, { now: Date.now() + 31 * 86_400_000 });
    expect(later.unroutable).toBe(1);
    expect(await unroutable()).toEqual([]);
  });
});

describe("routes come from the descriptors", () => {
  test("every descriptor route is registered on the HTTP router", async () => {
    for (const route of webhookRoutes()) {
      const path = route.match === "prefix" ? `${route.path}nobody` : route.path;
      const res = await t.fetch(path, route.method === "POST" ? { method: "POST", body: "{}" } : { method: "GET" });
      // Our handlers answer with a JSON error code; the router's own 404 has none.
      const body = await res.text();
      expect(body, `${route.method} ${path}`).toMatch(/"code":"/);
    }
  });
});

describe("WhatsApp reactions and unsupported messages", () => {
  const ts = () => Math.floor(Date.now() / 1000).toString();
  const reaction = (id: string, target: string, emoji?: string) =>
    metaRequest(
      metaEnvelope(ORG_A.phoneNumberId, {
        contacts: [{ profile: { name: "Dana" }, wa_id: WA_ID }],
        messages: [
          {
            from: WA_ID,
            id,
            timestamp: ts(),
            type: "reaction",
            reaction: { message_id: target, ...(emoji ? { emoji } : {}) },
          },
        ],
      }),
    );

  test("a reaction attaches to the message it reacts to, never as a message of its own", async () => {
    await post(
      metaRequest(metaText(ORG_A.phoneNumberId, WA_ID, "Dana", [{ id: "wamid.TARGET", body: "Can I return it?" }])),
    );
    expect((await post(reaction("wamid.R1", "wamid.TARGET", "👍"))).status).toBe(200);
    await post(reaction("wamid.R1", "wamid.TARGET", "👍")); // Meta's retry

    const messages = await messagesOf(a.organizationId);
    expect(messages).toHaveLength(1);
    const threadId = messages[0]!.threadId;
    const page = await t.withIdentity(a.identity).query(api.threads.threads.listMessages, {
      organizationId: a.organizationId,
      threadId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page).toHaveLength(1);
    expect(page.page[0]!.reactions).toEqual([{ emoji: "👍", from: WA_ID, at: expect.any(Number) }]);

    // A new emoji replaces it; a removal (no emoji) clears it.
    await post(reaction("wamid.R2", "wamid.TARGET", "❤️"));
    const replaced = await t.withIdentity(a.identity).query(api.threads.threads.listMessages, {
      organizationId: a.organizationId,
      threadId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(replaced.page[0]!.reactions.map((r) => r.emoji)).toEqual(["❤️"]);
    await post(reaction("wamid.R3", "wamid.TARGET"));
    const cleared = await t.withIdentity(a.identity).query(api.threads.threads.listMessages, {
      organizationId: a.organizationId,
      threadId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(cleared.page[0]!.reactions).toEqual([]);
    expect((await countRows(t, a.organizationId)).messages).toBe(1);
  });

  test("a reaction to a message we do not have stores nothing", async () => {
    expect((await post(reaction("wamid.R9", "wamid.NOPE", "👍"))).status).toBe(200);
    expect((await countRows(t, a.organizationId)).messages).toBe(0);
    expect(await t.run(async (ctx) => ctx.db.query("messageReactions").collect())).toEqual([]);
  });

  test("an unsupported message is stored as such with Meta's error details", async () => {
    const res = await post(
      metaRequest(
        metaEnvelope(ORG_A.phoneNumberId, {
          contacts: [{ profile: { name: "Dana" }, wa_id: WA_ID }],
          messages: [
            {
              from: WA_ID,
              id: "wamid.UNSUP",
              timestamp: ts(),
              errors: [
                {
                  code: 131051,
                  title: "Message type unknown",
                  message: "Message type unknown",
                  error_data: { details: "Message type is currently not supported." },
                },
              ],
              type: "unsupported",
              unsupported: { type: "edit" },
            },
          ],
        }),
      ),
    );
    expect(res.status).toBe(200);
    const [stored] = await messagesOf(a.organizationId);
    expect(stored).toMatchObject({
      text: "",
      unsupported: {
        type: "edit",
        code: "131051",
        title: "Message type unknown",
        details: "Message type is currently not supported.",
      },
    });
  });
});
