import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeKeys, start } from "./helpers.js";

let b: Awaited<ReturnType<typeof start>>;
let keys: Awaited<ReturnType<typeof makeKeys>>;

beforeAll(async () => {
  keys = await makeKeys();
  b = await start({ env: { TEST_JWKS: keys.jwks }, allowedOrigins: ["http://localhost:3000"] });
});
afterAll(async () => {
  await b?.stop();
});

describe("HTTP actions (site port)", () => {
  it("returns status, headers and body; sees the full site URL", async () => {
    const r = await fetch(`${b.siteUrl}/hello?name=bob`);
    expect(r.status).toBe(201);
    expect(r.headers.get("x-custom")).toBe("yes");
    // a body the worker sent whole goes out with its length, in one write (not chunked)
    expect(r.headers.get("transfer-encoding")).toBeNull();
    expect(r.headers.get("content-length")).toBe(String(Buffer.byteLength(`hello bob via ${b.siteUrl}`)));
    expect(await r.text()).toBe(`hello bob via ${b.siteUrl}`);
  });
  it("streams a body that is still being produced (chunked)", async () => {
    const r = await fetch(`${b.siteUrl}/stream`);
    expect(r.headers.get("transfer-encoding")).toBe("chunked");
    expect(r.headers.get("content-length")).toBeNull();
    expect(await r.text()).toBe("first,second");
  });
  it("handles binary bodies", async () => {
    const r = await fetch(`${b.siteUrl}/echo`, { method: "POST", body: new Uint8Array([0, 1, 254, 255]) });
    expect(r.status).toBe(200);
    expect(new Uint8Array(await r.arrayBuffer())).toEqual(new Uint8Array([255, 254, 1, 0]));
  });
  it("routes prefixes, answers 404 for unknown paths and HEAD like GET", async () => {
    const r = await fetch(`${b.siteUrl}/files/a/b.txt`);
    expect(await r.text()).toBe("file:a/b.txt");
    const nf = await fetch(`${b.siteUrl}/nope`);
    expect(nf.status).toBe(404);
    expect(await nf.text()).toBe("No HttpAction routed for /nope");
    const head = await fetch(`${b.siteUrl}/hello`, { method: "HEAD" });
    expect(head.status).toBe(201);
    expect(head.headers.get("x-custom")).toBe("yes");
  });
  it("passes Authorization: Bearer to ctx.auth", async () => {
    const token = await keys.sign({ sub: "site-user" });
    const r = await fetch(`${b.siteUrl}/whoami`, { headers: { Authorization: `Bearer ${token}` } });
    expect(await r.json()).toEqual({ subject: "site-user", authorization: `Bearer ${token}` });
    const anon = await fetch(`${b.siteUrl}/whoami`);
    expect(await anon.json()).toEqual({ subject: null, authorization: null });
    // a Bearer value that is not a valid JWT (e.g. an API key) reaches the handler with no identity
    const apiKey = await fetch(`${b.siteUrl}/whoami`, { headers: { Authorization: "Bearer sk_test_123" } });
    expect(apiKey.status).toBe(200);
    expect(await apiKey.json()).toEqual({ subject: null, authorization: "Bearer sk_test_123" });
  });
});

describe("HTTP function API (cloud port)", () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${b.url}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("supports /api/run with clean JSON, both formats, 560 on error, legacy array args", async () => {
    const m = await post("/api/run/messages/send", { args: { author: "run", body: "x", channel: "run" } });
    expect(m.status).toBe(200);
    const mj = await m.json();
    expect(mj.status).toBe("success");
    expect(typeof mj.value).toBe("string");
    const typed = await post("/api/mutation", {
      path: "messages:storeTyped",
      args: [{ i: { $integer: "AQAAAAAAAAA=" }, b: { $bytes: "AQID" }, r: {}, l: "a" }],
      format: "json",
    });
    const tj = await typed.json();
    expect(tj.value.i).toBe("1");
    expect(tj.value.b).toBe("AQID");
    const enc = await post("/api/query", {
      path: "messages:get",
      args: { id: tj.value._id.replace(/./, "0") },
      format: "convex_encoded_json",
    });
    expect([200, 560]).toContain(enc.status);
    const err = await post("/api/query", { path: "messages:failPlain", args: {}, format: "convex_encoded_json" });
    expect(err.status).toBe(560);
    const ej = await err.json();
    expect(ej).toMatchObject({ status: "error" });
    expect(ej.errorMessage).toContain("plain failure");
    expect(ej.errorData).toBeUndefined();
    const ce = await post("/api/mutation", { path: "messages:failConvex", args: {}, format: "convex_encoded_json" });
    expect((await ce.json()).errorData).toEqual({ code: "NOPE", n: 42 });
  });

  it("answers query_ts, query_at_ts, query_batch, and refuses internal functions without the admin key", async () => {
    const ts = await (await post("/api/query_ts", {})).json();
    expect(typeof ts.ts).toBe("string");
    const at = await post("/api/query_at_ts", {
      path: "messages:list",
      args: { channel: "run" },
      ts: ts.ts,
      format: "convex_encoded_json",
    });
    expect((await at.json()).status).toBe("success");
    const batch = await (
      await post("/api/query_batch", {
        queries: [
          { path: "messages:list", args: { channel: "run" }, format: "convex_encoded_json" },
          { path: "messages:failPlain", args: {}, format: "convex_encoded_json" },
        ],
      })
    ).json();
    expect(batch.results.map((r: any) => r.status)).toEqual(["success", "error"]);
    const internal = await post("/api/function", { path: "messages:secret", args: {}, format: "json" });
    expect(internal.status).toBe(560);
    const admin = await post(
      "/api/function",
      { path: "messages:secret", args: {}, format: "json" },
      { Authorization: `Convex ${b.adminKey}` },
    );
    expect(await admin.json()).toMatchObject({ status: "success", value: "secret" });
    const badAdmin = await post(
      "/api/function",
      { path: "messages:secret", args: {} },
      { Authorization: "Convex wrong" },
    );
    expect(badAdmin.status).toBe(401);
  });

  it("answers CORS preflight for the configured dashboard origin", async () => {
    const r = await fetch(`${b.url}/api/query`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST" },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    expect(r.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  });
});
