/**
 * Issue 12.4 (AI step config) and 13.4 (the AI extractor as a peer), against the provider
 * simulator's deterministic OpenAI-compatible endpoint (packages/provider-sim README, "Deterministic
 * chat completions"; request/response shapes of https://platform.openai.com/docs/api-reference/chat/create).
 */
import { DEFAULT_ACCOUNTS, type ProviderSim, startProviderSim } from "@switchboard/provider-sim";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../convex/_generated/api";
import type { Doc, Id } from "../convex/_generated/dataModel";
import { asMember, email, ORG_A, post } from "./crmHelpers";
import { type Backend, newBackend, openSession, type SeededOrg, seedOrg } from "./harness";
import { eventually } from "./simBridge";

// Real timers here: the model is a real HTTP server, and fake timers would fire the HTTP client's
// own connect timeout. Scheduled functions run on their own after a short coalescing window.
let t: Backend;
let a: SeededOrg;
let asA: ReturnType<typeof asMember>;
vi.setConfig({ testTimeout: 60_000 });
beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "org-a", ORG_A, { coalesceWindowMs: 30 });
  asA = asMember(t, a);
});

/** Waits until every message is processed and no AI review is pending. */
async function drain(t: Backend) {
  await eventually(async () => {
    const [messages, reviews] = await t.run(
      async (ctx) =>
        [await ctx.db.query("unifiedMessages").collect(), await ctx.db.query("aiReviews").collect()] as const,
    );
    return (
      messages.length > 0 &&
      messages.every((m) => m.insightsAt !== undefined) &&
      reviews.every((r) => r.status !== "pending")
    );
  }, "insights and AI reviews");
  await t.finishInProgressScheduledFunctions();
}

let sim: ProviderSim;
const MODEL = "sim-gpt-4o-mini";
const KEY = DEFAULT_ACCOUNTS.openai.apiKey;
beforeAll(async () => {
  sim = await startProviderSim({ webhookBaseUrl: "http://127.0.0.1:9" });
  // What `pnpm dev` does for the simulator: its exact origin may be a loopback target.
  process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = new URL(sim.url).origin;
});
afterAll(async () => {
  delete process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST;
  await sim.stop();
});

/** Deal words but no deal cue: the rules are unsure (packages/insights `uncertainty`). */
const UNSURE = `Hi,

We love the product and want to talk about the renewal price.

Best,
Dana`;

async function all<T extends "aiReviews" | "messageInsights">(table: T): Promise<Doc<T>[]> {
  return t.run((ctx) => ctx.db.query(table).collect() as Promise<Doc<T>[]>);
}

async function configure(extra: { maxTokens?: number } = {}) {
  await asA.action(api.ai.settings.save, {
    organizationId: a.organizationId,
    baseUrl: `${sim.url}/v1`,
    model: MODEL,
    apiKey: KEY,
    ...extra,
  });
}

const simRequests = () => sim.aiUsage()[MODEL]?.requests ?? 0;

