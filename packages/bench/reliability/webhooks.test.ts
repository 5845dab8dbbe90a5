/**
 * Event webhooks out on the local runtime (issue 12.5): the @convex-dev/workpool component runs
 * the deliveries there as it does on Convex. A receiver on loopback (allowlisted with
 * SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST, as a test origin must be) answers 503 to the first attempt
 * and 200 afterwards; one signed Twilio webhook -> the message.received event arrives twice with
 * the same webhook-id, the official `standardwebhooks` verifier accepts it, and the delivery log
 * says delivered after 2 attempts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, test } from "vitest";
import { AdminApi } from "../src/lib/admin";
import { type BackendProcess, spawnBackend } from "../src/lib/backend";
import { prepareFunctionsDir } from "../src/lib/functions";
import { sendOne } from "../src/lib/load";
import { phone, type SeededOrg, seedBenchOrg, twilioWebhook } from "../src/lib/webhooks";
import { figure } from "./helpers";

interface Received {
  at: number;
  headers: Record<string, string>;
  body: string;
  answered: number;
  verified: boolean;
}
const received: Received[] = [];
let receiver: http.Server;
let secret = "";
let endpointId = "";
let backend: BackendProcess | undefined;
let functions: ReturnType<typeof prepareFunctionsDir> | undefined;
let admin: AdminApi;
let org: SeededOrg;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        new Webhook(secret).verify(body, headers);
        verified = true;
      } catch {
        verified = false;
      }
      const answered = received.length === 0 ? 503 : 200;
      received.push({ at: Date.now(), headers, body, answered, verified });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  functions = prepareFunctionsDir();
  backend = await spawnBackend({
    functionsDir: functions.dir,
    env: { SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST: origin },
  });
  admin = new AdminApi(backend.url, backend.adminKey);
  org = await seedBenchOrg(admin, "webhooks-out", { coalesceWindowMs: 3_600_000 });
  const created = await admin.call<{ endpointId: string; secret: string }>(
    "webhooks/endpoints:create",
    { organizationId: org.organizationId, url: `${origin}/events`, events: ["message.received"] },
    org.owner,
  );
  secret = created.secret;
  endpointId = created.endpointId;
});

afterAll(async () => {
  await backend?.stop();
  functions?.cleanup();
  receiver?.close();
});

test("a message.received event is retried after a 503 and delivered, signed, with one webhook-id", async () => {
  const res = await sendOne(backend!.siteUrl, twilioWebhook(backend!.siteUrl, phone(42), "hello hooks", "SMhooks0001"));
  expect(res.status).toBe(200);
  const deadline = Date.now() + 120_000;
  while (!received.some((r) => r.answered === 200) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 250));

  expect(received.map((r) => r.answered)).toEqual([503, 200]);
  expect(received.every((r) => r.verified)).toBe(true);
  expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(1);
  const event = JSON.parse(received[1]!.body) as { type: string; data: { text: string; channel: string } };
  expect(event.type).toBe("message.received");
  expect(event.data).toMatchObject({ text: "hello hooks", channel: "sms" });
  const retryAfterMs = received[1]!.at - received[0]!.at;
  // The first retry waits the workpool's initial backoff (10 s) times its 0.5-1.5 jitter.
  expect(retryAfterMs).toBeGreaterThanOrEqual(5_000);

  let log: { status: string; attempts: number; lastStatusCode?: number }[] = [];
  for (let i = 0; i < 40; i++) {
    const page = await admin.call<{ page: typeof log }>(
      "webhooks/deliveries:list",
      { organizationId: org.organizationId, endpointId, paginationOpts: { numItems: 10, cursor: null } },
      org.owner,
    );
    log = page.page;
    if (log[0]?.status === "delivered") break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });
  figure("webhooks out: delivery", { attempts: received.length, retryAfterMs });
});
