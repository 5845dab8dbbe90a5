/**
 * The syscalls function code makes through `globalThis.Convex` (see globals.ts), one handler per
 * operation. Handlers run inside the calling function's ExecContext; `e` is the engine.
 */

import type { JSONValue } from "convex/values";
import type { CallOptions, Engine, FunctionAddress } from "../engine.js";
import { convexToJson, type Doc, docJsonString, jsonToConvex, RawJson, type Value } from "../values.js";
import {
  checkFields,
  existing,
  insert,
  needTxn,
  readDoc,
  resolveId,
  storageDoc,
  trackRead,
  trackWrite,
  validateDoc,
  writableTxn,
} from "./documents.js";
import { type QueryPageArgs, queryPage, runQueryPlan } from "./query.js";
import { buildingIndexOf, type SearchIndex } from "./search.js";
import type { SerializedQuery } from "./serialized.js";
import { type ExecContext, type Metrics, TXN_LIMITS, tableKey } from "./transaction.js";

/**
 * A syscall's arguments: the JSON function code sent, with the fields the `convex` package's
 * wrappers send (its server/impl/*.ts). Nothing checks these types on the way in (function code
 * can call `Convex.syscall` with anything): they describe the honest sender, and what stands
 * between a forged one and the store are the handlers' own checks (resolveId, tableKey, ...).
 */
export interface SyscallArgs extends FunctionAddress, Omit<QueryPageArgs, "query"> {
  /** queryStream, queryPage */
  query: SerializedQuery;
  queryId: number;
  table: string;
  /** normalizeId */
  idString: string;
  isSystem?: boolean;
  /** a document id (get, replace, remove, cancel_job), in convex JSON */
  id: JSONValue;
  /** a document (insert, replace) or a patch (shallowMerge), in convex JSON */
  value: JSONValue;
  /** a called or scheduled function's arguments, in convex JSON */
  args: JSONValue;
  /** runUdf */
  udfType: "query" | "mutation" | "snapshotQuery";
  /** schedule: when, in seconds since the epoch */
  ts: number;
  storageId: string;
  /** storageStore: the bytes, in base64 */
  blob: string;
  sha256?: string;
  contentType?: string;
}
/** `Convex.jsSyscall`'s arguments: JS objects (Blobs), not JSON. */
export interface JsSyscallArgs {
  /** storeBlob */
  blob: Blob;
  options?: { sha256?: string };
  /** getBlob */
  storageId: string;
}
/**
 * `presetId`: the id a worker chose for the document an insert or schedule creates (a mutation's
 * writes are answered in the worker without a round trip; pool.ts, function-worker.mjs).
 */
type Handler = (e: Engine, ctx: ExecContext, args: SyscallArgs, op: string, presetId?: string) => unknown;

/** The same handler under several operation names. */
function same(ops: string[], h: Handler): Record<string, Handler> {
  return Object.fromEntries(ops.map((op) => [op, h]));
}

let streamCounter = 0;

/** A stream's row after which it has none (function-worker.mjs answers its next call itself). */
export class LastRow extends RawJson {}

/** Streams of a search whose index was still being built when they opened (by stream state). */
const unbuiltSearches = new WeakMap<object, SearchIndex>();

/** Open query stream `id` (function-worker.mjs picks the id; errors surface at its first read, as they would). */
export function openStream(e: Engine, ctx: ExecContext, args: SyscallArgs, id: number) {
  try {
    if (!ctx.txn) throw new Error("Database access is not available in actions. Use ctx.runQuery.");
    const s = { it: runQueryPlan(e, ctx, args.query) };
    ctx.streams.set(id, s);
    const index = buildingIndexOf(e, ctx, args.query);
    if (index) unbuiltSearches.set(s, index);
  } catch (err) {
    ctx.streams.set(id, {
      it: {
        next() {
          throw err;
        },
      },
    });
  }
}

