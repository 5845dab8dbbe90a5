/**
 * Attacks on the cloud port (issue 14 items 2 and 12): web pages using the admin key, admin
 * keys shared between installations, decompression bombs and malformed input.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readAdminKey } from "../src/index.js";
import { start, tmpDir } from "./helpers.js";

const DASHBOARD = "http://127.0.0.1:3999";
const EVIL = "http://127.0.0.1:8666";
let b: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  b = await start({ allowedOrigins: [DASHBOARD, "http://localhost:3999"] });
});
afterAll(async () => {
  await b?.stop();
});

const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${b.url}${p}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
const groupCount = async (group: string) => {
  const r = await post("/api/query", { path: "items:range", args: { group, lo: 0, hi: 1e9 }, format: "json" });
  return ((await r.json()).value.ns as number[]).length;
};
/** Raw request: fetch() would not send a body with a lying Content-Encoding the way an attacker does. */
function raw(p: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(b.url + p);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        headers: { "Content-Length": String(body.length), ...headers },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("admin key and browser origins (issue 14 item 2)", () => {
  it("gives a foreign page no CORS headers and runs nothing for it, even with the admin key", async () => {
    const pre = await fetch(`${b.url}/api/mutation`, {
      method: "OPTIONS",
      headers: {
        Origin: EVIL,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
      },
    });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    expect(pre.headers.get("access-control-allow-credentials")).toBeNull();

    const write = await post(
      "/api/mutation",
      { path: "items:add", args: { group: "evil", n: 1 }, format: "json" },
      { Origin: EVIL, Authorization: `Convex ${b.adminKey}` },
    );
    expect(write.status).toBe(403);
    expect(write.headers.get("access-control-allow-origin")).toBeNull();
    const read = await post(
      "/api/query",
      { path: "messages:secret", args: {}, format: "json" },
      { Origin: EVIL, Authorization: `Convex ${b.adminKey}` },
    );
    expect(read.status).toBe(403);
    expect(await read.text()).not.toContain('secret"');
    // a "simple" request (no preflight) from the page is refused before it runs
    const simple = await fetch(`${b.url}/api/mutation`, {
      method: "POST",
      headers: { Origin: EVIL, "Content-Type": "text/plain" },
      body: JSON.stringify({ path: "items:add", args: { group: "evil", n: 2 }, format: "json" }),
    });
    expect(simple.status).toBe(403);
    expect(await groupCount("evil")).toBe(0);
  });

  it("reflects the dashboard's origin, but never for the admin key", async () => {
    const pre = await fetch(`${b.url}/api/query`, {
      method: "OPTIONS",
      headers: {
        Origin: DASHBOARD,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(DASHBOARD);
    const ok = await post("/api/query", { path: "items:count", args: {}, format: "json" }, { Origin: DASHBOARD });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(DASHBOARD);

    const admin = await post(
      "/api/mutation",
      { path: "items:add", args: { group: "dash-admin", n: 1 }, format: "json" },
      { Origin: DASHBOARD, Authorization: `Convex ${b.adminKey}` },
    );
    expect(admin.status).toBe(403);
    expect(admin.headers.get("access-control-allow-origin")).toBeNull();
    expect(await groupCount("dash-admin")).toBe(0);
  });

  it("refuses WebSocket sync from foreign pages and the admin key from any page", async () => {
    const wsUrl = `${b.url.replace("http", "ws")}/api/1.48.0/sync`;
    const foreign = new WebSocket(wsUrl, { headers: { Origin: EVIL } });
    const status = await new Promise<number>((resolve) => {
      foreign.on("unexpected-response", (_req, res) => resolve(res.statusCode!));
      foreign.on("open", () => resolve(101));
      foreign.on("error", () => {});
    });
    expect(status).toBe(403);

    const dash = new WebSocket(wsUrl, { headers: { Origin: DASHBOARD } });
    await new Promise((r) => dash.on("open", r));
    const messages: any[] = [];
    dash.on("message", (m) => messages.push(JSON.parse(m.toString())));
    dash.send(
      JSON.stringify({
        type: "Connect",
        sessionId: "00000000-0000-4000-8000-000000000001",
        connectionCount: 0,
        lastCloseReason: null,
      }),
    );
    dash.send(JSON.stringify({ type: "Authenticate", tokenType: "Admin", value: b.adminKey, baseVersion: 0 }));
    const deadline = Date.now() + 5000;
    while (!messages.some((m) => m.type === "AuthError") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect(messages.find((m) => m.type === "AuthError")?.error).toMatch(/browser origin/);
    dash.terminate();
  });

  it("keeps a random admin key per data directory, mode 0600, stable across restarts", async () => {
    const file = path.join(b.dataDir, "admin-key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(readAdminKey(b.dataDir)).toBe(b.adminKey);
    expect(b.adminKey).toMatch(/^local-[0-9a-f]{64}$/);

    const otherDir = tmpDir();
    const other = await start({ dataDir: otherDir });
    try {
      expect(other.adminKey).not.toBe(b.adminKey);
      expect(fs.statSync(path.join(otherDir, "admin-key")).mode & 0o777).toBe(0o600);
      // one instance's key does not open the other
      const cross = await fetch(`${other.url}/api/query`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Convex ${b.adminKey}` },
        body: JSON.stringify({ path: "messages:secret", args: {}, format: "json" }),
      });
      expect(cross.status).toBe(401);
    } finally {
      await other.stop();
    }
    const again = await start({ dataDir: otherDir });
    try {
      expect(again.adminKey).toBe(other.adminKey);
    } finally {
      await again.stop();
    }
  });
});

describe("request bodies (issue 14 item 12)", () => {
  // brotli (quality 11) of 50 MiB of zeros: the 93-byte body from the issue
  const BOMB_93 = Buffer.from(
    "y///P/gnAOKxQCD3/o///3/wTwDEYRGA7v0f////4J8AiMMCAN37P/7//8E/ARCHBQC693/8//+DfwIgDgsAdO//+P//B/8EQBwWAOje/+X//wf+CYA4LADQvf8A",
    "base64",
  );
  const bomb = (bytes: number) =>
    zlib.brotliCompressSync(Buffer.alloc(bytes), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });

  it("answers a 93-byte brotli bomb (50 MB inflated) with 413, quickly", async () => {
    const small = BOMB_93;
    expect(small.length).toBe(93);
    expect(zlib.brotliDecompressSync(small).length).toBe(50 * 1024 * 1024);
    const t0 = performance.now();
    const r = await raw("/api/mutation", small, { "Content-Type": "application/json", "Content-Encoding": "br" });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).code).toBe("PayloadTooLarge");
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("keeps memory bounded on a 1 GiB bomb", async () => {
    const big = bomb(1024 * 1024 * 1024); // ~190 KB on the wire
    global.gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    const r = await raw("/api/mutation", big, { "Content-Type": "application/json", "Content-Encoding": "br" });
    expect(r.status).toBe(413);
    const after = process.memoryUsage();
    // Inflating it would take 1 GiB and seconds; the limit stops it at 16 MiB.
    expect(after.rss - before.rss).toBeLessThan(200 * 1024 * 1024);
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it("checks the Authorization header before reading or inflating the body", async () => {
    const r = await raw("/api/mutation", BOMB_93, { "Content-Encoding": "br", Authorization: "Convex wrong-key" });
    expect(r.status).toBe(401);
    const shim = await raw("/api/deploy2/start_push", BOMB_93, {
      "Content-Encoding": "br",
      Authorization: "Convex wrong-key",
    });
    expect(shim.status).toBe(401);
    // without a header the shim reads at most 1 MiB looking for `adminKey`
    const anon = await raw("/api/get_config_hashes", BOMB_93, { "Content-Encoding": "br" });
    expect(anon.status).toBe(413);
  });

  it("refuses an oversized plain body by its Content-Length before reading it", async () => {
    const r = await new Promise<number>((resolve, reject) => {
      const u = new URL(b.url);
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: "/api/mutation",
          method: "POST",
          headers: { "Content-Length": String(64 * 1024 * 1024) },
        },
        (res) => {
          resolve(res.statusCode!);
          res.resume();
          req.destroy();
        },
      );
      req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
      req.write(Buffer.alloc(1024));
    });
    expect(r).toBe(413);
  });

  it("answers malformed input with 4xx, never 500", async () => {
    const badJson = await raw("/api/query", Buffer.from("{not json"), { "Content-Type": "application/json" });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).code).toBe("BadJsonBody");
    const badGzip = await raw("/api/query", Buffer.from("definitely not gzip"), { "Content-Encoding": "gzip" });
    expect(badGzip.status).toBe(400);
    const unknownEnc = await raw("/api/query", Buffer.from("{}"), { "Content-Encoding": "zstd-ish" });
    expect(unknownEnc.status).toBe(415);
    const notObject = await raw("/api/query", Buffer.from("[1,2]"), { "Content-Type": "application/json" });
    expect(notObject.status).toBe(400);
    const badValue = await post("/api/query", {
      path: "items:count",
      args: { x: { $integer: "not base64!" } },
      format: "convex_encoded_json",
    });
    expect(badValue.status).toBe(400);
    const badGetArgs = await fetch(`${b.url}/api/query?path=items:count&args=%7Bnope`);
    expect(badGetArgs.status).toBe(400);
    const badBatch = await post("/api/query_batch", { queries: "nope" });
    expect(badBatch.status).toBe(400);
    const oversizedSite = await new Promise<number>((resolve, reject) => {
      const u = new URL(b.siteUrl);
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: "/echo",
          method: "POST",
          headers: { "Content-Length": String(30 * 1024 * 1024) },
        },
        (res) => {
          resolve(res.statusCode!);
          res.resume();
          req.destroy();
        },
      );
      req.on("error", (e) => ((e as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(e)));
      req.write(Buffer.alloc(1024));
    });
    expect(oversizedSite).toBe(413);
    // the server is still fine
    expect((await post("/api/query", { path: "items:count", args: {}, format: "json" })).status).toBe(200);
  });
});