describe("AI step", () => {
  test("off when not configured: nothing is called, the rules' result is stored", async () => {
    const before = simRequests();
    await post(t, email("Dana <dana@acme.com>", "Renewal", UNSURE));
    await drain(t);
    expect(await all("aiReviews")).toHaveLength(0);
    expect(simRequests()).toBe(before);
    const [insight] = await all("messageInsights");
    expect(insight!.source).toBe("rules");
  });

  test("configured: an uncertain message is reviewed, the validated answer is stored and merged, usage recorded", async () => {
    await configure();
    const before = sim.aiUsage()[MODEL] ?? { requests: 0, totalTokens: 0 };
    await post(t, email("Dana <dana@acme.com>", "Renewal", UNSURE));
    await drain(t);
    const [review] = await all("aiReviews");
    expect(review!.error).toBeUndefined();
    expect(review).toMatchObject({ status: "applied", model: MODEL });
    // Deal words the rules cannot place with confidence (no cue, a weak cue, or the statistical model's alone).
    expect(review!.reasons.some((r) => /deal/.test(r))).toBe(true);
    // The simulator reads "love" as positive; its answer is stored as a review of the candidates.
    expect(review!.review).toMatchObject({ sentiment: { label: "positive" } });
    const after = sim.aiUsage()[MODEL]!;
    expect(after.requests - before.requests).toBe(1);
    expect(review!.totalTokens).toBe(after.totalTokens - before.totalTokens);
    expect(review!.promptTokens! + review!.completionTokens!).toBe(review!.totalTokens);
    const [insight] = await all("messageInsights");
    expect(insight).toMatchObject({ source: "ai", sentimentLabel: "positive" });
    const usage = await asA.query(api.ai.settings.usage, { organizationId: a.organizationId });
    expect(usage).toMatchObject({ requests: 1, applied: 1, totalTokens: review!.totalTokens });

    // Recompute re-applies the stored review without asking the model again.
    const contactId = insight!.contactId as Id<"contacts">;
    const jobId = await asA.action(api.crm.recompute.run, { organizationId: a.organizationId, contactId });
    await eventually(
      async () =>
        (await asA.query(api.crm.recompute.get, { organizationId: a.organizationId, jobId })).status === "done",
      "recompute",
    );
    expect(sim.aiUsage()[MODEL]!.requests).toBe(after.requests);
    expect((await all("messageInsights"))[0]).toMatchObject({ source: "ai", sentimentLabel: "positive" });
    expect(await all("aiReviews")).toHaveLength(1);
  });

  test("an answer that is not valid JSON (cut at max tokens) stores nothing of it: the rules' result stands", async () => {
    await configure({ maxTokens: 4 });
    await post(t, email("Dana <dana@acme.com>", "Renewal", UNSURE));
    await drain(t);
    const [review] = await all("aiReviews");
    expect(review!.status).toBe("rejected");
    expect(review!.review).toBeUndefined();
    expect(review!.error).toMatch(/max tokens|validation|JSON/);
    expect(review!.totalTokens).toBeGreaterThan(0); // the call still cost tokens, and they are counted
    const [insight] = await all("messageInsights");
    expect(insight!.source).toBe("rules");
    const usage = await asA.query(api.ai.settings.usage, { organizationId: a.organizationId });
    expect(usage).toMatchObject({ requests: 1, applied: 0, rejected: 1 });
  });

  test("settings: admin only, the key is write-only and sealed, URL rules are enforced", async () => {
    await configure();
    const shown = await asA.query(api.ai.settings.get, { organizationId: a.organizationId });
    expect(shown).toMatchObject({ enabled: true, baseUrl: `${sim.url}/v1`, model: MODEL, hasKey: true });
    expect(JSON.stringify(shown)).not.toContain(KEY);
    const [row] = await t.run((ctx) => ctx.db.query("aiSettings").collect());
    expect(JSON.stringify(row)).not.toContain(KEY);
    // Saving without a key keeps the stored one.
    await asA.action(api.ai.settings.save, {
      organizationId: a.organizationId,
      baseUrl: `${sim.url}/v1`,
      model: "sim-gpt-4o",
    });
    const [kept] = await t.run((ctx) => ctx.db.query("aiSettings").collect());
    expect(kept!.apiKey).toEqual(row!.apiKey);
    expect(kept!.model).toBe("sim-gpt-4o");

    for (const [baseUrl, why] of [
      ["http://api.example.com/v1", /https/],
      ["https://localhost/v1", /not allowed/],
      ["https://10.1.2.3/v1", /not allowed/],
      ["https://[::1]/v1", /not allowed/],
      ["https://169.254.169.254/v1", /not allowed/],
      ["https://user:pw@api.example.com/v1", /credentials/],
      [`${new URL(sim.url).protocol}//127.0.0.1:1/v1`, /https|not allowed/], // loopback, not the allowlisted origin
    ] as const) {
      await expect(
        asA.action(api.ai.settings.save, { organizationId: a.organizationId, baseUrl, model: MODEL, apiKey: KEY }),
      ).rejects.toThrow(why);
    }
    await asA.action(api.ai.settings.save, {
      organizationId: a.organizationId,
      baseUrl: "https://api.openai.example/v1",
      model: MODEL,
      apiKey: KEY,
    });

    // An agent may not read or change it.
    const agentId = "https://auth.test|agent-ai";
    await t.run(async (ctx) => {
      await ctx.db.insert("members", {
        organizationId: a.organizationId,
        userId: agentId,
        role: "agent",
        email: "agent@a.test",
        createdAt: Date.now(),
      });
    });
    const asAgent = t.withIdentity(await openSession(t, agentId));
    await expect(asAgent.query(api.ai.settings.get, { organizationId: a.organizationId })).rejects.toThrow(/roles/);
    await expect(
      asAgent.action(api.ai.settings.save, {
        organizationId: a.organizationId,
        baseUrl: `${sim.url}/v1`,
        model: MODEL,
      }),
    ).rejects.toThrow(/roles/);
    await asA.mutation(api.ai.settings.remove, { organizationId: a.organizationId });
    expect(await asA.query(api.ai.settings.get, { organizationId: a.organizationId })).toBeNull();
  });
});
