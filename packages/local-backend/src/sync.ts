import type { JSONValue } from "convex/values";
import type { WebSocket } from "ws";
import { AuthError, type AuthVerifier, type Identity, normalizeImpersonated } from "./auth.js";
import { readsIntersect } from "./engine/conflicts.js";
import type { CommitEvent, Engine, Journal, Outcome, ReadRange } from "./engine.js";
import { secretEquals } from "./request.js";
import { canonicalizeUdfPath, convexToJson, decodeTs, encodeTs, jsonToConvex, type Value } from "./values.js";

interface Version {
  querySet: number;
  identity: number;
  ts: bigint;
}

interface Subscription {
  udfPath: string;
  args: Value;
  /** JSON of [udfPath, args, componentPath]: part of the shared-result key */
  key: string;
  /** a component's query (admin only: `npx convex data --component x`, `run --component`) */
  componentPath?: string;
  journal: Journal | null;
  lastResult: string | null;
  reads: ReadRange[];
  dirty: boolean;
}

interface CachedResponse {
  done: Promise<object>;
}

/** A message from a client (convex/browser's sync protocol), checked by `readClientMessage`. */
type ClientMessage =
  | { type: "Connect"; sessionId: string; maxObservedTimestamp?: string }
  | { type: "ModifyQuerySet"; baseVersion: number; newVersion: number; modifications: QuerySetModification[] }
  | { type: "Mutation" | "Action"; requestId: number; udfPath: string; args: JSONValue[] }
  | {
      type: "Authenticate";
      baseVersion: number;
      tokenType: string;
      value?: string;
      impersonating?: Parameters<typeof normalizeImpersonated>[0];
    }
  | { type: "Event" | "Other" };
type QuerySetModification =
  | {
      type: "Add";
      queryId: number;
      udfPath: string;
      args: JSONValue[];
      journal?: string | null;
      componentPath?: string;
    }
  | { type: "Remove"; queryId: number };

/** Check the fields this server reads from an untrusted client message; throws on a malformed one. */
function readClientMessage(raw: unknown): ClientMessage {
  const fail = (what: string): never => {
    throw new Error(`Invalid ${what} in client message`);
  };
  const obj = (v: unknown, what: string) =>
    v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : fail(what);
  const num = (v: unknown, what: string) => (typeof v === "number" && Number.isFinite(v) ? v : fail(what));
  const str = (v: unknown, what: string) => (typeof v === "string" ? v : fail(what));
  const optStr = (v: unknown, what: string) => (v === undefined || v === null ? undefined : str(v, what));
  const argsOf = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? (v as JSONValue[]) : fail("args"));
  const m = obj(raw, "message");
  switch (m.type) {
    case "Connect":
      return {
        type: "Connect",
        sessionId: str(m.sessionId, "sessionId"),
        maxObservedTimestamp: optStr(m.maxObservedTimestamp, "maxObservedTimestamp"),
      };
    case "ModifyQuerySet": {
      if (!Array.isArray(m.modifications)) fail("modifications");
      const modifications = (m.modifications as unknown[]).map((x): QuerySetModification => {
        const q = obj(x, "modification");
        if (q.type === "Remove") return { type: "Remove", queryId: num(q.queryId, "queryId") };
        if (q.type !== "Add") return fail("modification type");
        return {
          type: "Add",
          queryId: num(q.queryId, "queryId"),
          udfPath: str(q.udfPath, "udfPath"),
          args: argsOf(q.args),
          journal: optStr(q.journal, "journal") ?? null,
          componentPath: optStr(q.componentPath, "componentPath"),
        };
      });
      return {
        type: "ModifyQuerySet",
        baseVersion: num(m.baseVersion, "baseVersion"),
        newVersion: num(m.newVersion, "newVersion"),
        modifications,
      };
    }
    case "Mutation":
    case "Action":
      return {
        type: m.type,
        requestId: num(m.requestId, "requestId"),
        udfPath: str(m.udfPath, "udfPath"),
        args: argsOf(m.args),
      };
    case "Authenticate":
      return {
        type: "Authenticate",
        baseVersion: num(m.baseVersion, "baseVersion"),
        tokenType: str(m.tokenType, "tokenType"),
        value: optStr(m.value, "value"),
        impersonating: m.impersonating as Parameters<typeof normalizeImpersonated>[0],
      };
    case "Event":
      return { type: "Event" };
    default:
      return { type: "Other" };
  }
}
/** A Transition modification; QueryUpdated ones may carry their value as JSON text under RAW_VALUE. */
type StateModification = { type: string; queryId: number; [RAW_VALUE]?: string; [field: string]: unknown };

