// A worker thread that runs function code (see pool.ts). Plain JavaScript so that it loads in any
// runner (tsx, vitest, plain node) without a TypeScript loader.
//
// The function code is the same bundle the main thread loaded; its syscalls
// (`globalThis.Convex`) are forwarded to the main thread, which owns the storage, the
// transaction and every check. Two kinds of workers (workerData.kind):
// - "udf": queries and mutations, one top-level call at a time (nested runQuery/runMutation run
//   here too). `fetch` is refused, as Convex refuses it outside actions.
// - "action": actions and HTTP actions, several at a time (they mostly wait on I/O); `fetch`
//   and timers are the real ones; storage blobs cross to the main thread as Blobs.
//
// Transport (PERF, measured with `pnpm --filter @switchboard/bench profile`): a call the main
// thread answers synchronously (every database read and write) blocks this thread on a
// SharedArrayBuffer and gets its reply in shared memory, so a round trip costs one postMessage
// instead of two plus an event-loop turn on each side. `queryStream`/`queryCleanup`, which
// cannot fail in a way the caller sees before its next call, are not sent on their own: they
// travel with the next message (`pre`), so `.first()` is one round trip instead of three.
// A mutation's writes (`deferrableOps`: insert, patch, replace, delete, schedule, cancel) travel
// the same way: the worker answers them itself (choosing the new document's id), and the main
// thread applies them, in order, before the read or the end of the function that carries them,
// so reads still see the function's own writes. A write that fails there fails that read and
// the function (pool.ts runDeferred), with the write's own message.
import { AsyncLocalStorage } from "node:async_hooks";
import { getRandomValues } from "node:crypto";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { convexToJson } from "convex/values";
import { installSyncSubtle } from "./web-crypto.mjs";

// PERF: crypto.subtle's common cases without a trip through libuv's thread pool (web-crypto.mjs)
installSyncSubtle();

const KIND = workerData.kind;
const signal = new Int32Array(workerData.signal);
const replyBytes = Buffer.from(workerData.reply);
const syncPort = workerData.syncPort;
/** ops the main thread answers synchronously: asked for with a blocking call (pool.ts INLINE_OPS) */
const inlineOps = new Set(workerData.inlineOps);
/** id of the invocation whose code is running (nested runQuery/runMutation get their own id) */
const current = new AsyncLocalStorage();
/**
 * How often function code has read the clock (`Date.now()`, `new Date()`, `Date()`) in this
 * worker: a query whose run moved it observed time, and its cached result may serve only briefly
 * (query-cache.ts), as Convex's isolate records `observed_time` for its cache. Counted for the
 * whole span of a call, nested calls included (over-counting only shortens a cache entry).
 */
let clockReads = 0;
if (KIND !== "action") {
  const RealDate = Date;
  const realNow = RealDate.now;
  RealDate.now = function now() {
    clockReads++;
    return realNow();
  };
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      if (args.length === 0) clockReads++;
      return Reflect.construct(target, args, newTarget);
    },
    apply(target, self, args) {
      clockReads++;
      return Reflect.apply(target, self, args);
    },
  });
}
const pending = new Map();
/** invocations the main thread gave up on (action time limit): their syscalls fail here */
const cancelled = new Set();
let callSeq = 0;
let syncSeq = 0;
let streamSeq = 0;
/**
 * Query streams the main thread said end after the row it sent (syscalls.ts LastRow): their next
 * `queryStreamNext` is answered here, without a round trip. Stream ids are unique per worker.
 */
const endedStreams = new Set();
/**
 * Index queries a transaction already ran to their end, replayed here when it runs the same query
 * again (PERF: the ingest mutation's helpers look up the same organization rows several times;
 * each lookup was a round trip to the main thread). Convex reads a whole transaction at one
 * snapshot, so a repeated query returns the same rows unless the transaction wrote to that table
 * since: a write drops the table's entries (`forgetTable`). The first run's read range is already
 * in the read set, so a commit that changes its rows still fails the transaction's validation,
 * as it would have failed the re-read. Cleared when the top-level call ends or a call inside it
 * fails (its writes are rolled back).
 * cache: key (component + queryStream JSON) -> { table, rows: answer JSON texts, ended by `done` }
 */
const queryCache = new Map();
/** streams being recorded: queryId -> { key, table, rows } */
const recording = new Map();
/** streams replayed from the cache: queryId -> { rows, pos } */
const replaying = new Map();
/** component path of each running call (nested ones too): invocation id -> path */
const componentOf = new Map();
let callDepth = 0;