/**
 * The search index a worker's read of a stream (`queryStreamNext` arguments, JSON) must wait for:
 * the stream's search has not run and its index is still being built (pool.ts then answers the
 * read once `SearchIndexes.whenBuilt`; an abandoned index is returned too: the wait rejects).
 */
export function searchToWaitFor(ctx: ExecContext, argsJson: string): SearchIndex | undefined {
  const s = ctx.streams.get(JSON.parse(argsJson)?.queryId);
  const index = s && unbuiltSearches.get(s);
  if (!index) return undefined;
  if (index.building || index.abandoned) return index;
  unbuiltSearches.delete(s);
  return undefined;
}

/** `Convex.syscall`: synchronous operations. */
export const syncSyscalls: Record<string, Handler> = {
  "1.0/queryStream": (e, ctx, args) => {
    const id = ++streamCounter;
    if (!ctx.txn) throw new Error("Database access is not available in actions. Use ctx.runQuery.");
    ctx.streams.set(id, { it: runQueryPlan(e, ctx, args.query) });
    return { queryId: id };
  },
  "1.0/queryCleanup": (_e, ctx, args) => {
    ctx.streams.delete(args.queryId);
    return {};
  },
  "1.0/db/normalizeId": (e, ctx, args) => {
    return { id: e.isTableIdIn(ctx.componentPath)(args.table, args.idString) ? args.idString : null };
  },
  "1.0/getSnapshotTs": (e) => {
    return convexToJson(e.db.lastTs);
  },
};