const PING_IDLE_MS = 15_000;
/** key of a QueryUpdated modification's pre-serialized value (JSON text) */
const RAW_VALUE = Symbol("rawValue");

function encodeJournal(j: Journal | null | undefined): string | null {
  return j ? JSON.stringify(j) : null;
}
function decodeJournal(s: unknown): Journal | null {
  if (typeof s !== "string" || !s) return null;
  try {
    const j: unknown = JSON.parse(s);
    return j && typeof j === "object" ? { endCursor: (j as Partial<Journal>).endCursor ?? null } : null;
  } catch {
    return null;
  }
}

/** One query execution, shared by every subscription with the same key in the same snapshot. */
interface SharedResult {
  out: Outcome;
  /** JSON text of the convex-encoded value (successful runs) */
  valueStr: string;
  /** dedupe hash of the result (value/error + log lines, without queryId/journal) */
  hash: string;
}

export class SyncServer {
  sessions = new Set<SyncSession>();
  responseCache = new Map<string, Map<number, CachedResponse>>();
  /**
   * PERF: results of subscription queries for the current snapshot, keyed by
   * (udfPath, args, caller identity/admin, journal). All subscription queries run under the
   * engine lock, so while `sharedTag` (engine data version + snapshot ts + table count) is
   * unchanged every session would compute exactly the same outcome: run it once per
   * transition instead of once per subscribed session.
   */
  private shared = new Map<string, SharedResult>();
  private sharedTag = "";

  /** Must be called with the engine lock held. */
  sharedResults(): Map<string, SharedResult> {
    const e = this.engine;
    const tag = `${e.dataVersion}:${e.db.lastTs}:${e.db.tablesByName.size}`;
    if (tag !== this.sharedTag) {
      this.shared.clear();
      this.sharedTag = tag;
    }
    return this.shared;
  }

  constructor(
    readonly engine: Engine,
    readonly auth: AuthVerifier,
    readonly adminKey: string,
  ) {
    engine.onCommit((e) => {
      // PERF: subscriptions sharing a result share its `reads` array: intersect it once per commit
      const memo = new WeakMap<ReadRange[], boolean>();
      for (const s of this.sessions) s.onCommit(e, memo);
    });
    engine.onReload(() => {
      for (const s of this.sessions) s.invalidateAll();
    });
  }

  /** `fromBrowser`: the upgrade carried an `Origin` header, so the admin key is refused on it. */
  handle(ws: WebSocket, ready: Promise<void> = Promise.resolve(), fromBrowser = false) {
    const s = new SyncSession(this, ws, ready, fromBrowser);
    this.sessions.add(s);
    ws.on("close", () => {
      this.sessions.delete(s);
      s.close();
    });
  }

  cacheFor(sessionId: string): Map<number, CachedResponse> {
    let m = this.responseCache.get(sessionId);
    if (!m) {
      m = new Map();
      this.responseCache.set(sessionId, m);
      if (this.responseCache.size > 2000) {
        const first = this.responseCache.keys().next().value;
        if (first !== undefined) this.responseCache.delete(first);
      }
    }
    return m;
  }

  closeAll() {
    for (const s of this.sessions) s.ws.terminate();
  }
}

class SyncSession {
  sessionId = "";
  cur: Version = { querySet: 0, identity: 0, ts: 0n };
  recvQS = 0;
  recvId = 0;
  pendingMods: QuerySetModification[] = [];
  queries = new Map<number, Subscription>();
  identity: Identity | null = null;
  authToken: string | null = null;
  identityExp: number | null = null;
  isAdmin = false;
  identityVersion = 0;
  identityChanged = false;
  /** JSON of what a query can observe of the caller (admin flag + identity); see sharedResults */
  private callerKey = "[false,null]";
  private msgChain: Promise<void> = Promise.resolve();
  private mutationChain: Promise<void> = Promise.resolve();
  private mutationsInFlight = 0;
  private needTransition = false;
  private forceTransition = false;
  private transitionRunning = false;
  private closed = false;
  private lastSend = Date.now();
  private pingTimer: NodeJS.Timeout;