function cacheKeyOf(id, json) {
  // only plain index reads of user tables (search results are scored, system tables written behind the scenes)
  if (!json.includes('"type":"IndexRange"')) return undefined;
  const m = /"indexName":"([^".]+)\./.exec(json);
  if (!m || m[1].startsWith("_")) return undefined;
  const cp = componentOf.get(id);
  if (cp === undefined) return undefined;
  const table = m[1];
  return { key: `${cp}\u0000${json}`, table: cp ? `${cp}/${table}` : table };
}

function forgetTable(table) {
  if (queryCache.size === 0) return;
  for (const [k, v] of queryCache) if (table === undefined || v.table === table) queryCache.delete(k);
}

/** The table a write names (insert: its table; others: the document id's table number), or undefined: unknown. */
function writtenTable(id, op, json) {
  if (op === "1.0/insert") {
    const t = insertTable(json);
    const cp = componentOf.get(id) ?? "";
    return typeof t === "string" ? (cp ? `${cp}/${t}` : t) : undefined;
  }
  if (op === "1.0/schedule" || op === "1.0/cancel_job") return "_scheduled_functions";
  const m = /"id":"([0-9a-z]+)"/.exec(json);
  if (!m) return undefined;
  const n = tableNumberOfId(m[1]);
  for (const [key, num] of tableNumbers) if (num === n) return key;
  return undefined;
}

/** The table number an id encodes (the inverse of `newId` below). */
function tableNumberOfId(docId) {
  const len = ALPHABET.indexOf(docId[docId.length - 1]);
  if (len <= 0) return -1;
  let n = 0;
  for (const ch of docId.slice(docId.length - 1 - len, docId.length - 1)) n = n * 32 + ALPHABET.indexOf(ch);
  return n;
}

/** A queryStreamNext answer of a recorded stream: kept; the stream's end completes the entry. */
function recordAnswer(queryId, json) {
  const r = recording.get(queryId);
  if (!r) return;
  r.rows.push(json);
  if (json.endsWith('"done":true}')) finishRecording(queryId);
}
function finishRecording(queryId) {
  const r = recording.get(queryId);
  recording.delete(queryId);
  if (r && !r.stale) queryCache.set(r.key, { table: r.table, rows: r.rows });
}

/** deferred [id, op, json, extra] entries, sent in order with the next message */
let deferred = [];
/** writes answered here for mutations (syscalls.ts deferrableWriteOps) */
const deferrableOps = new Set(workerData.deferrableOps);
/** running mutations (nested ones too): invocation id -> component path (where their tables are) */
const mutations = new Map();
/** table key ("table" or "component/table") -> table number, for the ids chosen here (pool.ts post) */
let tableNumbers = new Map();

// Document ids, the shape values.ts `newId` gives them: 26 random crockford-base32 characters,
// the table number in base32 and its length. The main thread checks each one (documents.ts checkPresetId).
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const RANDOM_LEN = 26;
const idPool = new Uint8Array(RANDOM_LEN * 157);
let idPoolPos = idPool.length;
function b32(n) {
  let s = "";
  do {
    s = ALPHABET[n % 32] + s;
    n = Math.floor(n / 32);
  } while (n > 0);
  return s;
}
function newId(tableNumber) {
  if (idPoolPos + RANDOM_LEN > idPool.length) {
    getRandomValues(idPool);
    idPoolPos = 0;
  }
  let body = "";
  for (let i = 0; i < RANDOM_LEN; i++) body += ALPHABET[idPool[idPoolPos + i] & 31];
  idPoolPos += RANDOM_LEN;
  const tn = b32(tableNumber);
  return body + tn + ALPHABET[tn.length];
}

/** The table an insert names (`{"table":"x","value":...}` as the convex package sends it). */
function insertTable(json) {
  const prefix = '{"table":"';
  if (json.startsWith(prefix)) {
    const end = json.indexOf('"', prefix.length);
    const name = json.slice(prefix.length, end);
    if (end > 0 && /^[a-zA-Z][a-zA-Z0-9_]*$/.test(name)) return name;
  }
  return JSON.parse(json).table;
}

/**
 * Answer a mutation's write without asking the main thread, or undefined when it must ask
 * (a table this worker has no number for yet, a system table, which fails there at once).
 */
