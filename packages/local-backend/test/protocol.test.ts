import { convexToJson } from "convex/values";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { makeKeys, start, waitFor } from "./helpers.js";

let b: Awaited<ReturnType<typeof start>>;
let keys: Awaited<ReturnType<typeof makeKeys>>;

beforeAll(async () => {
  keys = await makeKeys();
  b = await start({ env: { TEST_JWKS: keys.jwks } });
});
afterAll(async () => {
  await b?.stop();
});

function decodeTs(s: string): bigint {
  return Buffer.from(s, "base64").readBigUInt64LE();
}

class RawClient {
  ws: WebSocket;
  msgs: any[] = [];
  errors: string[] = [];
  private last = { querySet: 0, identity: 0, ts: 0n };
  constructor(url: string) {
    this.ws = new WebSocket(`${url.replace("http", "ws")}/api/1.48.0/sync`);
    this.ws.on("message", (d) => {
      const m = JSON.parse(d.toString());
      this.msgs.push(m);
      if (m.type === "Transition") {
        const s = m.startVersion;
        if (s.querySet !== this.last.querySet || s.identity !== this.last.identity || decodeTs(s.ts) !== this.last.ts)
          this.errors.push(`startVersion ${JSON.stringify(s)} != previous endVersion`);
        const e = m.endVersion;
        if (decodeTs(e.ts) < this.last.ts) this.errors.push("ts went backwards");
        this.last = { querySet: e.querySet, identity: e.identity, ts: decodeTs(e.ts) };
      }
    });
  }
  open() {
    return new Promise((r) => this.ws.once("open", r));
  }
  send(m: any) {
    this.ws.send(JSON.stringify(m));
  }
  transitions() {
    return this.msgs.filter((m) => m.type === "Transition");
  }
}

