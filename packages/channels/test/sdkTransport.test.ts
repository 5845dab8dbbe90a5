/**
 * The SDK transports (`@switchboard/channels/node`) against the provider simulator: the official
 * `twilio` and `resend` SDKs make the requests, the sim records them in the providers' documented
 * shapes, and each result is what the fetch adapter returns for the same exchange.
 * - Twilio Message resource (create, fetch, read): https://www.twilio.com/docs/messaging/api/message-resource
 *   Errors: https://www.twilio.com/docs/usage/twilios-response#response-formats-exceptions (code 21211:
 *   https://www.twilio.com/docs/api/errors/21211), 429 Too Many Requests with Retry-After.
 * - Resend send email: https://resend.com/docs/api-reference/emails/send-email (Idempotency-Key:
 *   https://resend.com/docs/dashboard/emails/idempotency-keys), errors: https://resend.com/docs/api-reference/errors,
 *   received emails: https://resend.com/docs/api-reference/emails/list-received-emails and
 *   https://resend.com/docs/api-reference/emails/retrieve-received-email
 */
import { DEFAULT_ACCOUNTS, type ProviderSim, startProviderSim } from "@switchboard/provider-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { getSdkTransport } from "../src/node";
import { getDescriptor } from "../src/registry";
import { SDK_OPERATIONS, type SdkContext, usesSdk } from "../src/sdkTransport";
import type { OutboundMessage } from "../src/types";
import { guardFetch, type UrlPolicy } from "../src/urlPolicy";

const TW = DEFAULT_ACCOUNTS.twilio;
const RS = DEFAULT_ACCOUNTS.resend;
let sim: ProviderSim;
let policy: UrlPolicy;

beforeAll(async () => {
  // No backend here: webhooks go to a closed port, and no status callbacks are posted.
  sim = await startProviderSim({ webhookBaseUrl: "http://127.0.0.1:9", autoDeliver: false });
  policy = { allowedPrivateOrigins: [new URL(sim.url).origin], ownOrigins: [] };
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => sim.reset());

function ctxFor(credentials: Record<string, string>, settings: Record<string, string> = {}, p = policy): SdkContext {
  const fetchGuarded = guardFetch(
    (input, init) => fetch(input, init),
    () => p,
  );
  return { credentials, settings: { apiBaseUrl: sim.url, ...settings }, fetch: fetchGuarded, urlPolicy: p };
}
const twilioCtx = (settings?: Record<string, string>, p?: UrlPolicy) =>
  ctxFor({ accountSid: TW.accountSid, authToken: TW.authToken }, settings, p);
const resendCtx = (settings?: Record<string, string>, p?: UrlPolicy) =>
  ctxFor({ apiKey: RS.apiKey, webhookSecret: RS.webhookSecret }, settings, p);

const twilio = getSdkTransport("twilio");
const resend = getSdkTransport("resend");

describe("descriptors and transports", () => {
  test("every operation a descriptor routes through its SDK has a transport function", () => {
    const declaring = ["twilio", "resend"].map((id) => getDescriptor(id));
    for (const d of declaring) {
      expect(d.sdk?.operations.length).toBeGreaterThan(0);
      const t = getSdkTransport(d.id);
      const fn = {
        send: t.send,
        deliveryStatus: t.getDeliveryStatus,
        inboundList: t.inboundList,
        hydrateInbound: t.hydrateInbound,
      };
      for (const op of d.sdk!.operations) expect(typeof fn[op], `${d.id} ${op}`).toBe("function");
      // An operation the descriptor lists must also exist on the fetch side the isolate keeps using.
      if (usesSdk(d, "inboundList")) expect(d.inboundList).toBeDefined();
    }
    expect(SDK_OPERATIONS).toContain("send");
    expect(() => getSdkTransport("meta")).toThrow(/no SDK transport/);
    expect(getDescriptor("meta").sdk).toBeUndefined();
  });
});

const sms = (extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: "msg_1",
  to: "+14155550123",
  from: TW.numbers[0]!,
  text: "hello from the SDK",
  statusCallbackUrl: "https://hooks.example.com/webhooks/sms/twilio/status",
  ...extra,
});

