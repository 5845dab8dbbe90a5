// A worker thread that runs query and mutation code (see pool.ts). Plain JavaScript so that it
// loads in any runner (tsx, vitest, plain node) without a TypeScript loader.
//
// The function code is the same bundle the main thread loaded; its syscalls
// (`globalThis.Convex`) are forwarded to the main thread, which owns the storage, the
// transaction and every check. Synchronous syscalls block on a SharedArrayBuffer until the main
// thread answers; asynchronous ones are request/response messages.
import { AsyncLocalStorage } from "node:async_hooks";
import { pathToFileURL } from "node:url";
import { inspect } from "node:util";
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { convexToJson } from "convex/values";

const signal = new Int32Array(workerData.signal);
const syncPort = workerData.syncPort;
/** id of the invocation whose code is running (nested runQuery/runMutation get their own id) */
const current = new AsyncLocalStorage();
const pending = new Map();
let callSeq = 0;
let syncSeq = 0;

function invocationId(op) {
  const id = current.getStore();
  if (id === undefined) throw new Error(`Convex syscall ${op} outside of a function`);
  return id;
}

globalThis.Convex = {
  syscall(op, json) {
    const id = invocationId(op);
    const seq = ++syncSeq;
    Atomics.store(signal, 0, 0);
    parentPort.postMessage({ type: "sync", id, seq, op, json });
    // Loop: the main thread's notify for the previous call can land after this wait began
    // (it stores 1, we read it and move on, then its notify wakes this wait early).
    while (Atomics.load(signal, 0) === 0) Atomics.wait(signal, 0, 0);
    let reply = receiveMessageOnPort(syncPort)?.message;
    while (reply && reply.seq !== seq) reply = receiveMessageOnPort(syncPort)?.message;
    if (!reply) throw new Error(`No answer to syscall ${op}`);
    if (!reply.ok) throw Object.assign(new Error(reply.message), reply.data !== undefined ? { data: reply.data } : {});
    return reply.json;
  },
  asyncSyscall(op, json) {
    const id = invocationId(op);
    const callId = ++callSeq;
    return new Promise((resolve, reject) => {
      pending.set(callId, { resolve, reject });
      parentPort.postMessage({ type: "async", id, callId, op, json });
    });
  },
  jsSyscall(op) {
    throw new Error(`${op} is only available in actions`);
  },
};

// console.* inside a function becomes one of its log lines (same format as values.ts formatLogArgs)
const levels = { log: "LOG", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG" };
for (const [method, level] of Object.entries(levels)) {
  const original = console[method].bind(console);
  console[method] = (...args) => {
    const id = current.getStore();
    if (id === undefined) return original(...args);
    const line = `[${level}] ${args.map((a) => inspect(a, { depth: 5, breakLength: Infinity })).join(" ")}`;
    parentPort.postMessage({ type: "log", id, method, line });
  };
}
// only queries and mutations run here
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

parentPort.on("message", async (msg) => {
  if (msg.type === "reply") {
    const p = pending.get(msg.callId);
    if (!p) return;
    pending.delete(msg.callId);
    if (msg.ok) p.resolve(msg.json);
    else p.reject(Object.assign(new Error(msg.message), msg.data !== undefined ? { data: msg.data } : {}));
    return;
  }
  if (msg.type === "preload") {
    // import every bundle up front, so the first call of a function does not pay for it
    setComponentEnvs(msg.envs);
    for (const file of msg.files) await import(pathToFileURL(file).href).catch(() => {});
    parentPort.postMessage({ type: "preloaded", seq: msg.seq });
    return;
  }
  if (msg.type === "invoke") {
    try {
      setComponentEnvs(msg.envs);
      const mod = await import(pathToFileURL(msg.file).href);
      const fn = mod[msg.exportName];
      if (!fn) throw new Error(`${msg.exportName} not found in ${msg.file}`);
      parentPort.postMessage({ type: "started", id: msg.id });
      const result = await current.run(msg.id, () =>
        msg.udfType === "query" ? fn.invokeQuery(msg.argsJson) : fn.invokeMutation(msg.argsJson),
      );
      parentPort.postMessage({ type: "done", id: msg.id, result });
    } catch (e) {
      parentPort.postMessage({ type: "failed", id: msg.id, error: serializeError(e) });
    }
  }
});
parentPort.postMessage({ type: "ready" });