function deferWrite(id, op, json) {
  if (op === "1.0/insert" || op === "1.0/schedule") {
    const table = op === "1.0/insert" ? insertTable(json) : "_scheduled_functions";
    if (typeof table !== "string" || (op === "1.0/insert" && table.startsWith("_"))) return undefined;
    const cp = mutations.get(id);
    const n = tableNumbers.get(cp ? `${cp}/${table}` : table);
    if (n === undefined) return undefined;
    const docId = newId(n);
    deferred.push([id, op, json, docId]);
    return op === "1.0/insert" ? `{"_id":"${docId}"}` : JSON.stringify(docId);
  }
  deferred.push([id, op, json]);
  return op === "1.0/cancel_job" ? "null" : "{}";
}

/**
 * Reads waiting for the next blocking call, by their entry in `deferred` (entries whose 5th
 * element is 1 get an answer). Reads issued in the same synchronous turn (`Promise.all` of
 * `db.get`s, `.first()`s...) go to the main thread together: one round trip for all of them.
 */
const readers = new Map();
let flushQueued = false;

/** The writes `id` left unsent when it returned: they go with its "done". */
function takeWrites(id) {
  if (readers.size > 0) flushReads(); // reads it did not await: answered (to no one) first, in order
  if (deferred.length === 0) return undefined;
  const mine = deferred.filter((d) => d[0] === id && deferrableOps.has(d[1]));
  deferred = deferred.filter((d) => d[0] !== id);
  return mine.length > 0 ? mine : undefined;
}

/** A failed function's entries are dropped with its transaction (or its savepoint). */
function dropDeferred(id) {
  deferred = deferred.filter((d) => {
    if (d[0] !== id) return true;
    readers.delete(d);
    return false;
  });
}

function invocationId(op) {
  const id = current.getStore();
  if (id === undefined) throw new Error(`Convex syscall ${op} outside of a function`);
  if (cancelled.has(id)) throw new Error("Function execution timed out");
  return id;
}

/** The entries to send ahead of an async or js message (reads waiting are answered first). */
function takeDeferred() {
  if (readers.size > 0) flushReads();
  if (deferred.length === 0) return undefined;
  const d = deferred;
  deferred = [];
  return d;
}

/**
 * Send every deferred entry in one message and block until the main thread has answered the
 * ones that ask for an answer (signal[0]: 1 = answers in shared memory, 2 = on syncPort).
 * The answers are concatenated: per entry `<state><length>:<text>`, state 0 = error (text:
 * {message, data}), 1 = ok, 3 = ok and the query stream ends after this row (syscalls.ts LastRow),
 * 4 = not answered: ask again with an async message (a search whose index is still being built
 * waits for it there; pool.ts answerOne).
 */
function sendAndWait() {
  const seq = ++syncSeq;
  const entries = deferred;
  deferred = [];
  Atomics.store(signal, 0, 0);
  parentPort.postMessage({ type: "sync", seq, pre: entries });
  // Loop: the main thread's notify for the previous call can land after this wait began
  // (it stores 1, we read it and move on, then its notify wakes this wait early).
  while (Atomics.load(signal, 0) === 0) Atomics.wait(signal, 0, 0);
  let text;
  if (Atomics.load(signal, 0) === 1) text = replyBytes.toString("utf8", 0, signal[1]);
  else {
    let reply = receiveMessageOnPort(syncPort)?.message;
    while (reply && reply.seq !== seq) reply = receiveMessageOnPort(syncPort)?.message;
    if (!reply) throw new Error("No answer to a syscall");
    text = reply.text;
  }
  const answers = [];
  let i = 0;
  for (const e of entries) {
    if (e[4] !== 1) continue;
    const state = text.charCodeAt(i) - 48;
    const colon = text.indexOf(":", i + 1);
    const end = colon + 1 + Number(text.slice(i + 1, colon));
    const body = text.slice(colon + 1, end);
    i = end;
    if (state === 4) answers.push([e, undefined, ASK_ASYNC]);
    else if (state === 0) {
      const { message, data } = JSON.parse(body);
      answers.push([e, Object.assign(new Error(message), data !== undefined ? { data } : {})]);
    } else {
      if (state === 3) endedStreams.add(JSON.parse(e[2]).queryId);
      answers.push([e, undefined, body]);
    }
  }
  return answers;
}

/** Answer of an entry the main thread wants asked again as an async message (state 4). */
const ASK_ASYNC = Symbol("ask async");