/** `Convex.asyncSyscall`: database, scheduling, storage and nested calls. */
export const asyncSyscalls: Record<string, Handler> = {
  "1.0/queryStreamNext": (_e, ctx, args) => {
    const s = ctx.streams.get(args.queryId);
    if (!s) throw new Error("Query stream not found (closed?)");
    const r = s.ahead ?? s.it.next();
    s.ahead = undefined;
    if (r.done) return { value: null, done: true };
    const json = `{"value":${docJsonString(r.value as Doc)},"done":false}`;
    // PERF: read one row ahead. When the stream ends there (`.first()`, `.unique()` and
    // `.take(n)` carry their limit, so the plan stops without scanning), a worker learns it with
    // this answer and does not ask again: one round trip per lookup instead of two. Otherwise the
    // row waits here for the next call (the caller asks for it anyway: it consumes streams to
    // their end or to their limit).
    let next: IteratorResult<Doc>;
    try {
      next = s.it.next();
    } catch (err) {
      // the caller meets the error at its next call, as it would have without the read-ahead
      s.it = {
        next() {
          throw err;
        },
      };
      return new RawJson(json);
    }
    if (next.done) return new LastRow(json);
    s.ahead = next;
    return new RawJson(json);
  },
  "1.0/queryPage": (e, ctx, args, op) => {
    needTxn(ctx, op);
    return queryPage(e, ctx, args);
  },
  "1.0/count": (e, ctx, args, op) => {
    const txn = needTxn(ctx, op);
    const key = tableKey(ctx.componentPath, args.table);
    txn.reads.push({ table: key, kind: "table" });
    const t = e.db.getTable(key);
    let n = t ? t.docs.size : 0;
    const tw = txn.writesByTable.get(key);
    if (tw)
      for (const [id, d] of tw) {
        const was = t?.docs.has(id) ?? false;
        if (was && !d) n--;
        if (!was && d) n++;
      }
    return n;
  },
  "1.0/get": (e, ctx, args, op) => {
    const txn = needTxn(ctx, op);
    const r = resolveId(e, ctx.componentPath, args.table, jsonToConvex(args.id), !!args.isSystem);
    if (!r) return null;
    txn.reads.push({ table: r.table.name, kind: "doc", id: r.id });
    const doc = readDoc(e, txn, r.table, r.id);
    if (doc) trackRead(e, txn, doc);
    return doc ? new RawJson(docJsonString(doc)) : null;
  },
  "1.0/insert": (e, ctx, args, _op, presetId) => {
    const id = insert(e, ctx, args.table, jsonToConvex(args.value), presetId);
    return { _id: id };
  },
  "1.0/shallowMerge": (e, ctx, args) => {
    const txn = writableTxn(e, ctx);
    const { t, doc } = existing(e, ctx, args.table, jsonToConvex(args.id), "Update");
    if (t.name.startsWith("_")) throw new Error("System tables are read-only.");
    const patch = args.value as Record<string, JSONValue>;
    const next: Doc = { ...doc };
    for (const [k, vj] of Object.entries(patch)) {
      if (k === "_id" || k === "_creationTime") {
        const v = jsonToConvex(vj);
        if (v !== doc[k]) throw new Error(`Provided ${k} field does not match the document.`);
        continue;
      }
      if (vj && typeof vj === "object" && !Array.isArray(vj) && "$undefined" in vj) delete next[k];
      else next[k] = jsonToConvex(vj);
    }
    checkFields(e, next);
    validateDoc(e, t.name, next);
    txn.setWrite(t.name, doc._id, next);
    trackWrite(e, txn, next);
    return {};
  },
  "1.0/replace": (e, ctx, args) => {
    const txn = writableTxn(e, ctx);
    const { t, doc } = existing(e, ctx, args.table, jsonToConvex(args.id), "Replace");
    if (t.name.startsWith("_")) throw new Error("System tables are read-only.");
    const value = jsonToConvex(args.value) as Record<string, Value>;
    if (value._id !== undefined && value._id !== doc._id)
      throw new Error("Provided _id field does not match the document.");
    if (value._creationTime !== undefined && value._creationTime !== doc._creationTime)
      throw new Error("Provided _creationTime field does not match the document.");
    const next: Doc = { ...value, _id: doc._id, _creationTime: doc._creationTime };
    checkFields(e, next);
    validateDoc(e, t.name, next);
    txn.setWrite(t.name, doc._id, next);
    trackWrite(e, txn, next);
    return {};
  },
  "1.0/remove": (e, ctx, args) => {
    const txn = writableTxn(e, ctx);
    const { t, doc } = existing(e, ctx, args.table, jsonToConvex(args.id), "Delete");
    if (t.name.startsWith("_")) throw new Error("System tables are read-only.");
    txn.setWrite(t.name, doc._id, null);
    trackWrite(e, txn, null);
    return {};
  },
  "1.0/getUserIdentity": (_e, ctx) => {
    return ctx.identity ?? null;
  },
  "1.0/getTransactionMetrics": (_e, ctx) => {
    if (!ctx.txn) throw new Error("getTransactionMetrics() can only be called from a query or mutation.");
    const m = ctx.txn.metrics;
    const out: Record<string, { used: number; remaining: number }> = {};
    for (const k of Object.keys(TXN_LIMITS) as (keyof Metrics)[])
      out[k] = { used: m[k], remaining: TXN_LIMITS[k] - m[k] };
    return out;
  },
  "1.0/getFunctionMetadata": (_e, ctx) => {
    return { name: ctx.udfPath, componentPath: ctx.componentPath };
  },
  "1.0/getDeploymentMetadata": (e) => {
    return { name: e.opts.instanceName ?? "local", region: null, class: "s16" };
  },
  "1.0/getRequestMetadata": (_e, ctx) => {
    if (ctx.udfType === "query")
      throw new Error("getRequestMetadata() can only be called from a mutation, action or HTTP action.");
    return {
      ip: null,
      userAgent: null,
      requestId: ctx.requestId,
      scheduledFunctionId: ctx.scheduledFunctionId,
      authToken: ctx.authToken,
    };
  },
  "1.0/auditLog": () => {
    return {};
  },
  "1.0/createFunctionHandle": (e, ctx, args) => {
    const r = e.resolveFunction(args, ctx.componentPath);
    e.getFunction(r.path, r.crossing, r.cp);
    return r.cp ? `function://${r.cp};${r.path}` : `function://${r.path}`;
  },
  "1.0/runUdf": (e, ctx, args) => {
    return e.nestedUdf(ctx, args);
  },
  // 1.0/actions/query, 1.0/actions/mutation, 1.0/actions/action
  ...same(["1.0/actions/query", "1.0/actions/mutation", "1.0/actions/action"], async (e, ctx, args, op) => {
    if (ctx.txn) throw new Error(`${op} can only be used from actions`);
    const { cp, path, crossing } = e.resolveFunction(args, ctx.componentPath);
    const a = jsonToConvex(args.args);
    const copts: CallOptions = {
      identity: ctx.identity,
      authToken: ctx.authToken,
      scheduledFunctionId: ctx.scheduledFunctionId,
      componentPath: cp,
      fromClient: crossing,
      argsJson: args.args,
      // Convex serves an action's runQuery from its query cache too (engine/query-cache.ts)
      cache: op === "1.0/actions/query",
    };
    const out =
      op === "1.0/actions/query"
        ? await e.runQuery(path, a, copts)
        : op === "1.0/actions/mutation"
          ? await e.runMutation(path, a, copts)
          : await e.runAction(path, a, copts);
    for (const l of out.logLines) if (!ctx.logLines.includes(l)) ctx.logLines.push(l);
    return e.unwrap(out);
  }),
  "1.0/schedule": (e, ctx, args, _op, presetId) => {
    const txn = writableTxn(e, ctx);
    const { cp, path } = e.resolveFunction(args, ctx.componentPath);
    const f = e.functionsIn(cp)?.get(path);
    if (!f || (f.type !== "mutation" && f.type !== "action"))
      throw new Error(`Attempted to schedule function at nonexistent path: ${path}`);
    const doc = e.scheduleInTxn(txn, ctx.componentPath, path, args.args, args.ts * 1000, cp, presetId);
    return doc._id;
  },
  "1.0/cancel_job": (e, ctx, args) => {
    const txn = writableTxn(e, ctx);
    e.cancelInTxn(txn, ctx.componentPath, jsonToConvex(args.id) as string);
    return null;
  },
  "1.0/actions/schedule": async (e, ctx, args) => {
    const { cp, path } = e.resolveFunction(args, ctx.componentPath);
    const f = e.functionsIn(cp)?.get(path);
    if (!f || (f.type !== "mutation" && f.type !== "action"))
      throw new Error(`Attempted to schedule function at nonexistent path: ${path}`);
    let id = "";
    await e.runSystemTxn((txn) => {
      id = e.scheduleInTxn(txn, ctx.componentPath, path, args.args, args.ts * 1000, cp)._id;
    });
    return id;
  },
  "1.0/actions/cancel_job": async (e, ctx, args) => {
    await e.runSystemTxn((txn) => e.cancelInTxn(txn, ctx.componentPath, jsonToConvex(args.id) as string));
    return null;
  },
  "1.0/storageGenerateUploadUrl": (e) => {
    return e.files.uploadUrl();
  },
  "1.0/storageGetUrl": async (e, ctx, args) => {
    const doc = await storageDoc(e, ctx, args.storageId);
    return doc ? e.files.fileUrl(doc._id) : null;
  },
  "1.0/storageGetMetadata": async (e, ctx, args) => {
    const doc = await storageDoc(e, ctx, args.storageId);
    return doc
      ? { storageId: doc._id, sha256: doc.sha256, size: doc.size, contentType: doc.contentType ?? null }
      : null;
  },
  "1.0/storageDelete": async (e, ctx, args) => {
    const doc = await storageDoc(e, ctx, args.storageId);
    if (!doc) throw new Error(`Storage object ${args.storageId} not found`);
    if (ctx.txn) {
      writableTxn(e, ctx).setWrite(tableKey(ctx.componentPath, "_storage"), doc._id, null);
    } else {
      await e.runSystemTxn((txn) => txn.setWrite(tableKey(ctx.componentPath, "_storage"), doc._id, null));
    }
    return null;
  },
  "1.0/storageStore": (e, ctx, args) => {
    const txn = writableTxn(e, ctx);
    const bytes = Buffer.from(args.blob, "base64");
    const meta = e.files.write(bytes);
    if (args.sha256 && args.sha256 !== meta.sha256) throw new Error("sha256 mismatch for stored blob");
    const doc = e.insertSystem(txn, tableKey(ctx.componentPath, "_storage"), {
      sha256: meta.sha256,
      size: meta.size,
      ...(args.contentType ? { contentType: args.contentType } : {}),
    });
    e.files.link(meta.tmp, doc._id);
    return doc._id;
  },
  "1.0/storageGet": async (e, ctx, args) => {
    const doc = await storageDoc(e, ctx, args.storageId);
    if (!doc) return null;
    const bytes = e.files.read(doc._id);
    return bytes ? { blob: bytes.toString("base64"), contentType: doc.contentType ?? null } : null;
  },
  "1.0/actions/vectorSearch": () => {
    throw new Error("Vector search is not supported by the local backend yet");
  },
};

