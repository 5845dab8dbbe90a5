import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_DIR, freePort, killCli, spawnCli, start, tmpDir, waitFor } from "./helpers.js";

const api = anyApi as any;

describe("scheduler (in process)", () => {
  let b: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    b = await start();
  });
  afterAll(async () => {
    await b?.stop();
  });

  it("runs runAfter(0) and runAfter(500) jobs and records success/failed/canceled", async () => {
    const http = new ConvexHttpClient(b.url);
    const ids = await http.mutation(api.jobs.scheduleMany, {});
    await waitFor(
      () => http.query(api.jobs.labels, {}),
      (l: string[]) => l.includes("zero") && l.includes("later"),
    );
    const st = async (id: string) => (await http.query(api.jobs.status, { id }))?.kind;
    await waitFor(
      () => st(ids.a),
      (k) => k === "success",
    );
    await waitFor(
      () => st(ids.b),
      (k) => k === "success",
    );
    await waitFor(
      () => st(ids.c),
      (k) => k === "failed",
    );
    expect(await st(ids.d)).toBe("canceled");
    expect(await http.query(api.jobs.status, { id: ids.a })).toEqual({ kind: "success", name: "jobs:record" });
    const labels: string[] = await http.query(api.jobs.labels, {});
    expect(labels).not.toContain("canceled");
  });

  it("drops jobs scheduled by a mutation that throws", async () => {
    const http = new ConvexHttpClient(b.url);
    const before = (await http.query(api.jobs.allJobs, {})).filter((j: any) => j.name !== "jobs:cronTick").length;
    await expect(http.mutation(api.jobs.scheduleThenThrow, {})).rejects.toThrow(/abort/);
    // a later job proves the scheduler is alive; the rolled-back one never appears
    await http.mutation(api.jobs.schedule, { label: "after-abort", delayMs: 0 });
    await waitFor(
      () => http.query(api.jobs.labels, {}),
      (l: string[]) => l.includes("after-abort"),
    );
    const labels: string[] = await http.query(api.jobs.labels, {});
    expect(labels).not.toContain("never");
    const jobs = await http.query(api.jobs.allJobs, {});
    const nonCron = (js: any[]) => js.filter((j) => j.name !== "jobs:cronTick").length;
    expect(nonCron(jobs)).toBe(before + 1);
  });

  it("runs crons from crons.ts repeatedly", async () => {
    const http = new ConvexHttpClient(b.url);
    await waitFor(
      () => http.query(api.jobs.cronRuns, {}),
      (r: number[]) => r.length >= 2,
    );
  });
});

describe("scheduler and crons across restarts (CLI child process)", () => {
  it("keeps a pending job across a restart and does not duplicate cron runs", async () => {
    const dataDir = tmpDir();
    const port = await freePort();
    const sitePort = await freePort();
    const args = [
      "--functions",
      FIXTURE_DIR,
      "--data",
      dataDir,
      "--port",
      String(port),
      "--site-port",
      String(sitePort),
      "--quiet",
    ];
    let cli = await spawnCli(args);
    try {
      const http = new ConvexHttpClient(cli.url);
      await waitFor(
        () => http.query(api.jobs.cronRuns, {}),
        (r: number[]) => r.length >= 2,
      );
      const id = await http.mutation(api.jobs.schedule, { label: "survives-restart", delayMs: 1500 });
      await killCli(cli, "SIGTERM");
      expect(cli.output()).toContain("SIGTERM");
      cli = await spawnCli(args);
      const http2 = new ConvexHttpClient(cli.url);
      await waitFor(
        () => http2.query(api.jobs.labels, {}),
        (l: string[]) => l.includes("survives-restart"),
      );
      expect((await http2.query(api.jobs.status, { id }))?.kind).toBe("success");
      const before = (await http2.query(api.jobs.cronRuns, {})).length;
      await waitFor(
        () => http2.query(api.jobs.cronRuns, {}),
        (r: number[]) => r.length >= before + 2,
      );
      const runs: number[] = await http2.query(api.jobs.cronRuns, {});
      // an interval {seconds: 1} cron: consecutive runs are never (near-)simultaneous
      for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThan(300);
      const labels: string[] = await http2.query(api.jobs.labels, {});
      expect(labels.filter((l) => l === "survives-restart")).toHaveLength(1);
    } finally {
      await killCli(cli, "SIGKILL");
    }
  });
});