/** Send an async syscall; resolves with its answer (the "reply" message). */
function asyncCall(id, op, json, pre) {
  const callId = ++callSeq;
  return new Promise((resolve, reject) => {
    pending.set(callId, { resolve, reject });
    parentPort.postMessage({ type: "async", id, callId, op, json, pre });
  });
}

/** Settle the reader of a queued read with its answer. */
function answerRead(e, error, json) {
  const r = readers.get(e);
  readers.delete(e);
  if (!r) return;
  // nothing is deferred while answers are handed out (sendAndWait took it all)
  if (json === ASK_ASYNC) asyncCall(e[0], e[1], e[2], undefined).then(r.resolve, r.reject);
  else if (error) r.reject(error);
  else r.resolve(json);
}

/** Answer the reads waiting (and send what is deferred with them). */
function flushReads() {
  flushQueued = false;
  if (readers.size === 0) return;
  for (const [e, error, json] of sendAndWait()) answerRead(e, error, json);
}

/** A synchronous call: sent at once with everything deferred before it. */
function blockingCall(id, op, json) {
  const entry = [id, op, json, undefined, 1];
  deferred.push(entry);
  flushQueued = false;
  let own;
  for (const [e, error, answer] of sendAndWait()) {
    if (e === entry) {
      own = [error, answer];
      continue;
    }
    answerRead(e, error, answer);
  }
  if (own[0]) throw own[0];
  return own[1];
}

/** A read answered with the others of this synchronous turn (one round trip for all of them). */
function queueRead(id, op, json) {
  return new Promise((resolve, reject) => {
    const entry = [id, op, json, undefined, 1];
    deferred.push(entry);
    readers.set(entry, { resolve, reject });
    if (!flushQueued) {
      flushQueued = true;
      queueMicrotask(flushReads);
    }
  });
}

/** A write of the running transaction: the cached reads of its table (all of them, when unknown) go. */
function forgetWrite(id, op, json) {
  const table = writtenTable(id, op, json);
  forgetTable(table);
  // a stream recorded across the write may hold rows from before and after it: not kept
  for (const r of recording.values()) if (table === undefined || r.table === table) r.stale = true;
}

globalThis.Convex = {
  syscall(op, json) {
    const id = invocationId(op);
    if (op === "1.0/queryStream") {
      // the stream id is chosen here; the main thread opens it when the next message arrives
      const queryId = ++streamSeq;
      const c = cacheKeyOf(id, json);
      const hit = c && queryCache.get(c.key);
      if (hit) {
        replaying.set(queryId, { rows: hit.rows, pos: 0 });
        return `{"queryId":${queryId}}`;
      }
      if (c) recording.set(queryId, { key: c.key, table: c.table, rows: [] });
      deferred.push([id, op, json, queryId]);
      return `{"queryId":${queryId}}`;
    }
    if (op === "1.0/queryCleanup") {
      const queryId = JSON.parse(json).queryId;
      if (replaying.delete(queryId)) return "{}";
      recording.delete(queryId); // not read to its end: nothing to keep
      if (endedStreams.size > 0) endedStreams.delete(queryId);
      deferred.push([id, op, json]);
      return "{}";
    }
    return blockingCall(id, op, json);
  },
  asyncSyscall(op, json) {
    const id = invocationId(op);
    if (deferrableOps.has(op)) {
      if (queryCache.size > 0 || recording.size > 0) forgetWrite(id, op, json);
      if (mutations.has(id)) {
        const reply = deferWrite(id, op, json);
        if (reply !== undefined) return Promise.resolve(reply);
      }
    }
    if (op === "1.0/queryStreamNext" && (endedStreams.size > 0 || replaying.size > 0 || recording.size > 0)) {
      const queryId = JSON.parse(json).queryId;
      const r = replaying.get(queryId);
      if (r) return Promise.resolve(r.rows[r.pos++] ?? '{"value":null,"done":true}');
      if (endedStreams.delete(queryId)) {
        const end = '{"value":null,"done":true}';
        recordAnswer(queryId, end);
        return Promise.resolve(end);
      }
      if (recording.has(queryId))
        return queueRead(id, op, json).then((answer) => {
          recordAnswer(queryId, answer);
          return answer;
        });
    }
    if (inlineOps.has(op)) return queueRead(id, op, json);
    return asyncCall(id, op, json, takeDeferred());
  },
  jsSyscall(op, args) {
    if (KIND !== "action") throw new Error(`${op} is only available in actions`);
    const id = invocationId(op);
    const callId = ++callSeq;
    // Blobs are structured-cloned (no copy of their bytes is made until read)
    return new Promise((resolve, reject) => {
      pending.set(callId, { resolve, reject });
      parentPort.postMessage({ type: "js", id, callId, op, args, pre: takeDeferred() });
    });
  },
};

