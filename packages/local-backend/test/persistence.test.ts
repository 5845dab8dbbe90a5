import fs from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { describe, expect, it } from "vitest";
import { client, FIXTURE_DIR, freePort, killCli, spawnCli, tmpDir, waitFor } from "./helpers.js";

const api = anyApi as any;

for (const signal of ["SIGTERM", "SIGKILL"] as const) {
  describe(`persistence across ${signal}`, () => {
    it("keeps data, ids and creation times; new inserts don't collide; clients reconnect", async () => {
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
      const sub = client(cli.url);
      try {
        const http = new ConvexHttpClient(cli.url);
        const ids: string[] = [];
        for (let i = 0; i < 15; i++)
          ids.push(await http.mutation(api.messages.send, { author: "p", body: `b${i}`, channel: "persist" }));
        const docsBefore = await Promise.all(ids.map((id) => http.query(api.messages.get, { id })));
        let latest: any[] = [];
        sub.onUpdate(api.messages.list, { channel: "persist" }, (v) => (latest = v));
        await waitFor(
          () => latest.length,
          (n) => n === 15,
        );

        await killCli(cli, signal);
        if (signal === "SIGKILL") {
          // simulate a torn write at the tail of the commit log
          fs.appendFileSync(path.join(dataDir, "commits.jsonl"), '{"ts":"99999999999999999999","w":[[10001,"abc');
        }
        cli = await spawnCli(args);
        const http2 = new ConvexHttpClient(cli.url);
        const docsAfter = await Promise.all(ids.map((id) => http2.query(api.messages.get, { id })));
        expect(docsAfter).toEqual(docsBefore);
        const newId = await http2.mutation(api.messages.send, { author: "p", body: "new", channel: "persist" });
        expect(ids).not.toContain(newId);
        const newDoc = await http2.query(api.messages.get, { id: newId });
        expect(newDoc._creationTime).toBeGreaterThan(Math.max(...docsBefore.map((d: any) => d._creationTime)));
        // the ConvexClient reconnected by itself and sees the fresh result
        // (the client's reconnect backoff can reach 16 s ± 50 % while the server restarts)
        await waitFor(
          () => latest.length,
          (n) => n === 16,
          50_000,
        );
        expect(latest.at(-1)).toEqual({ author: "p", body: "new" });
      } finally {
        await sub.close();
        await killCli(cli, "SIGKILL");
      }
    }, 120_000);
  });
}
