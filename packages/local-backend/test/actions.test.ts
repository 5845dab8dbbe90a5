/**
 * Actions run in their own worker threads with Convex's action limit (10 minutes of wall time,
 * https://docs.convex.dev/production/state/limits; shortened here through `limits.actionMs`):
 * past it the action fails with Convex's "Function execution timed out" error, its worker is
 * replaced if it spins, what it committed through ctx.runMutation stays, and queries and
 * mutations keep answering meanwhile (they have workers of their own).
 */
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { start, waitFor } from "./helpers.js";

const api = anyApi as any;
const LIMIT_MS = 1500;
const TIMEOUT = "Function execution timed out (maximum duration: 1.5s)";
let b: Awaited<ReturnType<typeof start>>;
beforeAll(async () => {
  b = await start({ workers: 2, limits: { actionMs: LIMIT_MS } });
});
afterAll(async () => {
  await b?.stop();
});

const settle = <T>(p: Promise<T>, t0: number) =>
  p.then(
    (value) => ({ ok: true as const, value, ms: performance.now() - t0 }),
    (e: Error) => ({ ok: false as const, message: e.message, ms: performance.now() - t0 }),
  );

describe("the action time limit", () => {
  it("stops a spinning action at the limit with Convex's error; its committed mutation stays; queries answer meanwhile", async () => {
    const http = new ConvexHttpClient(b.url);
    const other = new ConvexHttpClient(b.url);
    await other.mutation(api.items.add, { group: "bystander", n: 3 });
    const t0 = performance.now();
    const spinning = settle(http.action(api.limits.writeThenSpinAction, { group: "spin-action", ms: 20_000 }), t0);
    await new Promise((r) => setTimeout(r, 300));
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const q0 = performance.now();
      expect((await other.query(api.items.range, { group: "bystander", lo: 0, hi: 100 })).ns).toEqual([3]);
      latencies.push(performance.now() - q0);
    }
    const result = await spinning;
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toContain(TIMEOUT);
    // killed at the limit, not after the 20 s the code wanted
    expect(result.ms).toBeGreaterThanOrEqual(LIMIT_MS - 50);
    expect(result.ms).toBeLessThan(8000);
    expect(Math.max(...latencies)).toBeLessThan(500);
    // the mutation it ran before spinning committed (its own transaction); the one after never ran
    expect((await other.query(api.items.range, { group: "spin-action", lo: 0, hi: 100 })).ns).toEqual([1]);
    // actions run again (the spinning worker was replaced)
    expect(await http.action(api.limits.sleepAction, { ms: 10 })).toBe(10);
  });

  it("counts waiting too (wall time), and drops only the late action from a worker that still answers", async () => {
    const http = new ConvexHttpClient(b.url);
    const t0 = performance.now();
    const late = settle(http.action(api.limits.sleepAction, { ms: 5000 }), t0);
    // several short actions in flight at the same time share the action workers with it
    const short = await Promise.all(
      Array.from({ length: 6 }, (_, i) => http.action(api.limits.sleepAction, { ms: 200 + i * 100 })),
    );
    expect(short).toEqual([200, 300, 400, 500, 600, 700]);
    const result = await late;
    expect(result.ok).toBe(false);
    expect((result as { message: string }).message).toContain(TIMEOUT);
    expect(result.ms).toBeLessThan(4500);
    // an action started after it, on whichever worker, completes normally
    expect(await http.action(api.limits.sleepAction, { ms: 1000 })).toBe(1000);
  });

  it("applies to an action an HTTP action calls (500 with the error) and to scheduled actions (job failed)", async () => {
    const http = new ConvexHttpClient(b.url);
    const res = await fetch(`${b.siteUrl}/spin`, {
      method: "POST",
      body: JSON.stringify({ group: "spin-http", ms: 20_000 }),
    });
    expect(res.status).toBe(500);
    expect(await res.text()).toContain(TIMEOUT);
    expect((await http.query(api.items.range, { group: "spin-http", lo: 0, hi: 100 })).ns).toEqual([1]);
    // the site port still serves HTTP actions
    expect((await fetch(`${b.siteUrl}/hello?name=x`)).status).toBe(201);

    const jobId = await http.mutation(api.limits.scheduleSpin, { group: "spin-job", ms: 20_000 });
    const job = await waitFor(
      () => http.query(api.jobs.status, { id: jobId }),
      (s: { kind: string } | null) => s?.kind === "failed",
      15_000,
    );
    expect(job?.kind).toBe("failed");
    expect((await http.query(api.items.range, { group: "spin-job", lo: 0, hi: 100 })).ns).toEqual([1]);
  });
});