describe("twilio SDK transport", () => {
  test("messages.create reaches the sim as Twilio's documented form, with Basic auth", async () => {
    const result = await twilio.send(twilioCtx(), sms());
    expect(result).toMatchObject({ ok: true, status: "sent" });
    const posts = sim.requests("twilio").filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post!.path).toBe(`/2010-04-01/Accounts/${TW.accountSid}/Messages.json`);
    expect(post!.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(post!.headers.authorization).toBe(`Basic ${btoa(`${TW.accountSid}:${TW.authToken}`)}`);
    expect(post!.headers["user-agent"]).toMatch(/^twilio-node\//); // the SDK built it
    expect(post!.body).toMatchObject({
      To: "+14155550123",
      From: TW.numbers[0],
      Body: "hello from the SDK",
      StatusCallback: "https://hooks.example.com/webhooks/sms/twilio/status",
    });
    expect(result.ok && result.externalMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  test("MMS sends one MediaUrl per attachment; a whatsapp: sender prefixes the recipient", async () => {
    const result = await twilio.send(
      twilioCtx(),
      sms({
        text: "",
        attachments: [{ url: "https://cdn.example.com/a.jpg" }, { url: "https://cdn.example.com/b.png" }],
      }),
    );
    expect(result.ok).toBe(true);
    const [post] = sim.requests("twilio").filter((r) => r.method === "POST");
    expect(post!.rawBody.match(/MediaUrl=/g)).toHaveLength(2);
    expect((post!.body as Record<string, unknown>).MediaUrl).toEqual([
      "https://cdn.example.com/a.jpg",
      "https://cdn.example.com/b.png",
    ]);
    expect((post!.body as Record<string, unknown>).Body).toBeUndefined();

    sim.reset();
    await twilio.send(twilioCtx(), sms({ from: `whatsapp:${TW.numbers[0]}` }));
    const [wa] = sim.requests("twilio").filter((r) => r.method === "POST");
    expect(wa!.body).toMatchObject({ To: "whatsapp:+14155550123", From: `whatsapp:${TW.numbers[0]}` });
  });

  test("400 is permanent with Twilio's code; 429 is retryable with Retry-After; 503 is retryable", async () => {
    const invalid = await twilio.send(twilioCtx(), sms({ to: "+15005550001" }));
    expect(invalid).toMatchObject({ ok: false, retryable: false, error: { code: "21211" } });

    sim.fail("twilio", { mode: "429", count: 1, retryAfterSeconds: 3 });
    const limited = await twilio.send(twilioCtx(), sms());
    expect(limited).toMatchObject({ ok: false, retryable: true, retryAfterMs: 3000 });

    sim.fail("twilio", { mode: "5xx", count: 1 });
    const down = await twilio.send(twilioCtx(), sms());
    expect(down).toMatchObject({ ok: false, retryable: true });
    // Nothing was accepted by the faults: only the final healthy send below creates a message.
    expect(await twilio.send(twilioCtx(), sms())).toMatchObject({ ok: true });
  });

  test("network errors and refused URLs are failures, never a request to a refused host", async () => {
    const closed = await twilio.send(
      twilioCtx({ apiBaseUrl: "http://127.0.0.1:9" }, { ...policy, allowedPrivateOrigins: ["http://127.0.0.1:9"] }),
      sms(),
    );
    expect(closed).toMatchObject({ ok: false, retryable: true, error: { code: "network_error" } });
    const refused = await twilio.send(twilioCtx({}, { allowedPrivateOrigins: [], ownOrigins: [] }), sms());
    expect(refused.ok).toBe(false);
    expect(sim.requests("twilio")).toHaveLength(0);
  });

  test("messages(sid).fetch polls the status exactly as the fetch adapter reads it", async () => {
    const sent = await twilio.send(twilioCtx(), sms());
    if (!sent.ok) throw new Error("send failed");
    await sim.sendStatus("twilio", sent.externalMessageId, "delivered");
    const viaSdk = await twilio.getDeliveryStatus!(twilioCtx(), sent.externalMessageId);
    const viaFetch = await getDescriptor("twilio").adapter.getDeliveryStatus(twilioCtx(), sent.externalMessageId);
    expect(viaSdk).toMatchObject({ kind: "status", status: "delivered", externalMessageId: sent.externalMessageId });
    expect(viaSdk).toEqual(viaFetch);
    expect(await twilio.getDeliveryStatus!(twilioCtx(), `SM${"0".repeat(32)}`)).toBeNull();
  });

  test("messages.page / getPage list received messages (MMS media included) like the fetch lister", async () => {
    const since = Date.now() - 60_000;
    await sim.sendInbound("twilio", { from: "+14155550101", text: "one" });
    await sim.sendInbound("twilio", { from: "+14155550102", text: "two", media: [{ contentType: "image/jpeg" }] });
    await sim.sendInbound("twilio", { from: "+14155550103", text: "three" });
    await twilio.send(twilioCtx(), sms()); // outbound: never listed

    const collect = async (list: NonNullable<typeof twilio.inboundList>) => {
      const out = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await list(twilioCtx(), { sinceMs: since, pageSize: 2, ...(cursor ? { cursor } : {}) });
        if (!page.ok) throw new Error(page.error);
        out.push(...page.messages);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return out;
    };
    const viaSdk = await collect(twilio.inboundList!);
    const viaFetch = await collect(getDescriptor("twilio").inboundList!);
    expect(viaSdk.map((m) => m.text).sort()).toEqual(["one", "three", "two"]);
    expect(viaSdk.find((m) => m.text === "two")!.attachments).toHaveLength(1);
    expect(viaSdk).toEqual(viaFetch);
    const lists = sim.requests("twilio").filter((r) => r.method === "GET" && r.path.endsWith("/Messages.json"));
    expect(lists.some((r) => r.query["DateSent>"] !== undefined && r.query.PageSize === "2")).toBe(true);
    expect(lists.some((r) => r.query.PageToken !== undefined)).toBe(true);

    const forged = await twilio.inboundList!(twilioCtx(), {
      sinceMs: since,
      pageSize: 2,
      cursor: "/2010-04-01/Accounts/ACother/Messages.json?x=1",
    });
    expect(forged).toMatchObject({ ok: false, retryable: false });
  });
});

const email = (extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: "msg_email_1",
  to: "customer@example.org",
  from: `support@${RS.domain}`,
  subject: "Re: your order",
  text: "It ships today.",
  html: "<p>It ships today.</p>",
  emailMessageId: "<msg_email_1@switchboard.test>",
  inReplyTo: "<their-1@example.org>",
  references: ["<root@example.org>"],
  attachments: [
    { url: "https://cdn.example.com/invoice.pdf", filename: "invoice.pdf", contentType: "application/pdf" },
  ],
  ...extra,
});

describe("resend SDK transport", () => {
  test("emails.send posts Resend's documented body with the Idempotency-Key and threading headers", async () => {
    const result = await resend.send(resendCtx({ fromName: "Acme Support" }), email());
    expect(result).toMatchObject({ ok: true, status: "sent" });
    const posts = sim.requests("resend").filter((r) => r.method === "POST" && r.path === "/emails");
    expect(posts).toHaveLength(1);
    const [post] = posts;
    expect(post!.headers["idempotency-key"]).toBe("msg_email_1");
    expect(post!.headers.authorization).toBe(`Bearer ${RS.apiKey}`);
    expect(post!.headers["user-agent"]).toMatch(/^resend-node:/);
    expect(post!.body).toMatchObject({
      from: `Acme Support <support@${RS.domain}>`,
      to: ["customer@example.org"],
      subject: "Re: your order",
      text: "It ships today.",
      html: "<p>It ships today.</p>",
      headers: {
        "Message-ID": "<msg_email_1@switchboard.test>",
        "In-Reply-To": "<their-1@example.org>",
        References: "<root@example.org> <their-1@example.org>",
      },
      attachments: [
        { path: "https://cdn.example.com/invoice.pdf", filename: "invoice.pdf", content_type: "application/pdf" },
      ],
    });
    // A retried send with the same key is the same email (Resend answers the stored id).
    const again = await resend.send(resendCtx({ fromName: "Acme Support" }), email());
    expect(again.ok && result.ok && again.externalMessageId).toBe(result.ok && result.externalMessageId);
  });

  test("a 4xx is permanent with Resend's error name; 429 keeps Retry-After; 503 is retryable", async () => {
    const foreign = await resend.send(resendCtx(), email({ from: "someone@not-our-domain.example" }));
    expect(foreign).toMatchObject({ ok: false, retryable: false, error: { code: "validation_error" } });

    sim.fail("resend", { mode: "429", count: 1, retryAfterSeconds: 2 });
    expect(await resend.send(resendCtx(), email())).toMatchObject({ ok: false, retryable: true, retryAfterMs: 2000 });

    sim.fail("resend", { mode: "5xx", count: 1 });
    expect(await resend.send(resendCtx(), email())).toMatchObject({ ok: false, retryable: true });

    const closed = await resend.send(
      resendCtx(
        { apiBaseUrl: "http://127.0.0.1:9" },
        { allowedPrivateOrigins: ["http://127.0.0.1:9"], ownOrigins: [] },
      ),
      email(),
    );
    expect(closed).toMatchObject({ ok: false, retryable: true, error: { code: "network_error" } });
  });

  test("a base URL the policy refuses is never called", async () => {
    const refused = await resend.send(resendCtx({}, { allowedPrivateOrigins: [], ownOrigins: [] }), email());
    expect(refused).toMatchObject({ ok: false, retryable: false, error: { code: "url_refused" } });
    expect(sim.requests("resend")).toHaveLength(0);
  });

  test("emails.get polls last_event like the fetch adapter", async () => {
    const sent = await resend.send(resendCtx(), email());
    if (!sent.ok) throw new Error("send failed");
    await sim.sendStatus("resend", sent.externalMessageId, "delivered");
    const viaSdk = await resend.getDeliveryStatus!(resendCtx(), sent.externalMessageId);
    expect(viaSdk).toMatchObject({ status: "delivered", externalMessageId: sent.externalMessageId });
    expect(viaSdk).toEqual(
      await getDescriptor("resend").adapter.getDeliveryStatus(resendCtx(), sent.externalMessageId),
    );
  });

  test("emails.receiving.list pages received emails and emails.receiving.get fills the body", async () => {
    const since = Date.now() - 60_000;
    for (const n of [1, 2, 3]) {
      await sim.sendInbound("resend", {
        from: `c${n}@example.org`,
        subject: `mail ${n}`,
        text: `body ${n}`,
        inReplyTo: "<root@example.org>",
      });
    }
    const pages = [];
    let cursor: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await resend.inboundList!(resendCtx(), {
        sinceMs: since,
        pageSize: 2,
        ...(cursor ? { cursor } : {}),
      });
      if (!page.ok) throw new Error(page.error);
      pages.push(page);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    const listed = pages.flatMap((p) => p.messages);
    expect(pages).toHaveLength(2);
    expect(listed.map((m) => m.subject)).toEqual(["mail 3", "mail 2", "mail 1"]);
    expect(listed.every((m) => m.contentPending)).toBe(true);
    const first = await getDescriptor("resend").inboundList!(resendCtx(), { sinceMs: since, pageSize: 2 });
    expect(first.ok && first.messages).toEqual(pages[0]!.messages);

    const hydrated = await resend.hydrateInbound!(resendCtx(), listed[0]!);
    expect(hydrated.contentPending).toBeUndefined();
    expect(hydrated.text).toBe("body 3");
    expect(hydrated.inReplyTo).toEqual(["<root@example.org>"]);
    expect(hydrated).toEqual(await getDescriptor("resend").adapter.hydrateInbound!(resendCtx(), listed[0]!));
    const gets = sim.requests("resend").filter((r) => r.method === "GET" && r.path.startsWith("/emails/receiving/"));
    expect(gets.length).toBe(2);
  });
});