  constructor(
    readonly server: SyncServer,
    readonly ws: WebSocket,
    ready: Promise<void>,
    readonly fromBrowser = false,
  ) {
    // messages that arrive while the backend is still loading are queued behind `ready`
    this.msgChain = ready.catch(() => {});
    ws.on("message", (data) => {
      let msg: ClientMessage;
      try {
        msg = readClientMessage(JSON.parse(data.toString()));
      } catch (e) {
        this.fatal(e instanceof SyntaxError ? "Invalid JSON message" : (e as Error).message);
        return;
      }
      this.msgChain = this.msgChain
        .then(() => this.onMessage(msg))
        .catch((e) => {
          console.error("[local-backend] sync error", e);
          this.fatal(String(e?.message ?? e));
        });
    });
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastSend >= PING_IDLE_MS) this.send({ type: "Ping" });
    }, 5000);
    this.pingTimer.unref?.();
  }

  get engine() {
    return this.server.engine;
  }

  send(msg: object) {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.lastSend = Date.now();
    this.ws.send(JSON.stringify(msg));
  }

  close() {
    this.closed = true;
    clearInterval(this.pingTimer);
  }

  private fatal(error: string) {
    this.send({ type: "FatalError", error });
    this.ws.close(1011, "FatalError");
    this.close();
  }

  private authError(error: string, baseVersion: number) {
    this.send({ type: "AuthError", error, baseVersion, authUpdateAttempted: true });
    this.ws.close(1000, "AuthError");
    this.close();
  }

  /** Returns false (and closes) when the session's token has expired. */
  private checkExpiry(): boolean {
    if (this.identityExp !== null && Date.now() / 1000 >= this.identityExp) {
      this.authError("Token expired", this.recvId - 1 < 0 ? 0 : this.recvId - 1);
      return false;
    }
    return true;
  }

  private async onMessage(msg: ClientMessage) {
    if (this.closed) return;
    switch (msg.type) {
      case "Connect": {
        this.sessionId = msg.sessionId;
        if (msg.maxObservedTimestamp) {
          try {
            const t = decodeTs(msg.maxObservedTimestamp);
            if (t > this.engine.db.lastTs) this.engine.db.lastTs = t;
          } catch {
            /* ignore */
          }
        }
        return;
      }
      case "ModifyQuerySet": {
        if (msg.baseVersion !== this.recvQS) {
          this.fatal(`BaseVersionMismatch: expected ${this.recvQS}, got ${msg.baseVersion}`);
          return;
        }
        this.recvQS = msg.newVersion;
        for (const m of msg.modifications) this.pendingMods.push(m);
        this.scheduleTransition();
        return;
      }
      case "Authenticate": {
        if (msg.baseVersion !== this.recvId) {
          this.fatal(`Identity version mismatch: expected ${this.recvId}, got ${msg.baseVersion}`);
          return;
        }
        if (msg.tokenType === "User") {
          try {
            const token = msg.value ?? "";
            const { identity, exp } = await this.server.auth.verify(token);
            this.identity = identity;
            this.identityExp = exp;
            this.authToken = token;
            this.isAdmin = false;
          } catch (e) {
            this.authError(e instanceof AuthError ? e.message : String((e as Error)?.message ?? e), msg.baseVersion);
            return;
          }
        } else if (msg.tokenType === "Admin") {
          if (this.fromBrowser || typeof msg.value !== "string" || !secretEquals(msg.value, this.server.adminKey)) {
            this.authError(
              this.fromBrowser ? "The admin key cannot be used from a browser origin" : "Invalid admin key",
              msg.baseVersion,
            );
            return;
          }
          this.isAdmin = true;
          this.identity = msg.impersonating ? normalizeImpersonated(msg.impersonating) : null;
          this.identityExp = null;
          this.authToken = null;
        } else {
          this.identity = null;
          this.identityExp = null;
          this.authToken = null;
          this.isAdmin = false;
        }
        this.recvId = msg.baseVersion + 1;
        this.callerKey = JSON.stringify([this.isAdmin, this.identity]);
        this.identityChanged = true;
        this.scheduleTransition();
        return;
      }
      case "Mutation":
        this.enqueueMutation(msg);
        return;
      case "Action":
        void this.runAction(msg);
        return;
      case "Event":
        return;
      default:
        return;
    }
  }

  private callOpts() {
    return {
      identity: this.identity,
      authToken: this.authToken,
      fromClient: !this.isAdmin,
    };
  }

  private enqueueMutation(msg: Extract<ClientMessage, { type: "Mutation" | "Action" }>) {
    this.mutationsInFlight++;
    this.mutationChain = this.mutationChain.then(async () => {
      try {
        if (!this.checkExpiry()) return;
        const cache = this.server.cacheFor(this.sessionId);
        let entry = cache.get(msg.requestId);
        if (!entry) {
          const args = jsonToConvex(msg.args?.[0] ?? {});
          const done = this.engine
            .runMutation(canonicalizeUdfPath(msg.udfPath), args, this.callOpts())
            .then((out: Outcome) =>
              out.success
                ? {
                    type: "MutationResponse",
                    requestId: msg.requestId,
                    success: true,
                    result: convexToJson(out.value ?? null),
                    ts: encodeTs(out.ts ?? this.engine.db.lastTs),
                    logLines: out.logLines,
                  }
                : {
                    type: "MutationResponse",
                    requestId: msg.requestId,
                    success: false,
                    result: out.errorMessage,
                    logLines: out.logLines,
                    ...(out.errorData !== undefined ? { errorData: out.errorData } : {}),
                  },
            );
          entry = { done };
          cache.set(msg.requestId, entry);
          if (cache.size > 500) {
            const first = cache.keys().next().value;
            if (first !== undefined) cache.delete(first);
          }
        }
        const resp = await entry.done;
        this.send(resp);
      } catch (e) {
        console.error("[local-backend] mutation failed", e);
      } finally {
        this.mutationsInFlight--;
        this.forceTransition = true;
        this.scheduleTransition();
      }
    });
  }

  private async runAction(msg: Extract<ClientMessage, { type: "Mutation" | "Action" }>) {
    if (!this.checkExpiry()) return;
    const args = jsonToConvex(msg.args?.[0] ?? {});
    const out = await this.engine.runAction(canonicalizeUdfPath(msg.udfPath), args, this.callOpts());
    this.send(
      out.success
        ? {
            type: "ActionResponse",
            requestId: msg.requestId,
            success: true,
            result: convexToJson(out.value ?? null),
            logLines: out.logLines,
          }
        : {
            type: "ActionResponse",
            requestId: msg.requestId,
            success: false,
            result: out.errorMessage,
            logLines: out.logLines,
            ...(out.errorData !== undefined ? { errorData: out.errorData } : {}),
          },
    );
  }

  onCommit(e: CommitEvent, memo: WeakMap<ReadRange[], boolean> = new WeakMap()) {
    let any = false;
    for (const q of this.queries.values()) {
      if (q.dirty) continue;
      let hit = memo.get(q.reads);
      if (hit === undefined) {
        hit = readsIntersect(q.reads, e);
        memo.set(q.reads, hit);
      }
      if (hit) {
        q.dirty = true;
        any = true;
      }
    }
    if (any) this.scheduleTransition();
  }

  invalidateAll() {
    for (const q of this.queries.values()) {
      q.dirty = true;
      q.lastResult = null;
    }
    this.scheduleTransition();
  }

  private scheduleTransition() {
    this.needTransition = true;
    if (this.transitionRunning || this.closed) return;
    this.transitionRunning = true;
    setImmediate(() => void this.transitionLoop());
  }

  private async transitionLoop() {
    try {
      while (this.needTransition && !this.closed) {
        if (this.mutationsInFlight > 0) break; // resumed after the mutation response
        this.needTransition = false;
        await this.computeTransition();
      }
    } catch (e) {
      console.error("[local-backend] transition failed", e);
    } finally {
      this.transitionRunning = false;
      if (this.needTransition && !this.closed && this.mutationsInFlight === 0) this.scheduleTransition();
    }
  }

  private async computeTransition() {
    if (!this.checkExpiry()) return;
    const engine = this.engine;
    const modifications: StateModification[] = [];
    let endVersion!: Version;
    const force = this.forceTransition;
    this.forceTransition = false;
    await engine.lock.run(async () => {
      const mods = this.pendingMods.splice(0);
      const qs = this.recvQS;
      const idv = this.recvId;
      for (const m of mods) {
        if (m.type === "Add") {
          const udfPath = canonicalizeUdfPath(m.udfPath);
          const argsJson = m.args?.[0] ?? {};
          const componentPath = typeof m.componentPath === "string" && m.componentPath ? m.componentPath : undefined;
          this.queries.set(m.queryId, {
            udfPath,
            componentPath,
            args: jsonToConvex(argsJson),
            key: JSON.stringify(componentPath ? [udfPath, argsJson, componentPath] : [udfPath, argsJson]),
            journal: decodeJournal(m.journal),
            lastResult: null,
            reads: [],
            dirty: true,
          });
        } else if (m.type === "Remove") {
          if (this.queries.delete(m.queryId)) modifications.push({ type: "QueryRemoved", queryId: m.queryId });
        }
      }
      if (this.identityChanged) {
        this.identityChanged = false;
        for (const q of this.queries.values()) {
          q.dirty = true;
          q.lastResult = null;
        }
      }
      for (const [queryId, q] of this.queries) {
        if (!q.dirty) continue;
        q.dirty = false;
        const shared = this.server.sharedResults();
        const key = `${q.key}\u0000${this.callerKey}\u0000${encodeJournal(q.journal)}`;
        let r = shared.get(key);
        if (!r) {
          const out =
            q.componentPath && !this.isAdmin
              ? {
                  success: false as const,
                  errorMessage: "Calling component functions requires the admin key",
                  logLines: [],
                }
              : await engine.runQuery(q.udfPath, q.args, {
                  ...this.callOpts(),
                  lockHeld: true,
                  journal: q.journal,
                  ...(q.componentPath ? { componentPath: q.componentPath } : {}),
                });
          const valueStr = out.success ? (out.valueText ?? JSON.stringify(convexToJson(out.value ?? null))) : "";
          // (JSON.stringify output never contains a raw newline: the concatenation is unambiguous)
          const hash = out.success
            ? `U${valueStr}\n${JSON.stringify(out.logLines)}`
            : JSON.stringify(["F", out.errorMessage, out.logLines, out.errorData]);
          r = { out, valueStr, hash };
          shared.set(key, r);
        }
        const out = r.out;
        // a query that failed before running (unknown function, bad args) has no reads: it is
        // re-run only after a reload or an identity change
        q.reads = out.reads ?? [];
        if (out.journal !== undefined && out.journal !== null) q.journal = out.journal;
        const journal = encodeJournal(q.journal);
        if (r.hash === q.lastResult) continue;
        q.lastResult = r.hash;
        let mod: StateModification;
        if (out.success) {
          // PERF: the value's JSON text is shared by every session (see sendTransition)
          mod = { type: "QueryUpdated", queryId, [RAW_VALUE]: r.valueStr, logLines: out.logLines, journal };
        } else {
          mod = {
            type: "QueryFailed",
            queryId,
            errorMessage: out.errorMessage,
            logLines: out.logLines,
            journal,
            ...(out.errorData !== undefined ? { errorData: out.errorData } : {}),
          };
        }
        modifications.push(mod);
      }
      const ts = engine.db.lastTs > this.cur.ts ? engine.db.lastTs : this.cur.ts;
      endVersion = { querySet: qs, identity: idv, ts };
    });
    const changedVersion =
      endVersion.querySet !== this.cur.querySet ||
      endVersion.identity !== this.cur.identity ||
      endVersion.ts !== this.cur.ts;
    if (modifications.length === 0 && !force && !changedVersion) return;
    if (
      modifications.length === 0 &&
      !force &&
      endVersion.querySet === this.cur.querySet &&
      endVersion.identity === this.cur.identity
    )
      return; // only ts moved and nothing of ours changed
    const msg = {
      type: "Transition",
      startVersion: { querySet: this.cur.querySet, identity: this.cur.identity, ts: encodeTs(this.cur.ts) },
      endVersion: { querySet: endVersion.querySet, identity: endVersion.identity, ts: encodeTs(endVersion.ts) },
      modifications,
    };
    this.cur = endVersion;
    this.sendTransition(msg);
  }

  /** `send(msg)` for a Transition whose QueryUpdated modifications carry pre-serialized values. */
  private sendTransition(msg: { modifications: StateModification[] } & Record<string, unknown>) {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    const mods = msg.modifications.map((m) =>
      m[RAW_VALUE] === undefined
        ? JSON.stringify(m)
        : `{"type":"QueryUpdated","queryId":${JSON.stringify(m.queryId)},"value":${m[RAW_VALUE]},"logLines":${JSON.stringify(m.logLines)},"journal":${JSON.stringify(m.journal)}}`,
    );
    const { modifications: _m, ...head } = msg;
    const h = JSON.stringify(head);
    this.lastSend = Date.now();
    this.ws.send(`${h.slice(0, -1)},"modifications":[${mods.join(",")}]}`);
  }
}