// console.* inside a function becomes one of its log lines (same format as values.ts formatLogArgs)
const levels = { log: "LOG", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG" };
for (const [method, level] of Object.entries(levels)) {
  const original = console[method].bind(console);
  console[method] = (...args) => {
    const id = current.getStore();
    if (id === undefined || cancelled.has(id)) return original(...args);
    const line = `[${level}] ${args.map((a) => inspect(a, { depth: 5, breakLength: Infinity })).join(" ")}`;
    parentPort.postMessage({ type: "log", id, method, line });
  };
}
if (KIND !== "action")
  globalThis.fetch = () =>
    Promise.reject(new Error("Can't use fetch() in queries and mutations. Please consider using an action."));

function serializeError(e) {
  if (e && typeof e === "object" && Symbol.for("ConvexError") in e) {
    let data = e.data;
    if (typeof data !== "string") {
      try {
        data = JSON.stringify(convexToJson(data ?? null));
      } catch {
        data = "null";
      }
    }
    return { convex: true, message: e.message, data };
  }
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack, data: e.data };
  return { name: "Error", message: String(e) };
}

// Component bundles read `process.env` as `globalThis.__lbComponentEnv.<key>` (loader.ts):
// the process env plus the values the parent passed with `use(x, { env })`.
const envJson = new Map();
function setComponentEnvs(envs) {
  globalThis.__lbComponentEnv ??= {};
  for (const [key, overrides] of Object.entries(envs ?? {})) {
    const json = JSON.stringify(overrides);
    if (envJson.get(key) === json) continue;
    envJson.set(key, json);
    globalThis.__lbComponentEnv[key] = new Proxy(process.env, {
      get: (t, k) => (typeof k === "string" && Object.hasOwn(overrides, k) ? overrides[k] : Reflect.get(t, k)),
      has: (t, k) => (typeof k === "string" && Object.hasOwn(overrides, k)) || Reflect.has(t, k),
      ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...Object.keys(overrides)])],
      getOwnPropertyDescriptor: (t, k) =>
        typeof k === "string" && Object.hasOwn(overrides, k)
          ? { value: overrides[k], writable: true, enumerable: true, configurable: true }
          : Reflect.getOwnPropertyDescriptor(t, k),
    });
  }
}

/** This thread's CPU time (µs), sent with "done": the next call's time limit counts from it (pool.ts). */
const threadCpu = () => {
  const u = process.threadCpuUsage?.();
  return u ? u.user + u.system : undefined;
};

/** The module of `file`, imported once (a cached import still costs a microtask round). */
const moduleCache = new Map();
async function load(file) {
  let mod = moduleCache.get(file);
  if (!mod) {
    // "use node" bundles keep CommonJS `require("util")` calls: Convex's Node executor gives them
    // a global `require`, as the main thread does (loader.ts provideRequire). Actions only.
    if (KIND === "action" && globalThis.require === undefined) globalThis.require = createRequire(file);
    mod = await import(pathToFileURL(file).href);
    moduleCache.set(file, mod);
  }
  return mod;
}

function invokeFunction(msg, fn) {
  if (msg.udfType === "query") return fn.invokeQuery(msg.argsJson);
  if (msg.udfType === "mutation") return fn.invokeMutation(msg.argsJson);
  return fn.invokeAction(msg.requestId, msg.argsJson);
}