describe("raw WebSocket protocol", () => {
  it("keeps version invariants, bumps identity after Authenticate, answers mutations before transitions, and pings when idle", async () => {
    const c = new RawClient(b.url);
    await c.open();
    c.send({
      type: "Connect",
      sessionId: "11111111-2222-4333-8444-555555555555",
      connectionCount: 0,
      lastCloseReason: null,
      clientTs: Date.now(),
    });
    c.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [{ type: "Add", queryId: 0, udfPath: "messages:list", args: [convexToJson({ channel: "raw" })] }],
    });
    await waitFor(
      () => c.transitions().length,
      (n) => n >= 1,
    );
    const t1 = c.transitions()[0];
    expect(t1.endVersion.querySet).toBe(1);
    expect(t1.modifications[0]).toMatchObject({ type: "QueryUpdated", queryId: 0, value: [] });
    expect(Array.isArray(t1.modifications[0].logLines)).toBe(true);
    expect(t1.modifications[0].logLines[0]).toMatch(/^\[LOG\] /);

    // Authenticate -> Transition with identity bump
    const token = await keys.sign({ sub: "raw-user" });
    c.send({ type: "Authenticate", tokenType: "User", value: token, baseVersion: 0 });
    await waitFor(
      () => c.transitions().at(-1).endVersion.identity,
      (i) => i === 1,
    );

    // Mutation -> MutationResponse, then a Transition with ts >= mutation ts
    c.send({
      type: "Mutation",
      requestId: 0,
      udfPath: "messages:send",
      args: [convexToJson({ author: "r", body: "raw", channel: "raw" })],
    });
    await waitFor(
      () => c.msgs.findIndex((m) => m.type === "MutationResponse"),
      (i) => i >= 0,
    );
    const respIdx = c.msgs.findIndex((m) => m.type === "MutationResponse");
    const resp = c.msgs[respIdx];
    expect(resp.success).toBe(true);
    const mts = decodeTs(resp.ts);
    await waitFor(
      () => c.msgs.slice(respIdx + 1).find((m) => m.type === "Transition" && decodeTs(m.endVersion.ts) >= mts),
      (x) => !!x,
    );
    const after = c.msgs.slice(respIdx + 1).find((m) => m.type === "Transition");
    expect(after.modifications.find((m: any) => m.queryId === 0)?.value).toEqual([{ author: "r", body: "raw" }]);

    // Replaying the same requestId (reconnect) returns the cached response without re-running
    c.send({
      type: "Mutation",
      requestId: 0,
      udfPath: "messages:send",
      args: [convexToJson({ author: "r", body: "raw", channel: "raw" })],
    });
    await waitFor(
      () => c.msgs.filter((m) => m.type === "MutationResponse").length,
      (n) => n === 2,
    );
    const resp2 = c.msgs.filter((m) => m.type === "MutationResponse")[1];
    expect(resp2.result).toEqual(resp.result);

    // Action response
    c.send({ type: "Action", requestId: 1, udfPath: "messages:viaAction", args: [convexToJson({ body: "act" })] });
    await waitFor(
      () => c.msgs.find((m) => m.type === "ActionResponse"),
      (x) => !!x,
    );
    expect(c.msgs.find((m) => m.type === "ActionResponse")).toMatchObject({ success: true });

    // Remove -> QueryRemoved
    c.send({ type: "ModifyQuerySet", baseVersion: 1, newVersion: 2, modifications: [{ type: "Remove", queryId: 0 }] });
    await waitFor(
      () => c.transitions().at(-1).endVersion.querySet,
      (q) => q === 2,
    );
    expect(c.transitions().at(-1).modifications).toEqual([{ type: "QueryRemoved", queryId: 0 }]);

    // idle -> Ping within 30 s
    const n = c.msgs.length;
    await waitFor(
      () => c.msgs.slice(n).find((m) => m.type === "Ping"),
      (x) => !!x,
      30_000,
      200,
    );
    expect(c.errors).toEqual([]);
    c.ws.close();
  }, 60_000);

  it("tolerates a client whose maxObservedTimestamp is ahead (wiped data dir) and keeps ts monotonic", async () => {
    const c = new RawClient(b.url);
    await c.open();
    const ahead = BigInt(Date.now() + 3_600_000) * 1_000_000n;
    const enc = Buffer.alloc(8);
    enc.writeBigUInt64LE(ahead);
    c.send({
      type: "Connect",
      sessionId: "41111111-2222-4333-8444-555555555555",
      connectionCount: 3,
      lastCloseReason: "test",
      maxObservedTimestamp: enc.toString("base64"),
      clientTs: Date.now(),
    });
    c.send({
      type: "ModifyQuerySet",
      baseVersion: 0,
      newVersion: 1,
      modifications: [
        { type: "Add", queryId: 0, udfPath: "messages:list", args: [convexToJson({ channel: "ahead" })] },
      ],
    });
    await waitFor(
      () => c.transitions().length,
      (n) => n >= 1,
    );
    expect(decodeTs(c.transitions()[0].endVersion.ts) >= ahead).toBe(true);
    c.send({
      type: "Mutation",
      requestId: 0,
      udfPath: "messages:send",
      args: [convexToJson({ author: "a", body: "b", channel: "ahead" })],
    });
    await waitFor(
      () => c.msgs.find((m) => m.type === "MutationResponse"),
      (x) => !!x,
    );
    expect(decodeTs(c.msgs.find((m) => m.type === "MutationResponse").ts) > ahead).toBe(true);
    expect(c.errors).toEqual([]);
    c.ws.close();
  });

  it("sends AuthError and closes on a bad token", async () => {
    const c = new RawClient(b.url);
    await c.open();
    c.send({
      type: "Connect",
      sessionId: "21111111-2222-4333-8444-555555555555",
      connectionCount: 0,
      lastCloseReason: null,
      clientTs: Date.now(),
    });
    const closed = new Promise((r) => c.ws.once("close", r));
    c.send({ type: "Authenticate", tokenType: "User", value: "not-a-jwt", baseVersion: 0 });
    await closed;
    const err = c.msgs.find((m) => m.type === "AuthError");
    expect(err).toMatchObject({ baseVersion: 0, authUpdateAttempted: true });
  });

  it("fails the socket on a baseVersion mismatch", async () => {
    const c = new RawClient(b.url);
    await c.open();
    c.send({
      type: "Connect",
      sessionId: "31111111-2222-4333-8444-555555555555",
      connectionCount: 0,
      lastCloseReason: null,
      clientTs: Date.now(),
    });
    const closed = new Promise((r) => c.ws.once("close", r));
    c.send({ type: "ModifyQuerySet", baseVersion: 5, newVersion: 6, modifications: [] });
    await closed;
    expect(c.msgs.find((m) => m.type === "FatalError")).toBeTruthy();
  });
});
