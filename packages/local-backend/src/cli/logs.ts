// Function execution log for `npx convex logs` (`GET /api/stream_function_logs?cursor=N`): one
// "Completion" entry per query, mutation and action run, with its console lines and error, in
// the shape of the CLI's generatedFunctionLogsApi.ts. The last 1,000 entries are kept in memory.
import { randomUUID } from "node:crypto";
import type { CallOptions } from "../engine/transaction.js";
import type { Engine, Outcome } from "../engine.js";

const KEEP = 1000;
const LONG_POLL_MS = 10_000;

interface FunctionExecution {
  kind: "Completion";
  udfType: "Query" | "Mutation" | "Action";
  identifier: string;
  componentPath: string | null;
  timestamp: number; // seconds
  executionTimestamp: number;
  executionTime: number; // seconds
  logLines: string[];
  error: string | null;
  requestId: string;
  executionId: string;
  identityType: string;
  environment: string;
  willRetry: boolean;
  usageStats: Record<string, number>;
}

const ZERO_USAGE = {
  databaseReadBytes: 0,
  databaseWriteBytes: 0,
  databaseIoReadBytes: 0,
  databaseIoWriteBytes: 0,
  databaseReadDocuments: 0,
  databaseWriteDocuments: 0,
  databaseWriteIndexRows: 0,
  storageReadBytes: 0,
  storageWriteBytes: 0,
  vectorIndexReadBytes: 0,
  vectorIndexWriteBytes: 0,
  textIndexQueryBytes: 0,
  textIndexWriteQueryBytes: 0,
  vectorIndexReadQueryBytes: 0,
  vectorIndexWriteQueryBytes: 0,
  networkEgressBytes: 0,
  memoryUsedMb: 0,
};

export class FunctionLog {
  private entries: { cursor: number; e: FunctionExecution }[] = [];
  private next = 1;
  private waiters = new Set<() => void>();

  /**
   * Record every top-level run by wrapping the engine's entry points on this instance: the
   * engine stays free of CLI concerns and the sync server, HTTP API and scheduler all pass here.
   */
  attach(engine: Engine) {
    const wrap = (name: "runQuery" | "runMutation" | "runAction", udfType: FunctionExecution["udfType"]) => {
      const original = engine[name].bind(engine);
      engine[name] = async (path: string, args: Parameters<Engine["runQuery"]>[1], opts: CallOptions = {}) => {
        const start = Date.now();
        const out: Outcome = await original(path, args, opts);
        // system functions are the CLI's own plumbing (env list, data, export polling)
        if (!path.startsWith("_system/") && !out.skipped)
          this.add(udfType, path, opts?.componentPath ?? null, start, out);
        return out;
      };
    };
    wrap("runQuery", "Query");
    wrap("runMutation", "Mutation");
    wrap("runAction", "Action");
  }

  add(
    udfType: FunctionExecution["udfType"],
    identifier: string,
    componentPath: string | null,
    startMs: number,
    out: Outcome,
  ) {
    const now = Date.now();
    const e: FunctionExecution = {
      kind: "Completion",
      udfType,
      identifier: identifier.includes(":") ? identifier : `${identifier}:default`,
      componentPath,
      timestamp: now / 1000,
      executionTimestamp: startMs / 1000,
      executionTime: (now - startMs) / 1000,
      logLines: out.logLines ?? [],
      error: out.success ? null : (out.errorMessage ?? "Error"),
      requestId: randomUUID(),
      executionId: randomUUID(),
      identityType: "unknown",
      environment: "isolate",
      willRetry: false,
      usageStats: ZERO_USAGE,
    };
    this.entries.push({ cursor: this.next++, e });
    if (this.entries.length > KEEP) this.entries.splice(0, this.entries.length - KEEP);
    for (const w of this.waiters) w();
    this.waiters.clear();
  }

  /** Entries after `cursor`; waits up to 10 s for one when there are none (long poll). */
  async since(cursor: number, signal?: AbortSignal): Promise<{ entries: FunctionExecution[]; newCursor: number }> {
    const pick = () => {
      const entries = this.entries.filter((x) => x.cursor > cursor);
      return {
        entries: entries.map((x) => x.e),
        newCursor: entries.length ? entries[entries.length - 1]!.cursor : Math.max(cursor, this.next - 1),
      };
    };
    const now = pick();
    if (now.entries.length || signal?.aborted) return now;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, LONG_POLL_MS);
      this.waiters.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
    return pick();
  }
}