/**
 * A mutation's writes that a worker answers itself and sends with its next message
 * (function-worker.mjs): none of them returns anything the worker cannot know (`insert` and
 * `schedule` return the id the worker chose), so the caller needs no reply. An error they raise
 * (a schema mismatch, a missing document) fails the call that carries them and every later call
 * of the function, and so the function, with the same message: nothing of a failed write commits.
 */
export const deferrableWriteOps: ReadonlySet<string> = new Set([
  "1.0/insert",
  "1.0/shallowMerge",
  "1.0/replace",
  "1.0/remove",
  "1.0/schedule",
  "1.0/cancel_job",
]);

/**
 * Async operations whose handler answers synchronously (database reads and writes, metadata):
 * a worker asks for them with a blocking call (pool.ts), which saves a message and an event-loop
 * turn per call. Every handler named here must return a value, never a promise.
 */
export const inlineAsyncOps: ReadonlySet<string> = new Set([
  "1.0/queryStreamNext",
  "1.0/queryPage",
  "1.0/count",
  "1.0/get",
  "1.0/insert",
  "1.0/shallowMerge",
  "1.0/replace",
  "1.0/remove",
  "1.0/getUserIdentity",
  "1.0/getTransactionMetrics",
  "1.0/getFunctionMetadata",
  "1.0/getDeploymentMetadata",
  "1.0/getRequestMetadata",
  "1.0/auditLog",
  "1.0/createFunctionHandle",
  "1.0/schedule",
  "1.0/cancel_job",
  "1.0/storageGenerateUploadUrl",
  "1.0/storageStore",
]);

/** `Convex.jsSyscall`: operations that pass JS objects (Blobs) instead of JSON. */
export const jsSyscalls: Record<
  string,
  (e: Engine, ctx: ExecContext | undefined, args: JsSyscallArgs, op: string) => unknown
> = {
  "storage/storeBlob": async (e, ctx, args) => {
    return (async () => {
      const blob: Blob = args.blob;
      const bytes = Buffer.from(await blob.arrayBuffer());
      return await e.storeFile(bytes, blob.type || null, args.options?.sha256, ctx?.componentPath ?? "");
    })();
  },
  "storage/getBlob": async (e, ctx, args) => {
    return (async () => {
      const doc = ctx ? await storageDoc(e, ctx, args.storageId) : null;
      if (!doc) return null;
      const bytes = e.files.read(doc._id);
      return bytes ? new Blob([new Uint8Array(bytes)], { type: doc.contentType ?? "" }) : null;
    })();
  },
};
