import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR, freePort, killCli, spawnCli, tmpDir } from "./helpers.js";

const api = anyApi as any;

describe("kill -9 during group commit", () => {
  it("loses no acknowledged write", async () => {
    const dataDir = tmpDir();
    const port = await freePort();
    const args = ["--functions", FIXTURE_DIR, "--data", dataDir, "--port", String(port), "--site-port", "0", "--quiet"];
    let cli = await spawnCli(args);
    const acknowledged: { id: string; body: string }[] = [];
    let stop = false;
    let inFlight = 0;
    let maxInFlight = 0;
    // 24 closed-loop writers: their commits land together and share group commits
    const writers = Array.from({ length: 24 }, async (_, w) => {
      const http = new ConvexHttpClient(cli.url);
      for (let i = 0; !stop; i++) {
        const body = `w${w}-${i}`;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          const id = await http.mutation(api.messages.send, { author: "crash", body, channel: "crash" });
          acknowledged.push({ id, body });
        } catch {
          return; // the backend died under this request: not acknowledged
        } finally {
          inFlight--;
        }
      }
    });
    const t0 = Date.now();
    while (acknowledged.length < 300 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 20));
    // kill while requests are in flight (some of them half-way through their group commit)
    await killCli(cli, "SIGKILL");
    stop = true;
    await Promise.all(writers);
    const acked = [...acknowledged];
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(maxInFlight).toBeGreaterThan(1);

    cli = await spawnCli(args);
    try {
      const http = new ConvexHttpClient(cli.url);
      const docs = await Promise.all(acked.map(({ id }) => http.query(api.messages.get, { id })));
      expect(docs.filter((d) => d === null)).toEqual([]);
      expect(docs.map((d) => d.body)).toEqual(acked.map((a) => a.body));
      // and the index agrees with the documents
      const listed = await http.query(api.messages.list, { channel: "crash" });
      const bodies = new Set(listed.map((r: { body: string }) => r.body));
      for (const a of acked) expect(bodies.has(a.body)).toBe(true);
    } finally {
      await killCli(cli, "SIGKILL");
    }
  }, 120_000);
});
