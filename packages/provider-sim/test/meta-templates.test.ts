/**
 * Meta WhatsApp templates and webhook batches.
 * Templates API: https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management
 * Template errors: https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/
 * Webhook messages (reaction, unsupported):
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/unsupported
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/reaction-messages
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_META_TEMPLATES, type MetaAccount } from "../src/index";
import { getJson, type Harness, startHarness } from "./helpers";

let h: Harness;
const WABA = "102290129340398";
beforeAll(async () => {
  h = await startHarness();
  h.sim.configure("meta", { ...h.acc.meta, wabaId: WABA });
});
afterAll(async () => {
  await h.close();
});
beforeEach(async () => {
  await h.sim.idle();
  h.sim.reset();
  h.rx.hooks.length = 0;
});

const auth = () => ({ authorization: `Bearer ${h.acc.meta.accessToken}` });

async function templates(query = "") {
  return fetch(`${h.sim.url}/v23.0/${WABA}/message_templates${query}`, { headers: auth() });
}

async function sendTemplate(template: Record<string, unknown>) {
  return fetch(`${h.sim.url}/v23.0/${h.acc.meta.phoneNumberId}/messages`, {
    method: "POST",
    headers: { ...auth(), "content-type": "application/json" },
    body: JSON.stringify({ messaging_product: "whatsapp", to: "15551110001", type: "template", template }),
  });
}

describe("message templates API", () => {
  it("lists templates with name, language, status, category and components", async () => {
    const res = await templates();
    expect(res.status).toBe(200);
    const json = await getJson(res);
    expect(json.data).toHaveLength(DEFAULT_META_TEMPLATES.length);
    const update = json.data.find(
      (t: { name: string; language: string }) => t.name === "request_update" && t.language === "en_US",
    );
    expect(update).toMatchObject({ status: "APPROVED", category: "UTILITY", parameter_format: "POSITIONAL" });
    expect(update.id).toMatch(/^\d+$/);
    expect(update.components[0]).toMatchObject({ type: "BODY", text: expect.stringContaining("{{1}}") });
    expect(new Set(json.data.map((t: { status: string }) => t.status))).toEqual(
      new Set(["APPROVED", "PAUSED", "PENDING", "REJECTED"]),
    );
  });

  it("pages with limit and cursors, and honours fields and filters", async () => {
    const first = await getJson(await templates("?limit=4&fields=name,status"));
    expect(first.data).toHaveLength(4);
    expect(Object.keys(first.data[0]).sort()).toEqual(["id", "name", "status"]);
    expect(first.paging.next).toContain("after=");
    const seen = [...first.data];
    let next: string | undefined = first.paging.next;
    while (next) {
      const page = await getJson(await fetch(next, { headers: auth() }));
      seen.push(...page.data);
      next = page.paging.next;
    }
    expect(seen.map((t) => t.id)).toEqual(DEFAULT_META_TEMPLATES.map((t) => t.id));

    const approved = await getJson(await templates("?status=APPROVED&language=en_US"));
    expect(
      approved.data.every(
        (t: { status: string; language: string }) => t.status === "APPROVED" && t.language === "en_US",
      ),
    ).toBe(true);
    const named = await getJson(await templates("?name=request"));
    expect(named.data.map((t: { language: string }) => t.language).sort()).toEqual(["en_US", "es"]);
  });

  it("needs the WABA's token", async () => {
    const res = await fetch(`${h.sim.url}/v23.0/${WABA}/message_templates`, {
      headers: { authorization: "Bearer nope" },
    });
    expect(res.status).toBe(401);
    const other = await fetch(`${h.sim.url}/v23.0/999999999999/message_templates`, { headers: auth() });
    expect(other.status).toBe(400);
    expect((await getJson(other)).error.error_subcode).toBe(33);
  });

  it("serves an account's own template list", async () => {
    const own: MetaAccount = {
      ...h.acc.meta,
      wabaId: WABA,
      templates: [
        {
          id: "1",
          name: "only_one",
          language: "de",
          status: "APPROVED",
          category: "UTILITY",
          components: [{ type: "BODY", text: "Hallo {{1}}" }],
        },
      ],
    };
    h.sim.configure("meta", own);
    try {
      const json = await getJson(await templates());
      expect(json.data.map((t: { name: string }) => t.name)).toEqual(["only_one"]);
    } finally {
      h.sim.configure("meta", { ...h.acc.meta, wabaId: WABA });
    }
  });
});

describe("template sends are validated against the list", () => {
  it("accepts a template with the right parameters and renders its text", async () => {
    const res = await sendTemplate({
      name: "request_update",
      language: { code: "en_US" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Ana" },
            { type: "text", text: "#77" },
            { type: "text", text: "your refund was issued" },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    const json = await getJson(res);
    expect(json.messages[0].message_status).toBe("accepted");
    expect(h.sim.messages("meta")[0]!.text).toBe(
      "Hi Ana, there is an update on your request #77: your refund was issued. Reply to this message to continue the conversation.",
    );
  });

  it("accepts templates without variables, and header text parameters", async () => {
    expect((await sendTemplate({ name: "hello_world", language: { code: "en_US" } })).status).toBe(200);
    const ok = await sendTemplate({
      name: "appointment_reminder",
      language: { code: "en_US" },
      components: [
        { type: "header", parameters: [{ type: "text", text: "Ana" }] },
        {
          type: "body",
          parameters: [
            { type: "text", text: "Friday" },
            { type: "text", text: "9:00" },
          ],
        },
      ],
    });
    expect(ok.status).toBe(200);
    const noHeader = await sendTemplate({
      name: "appointment_reminder",
      language: { code: "en_US" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Friday" },
            { type: "text", text: "9:00" },
          ],
        },
      ],
    });
    expect(noHeader.status).toBe(400);
    expect((await getJson(noHeader)).error.code).toBe(132000);
  });

  it("rejects unknown names/languages, wrong parameter counts, paused and pending templates", async () => {
    const cases: Array<[Record<string, unknown>, number, number]> = [
      [{ name: "no_such_template", language: { code: "en_US" } }, 404, 132001],
      [{ name: "request_update", language: { code: "fr" } }, 404, 132001],
      [
        {
          name: "request_update",
          language: { code: "en_US" },
          components: [{ type: "body", parameters: [{ type: "text", text: "x" }] }],
        },
        400,
        132000,
      ],
      [
        {
          name: "hello_world",
          language: { code: "en_US" },
          components: [{ type: "body", parameters: [{ type: "text", text: "x" }] }],
        },
        400,
        132000,
      ],
      [{ name: "winter_sale", language: { code: "en_US" } }, 400, 132015],
      [
        {
          name: "feedback_survey",
          language: { code: "en_US" },
          components: [{ type: "body", parameters: [{ type: "text", text: "x" }] }],
        },
        404,
        132001,
      ],
    ];
    for (const [template, status, code] of cases) {
      const res = await sendTemplate(template);
      expect(res.status, JSON.stringify(template)).toBe(status);
      const err = (await getJson(res)).error;
      expect(err.code).toBe(code);
      expect(err.message).toContain(`(#${code})`);
      expect(err.error_data.details).toBeTruthy();
    }
    expect(h.sim.messages("meta")).toHaveLength(0);
  });
});

describe("Meta webhook batches", () => {
  const verify = (body: string, sig: string | undefined) =>
    sig === `sha256=${createHmac("sha256", h.acc.meta.appSecret).update(body).digest("hex")}`;

  it("a batch with text, a reaction and an unsupported message", async () => {
    const r = await h.sim.sendInbound("meta", [
      { from: "15551110001", text: "hello" },
      { from: "15551110001", reaction: { messageId: "wamid.TARGET", emoji: "👍" } },
      { from: "15551110002", unsupportedType: "edit" },
    ]);
    expect(r.externalMessageIds).toHaveLength(3);
    const hook = h.rx.hooks[0]!;
    expect(verify(hook.body, hook.headers["x-hub-signature-256"])).toBe(true);
    const value = JSON.parse(hook.body).entry[0].changes[0].value;
    expect(value.contacts.map((c: { wa_id: string }) => c.wa_id)).toEqual(["15551110001", "15551110002"]);
    expect(value.messages[1]).toMatchObject({
      type: "reaction",
      reaction: { message_id: "wamid.TARGET", emoji: "👍" },
      from: "15551110001",
    });
    expect(value.messages[2]).toMatchObject({
      type: "unsupported",
      unsupported: { type: "edit" },
      errors: [
        {
          code: 131051,
          title: "Message type unknown",
          error_data: { details: "Message type is currently not supported." },
        },
      ],
    });
  });

  it("a batch spanning two phone numbers: one change per phone_number_id, one signature", async () => {
    const second: MetaAccount = {
      ...h.acc.meta,
      phoneNumberId: "200000000000002",
      displayPhoneNumber: "15557770000",
      wabaId: WABA,
    };
    h.sim.configure("meta", second);
    h.sim.configure("meta", { ...h.acc.meta, wabaId: WABA });
    const r = await h.sim.sendInbound("meta", [
      { from: "15551110001", text: "to the first number" },
      { from: "15551110003", text: "to the second number", to: "200000000000002" },
      { from: "15551110004", text: "first again", account: h.acc.meta.phoneNumberId },
    ]);
    expect(r.status).toBe(200);
    const hook = h.rx.hooks[0]!;
    expect(verify(hook.body, hook.headers["x-hub-signature-256"])).toBe(true);
    const payload = JSON.parse(hook.body);
    expect(payload.entry).toHaveLength(1);
    const changes = payload.entry[0].changes;
    expect(
      changes.map((c: { value: { metadata: { phone_number_id: string } } }) => c.value.metadata.phone_number_id),
    ).toEqual([h.acc.meta.phoneNumberId, "200000000000002"]);
    expect(changes[0].value.messages.map((m: { text: { body: string } }) => m.text.body)).toEqual([
      "to the first number",
      "first again",
    ]);
    expect(changes[1].value.messages.map((m: { text: { body: string } }) => m.text.body)).toEqual([
      "to the second number",
    ]);
    expect(changes[1].value.metadata.display_phone_number).toBe("15557770000");
    expect(h.sim.inbound("meta").map((x) => [x.account, x.delivered])).toEqual([
      [h.acc.meta.phoneNumberId, true],
      ["200000000000002", true],
      [h.acc.meta.phoneNumberId, true],
    ]);
  });

  it("refuses a batch across apps (different app secrets)", async () => {
    h.sim.configure("meta", { ...h.acc.meta, phoneNumberId: "300000000000003", appSecret: "another-app" });
    h.sim.configure("meta", { ...h.acc.meta, wabaId: WABA });
    await expect(
      h.sim.sendInbound("meta", [
        { from: "15551110001", text: "a" },
        { from: "15551110003", text: "b", to: "300000000000003" },
      ]),
    ).rejects.toThrow(/same appSecret/);
  });
});