/** An HTTP action: the request is rebuilt here, the response goes back as a head and body chunks. */
async function runHttp(msg) {
  const cached = moduleCache.has(msg.file);
  const router = (await load(msg.file)).default;
  const url = new URL(msg.url);
  const found = router?.lookup?.(url.pathname, msg.method);
  if (!found) throw new Error(`No HttpAction routed for ${url.pathname}`);
  const [handler] = found;
  const request = new Request(msg.url, {
    method: msg.method,
    headers: msg.headers,
    body: msg.body ? new Uint8Array(msg.body) : undefined,
  });
  if (!cached) parentPort.postMessage({ type: "started", id: msg.id });
  const response = await current.run(msg.id, () => handler.invokeHttpAction(request));
  const headers = [];
  response.headers.forEach((v, k) => {
    if (k !== "set-cookie") headers.push([k, v]);
  });
  for (const c of response.headers.getSetCookie?.() ?? []) headers.push(["set-cookie", c]);
  const head = { type: "httpHead", id: msg.id, status: response.status, statusText: response.statusText, headers };
  if (!response.body) return parentPort.postMessage({ ...head, chunks: [], final: true });
  // PERF: a body that is already complete (the usual `new Response(text)`) goes with the head in
  // one message that also ends the call; a body still being produced streams chunk by chunk.
  const reader = response.body.getReader();
  const chunks = [];
  let next = reader.read();
  for (;;) {
    const r = await Promise.race([next, new Promise((resolve) => setImmediate(resolve, null))]);
    if (r === null) break; // not ready within this turn: stream the rest
    if (r.done) return parentPort.postMessage({ ...head, chunks, final: true });
    chunks.push(r.value instanceof Uint8Array ? r.value : new Uint8Array(r.value));
    next = reader.read();
  }
  parentPort.postMessage({ ...head, chunks, final: false });
  for (;;) {
    const { done, value } = await next;
    if (done) break;
    if (cancelled.has(msg.id)) {
      await reader.cancel();
      break;
    }
    parentPort.postMessage({
      type: "httpChunk",
      id: msg.id,
      chunk: value instanceof Uint8Array ? value : new Uint8Array(value),
    });
    next = reader.read();
  }
  return parentPort.postMessage({ type: "done", id: msg.id, result: null });
}

parentPort.on("message", async (msg) => {
  switch (msg.type) {
    case "reply": {
      const p = pending.get(msg.callId);
      if (!p) return;
      pending.delete(msg.callId);
      if (msg.ok) p.resolve(msg.json !== undefined ? msg.json : msg.value);
      else p.reject(Object.assign(new Error(msg.message), msg.data !== undefined ? { data: msg.data } : {}));
      return;
    }
    case "cancel":
      cancelled.add(msg.id);
      return;
    case "ping":
      parentPort.postMessage({ type: "pong", seq: msg.seq });
      return;
    case "preload": {
      // import every bundle up front, so the first call of a function does not pay for it
      setComponentEnvs(msg.envs);
      for (const file of msg.files) await load(file).catch(() => {});
      parentPort.postMessage({ type: "preloaded", seq: msg.seq, cpu: threadCpu() });
      return;
    }
    case "invoke": {
      if (msg.tables) tableNumbers = new Map(Object.entries(msg.tables));
      if (msg.udfType === "mutation") mutations.set(msg.id, msg.cp ?? "");
      componentOf.set(msg.id, msg.cp ?? "");
      callDepth++;
      try {
        setComponentEnvs(msg.envs);
        const cached = moduleCache.has(msg.file);
        const fn = (await load(msg.file))[msg.exportName];
        if (!fn) throw new Error(`${msg.exportName} not found in ${msg.file}`);
        // importing a bundle is not the function's time: its clock restarts now (the usual
        // case, a preloaded module, needs no message)
        if (!cached) parentPort.postMessage({ type: "started", id: msg.id, cpu: threadCpu() });
        const clockBefore = clockReads;
        const result = await current.run(msg.id, () => invokeFunction(msg, fn));
        const time = clockReads !== clockBefore || undefined;
        parentPort.postMessage({ type: "done", id: msg.id, result, time, cpu: threadCpu(), pre: takeWrites(msg.id) });
      } catch (e) {
        dropDeferred(msg.id);
        // its writes are rolled back (a nested call's savepoint): reads made since may have seen them
        queryCache.clear();
        for (const r of recording.values()) r.stale = true;
        parentPort.postMessage({ type: "failed", id: msg.id, error: serializeError(e), cpu: threadCpu() });
      }
      componentOf.delete(msg.id);
      if (--callDepth === 0) {
        queryCache.clear();
        recording.clear();
        replaying.clear();
      }
      mutations.delete(msg.id);
      cancelled.delete(msg.id);
      return;
    }
    case "http": {
      try {
        setComponentEnvs(msg.envs);
        await runHttp(msg);
      } catch (e) {
        parentPort.postMessage({ type: "failed", id: msg.id, error: serializeError(e) });
      }
      dropDeferred(msg.id);
      cancelled.delete(msg.id);
      return;
    }
  }
});
// heartbeat: an action worker whose count stops moving is spinning (pool.ts ActionPool.pick)
if (KIND === "action") setInterval(() => Atomics.add(signal, 3, 1), 200).unref();
parentPort.postMessage({ type: "ready" });
