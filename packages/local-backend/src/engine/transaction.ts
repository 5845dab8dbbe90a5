/**
 * Transactions and execution contexts of the engine: what a running function reads and writes,
 * Convex's per-transaction limits, and how failures become outcomes.
 */
import type { JSONValue } from "convex/values";
import type { Identity } from "../auth.js";
import type { AppliedWrite } from "../storage.js";
import { convexToJson, type Doc, type Key, type Value } from "../values.js";

export type UdfType = "query" | "mutation" | "action" | "httpAction";

/** Internal table name: component tables are namespaced by their component path. */
export function tableKey(cp: string, name: string): string {
  return cp ? `${cp}/${name}` : name;
}
export function splitTableKey(key: string): { cp: string; name: string } {
  const i = key.lastIndexOf("/");
  return i < 0 ? { cp: "", name: key } : { cp: key.slice(0, i), name: key.slice(i + 1) };
}

export class Mutex {
  private q: (() => void)[] = [];
  private locked = false;
  async acquire(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((r) => this.q.push(r));
  }
  release(): void {
    const n = this.q.shift();
    if (n) n();
    else this.locked = false;
  }
  async run<T>(f: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await f();
    } finally {
      this.release();
    }
  }
}

export interface Metrics {
  bytesRead: number;
  documentsRead: number;
  databaseQueries: number;
  bytesWritten: number;
  documentsWritten: number;
  functionsScheduled: number;
  scheduledFunctionArgsBytes: number;
}
export const TXN_LIMITS: Metrics = {
  bytesRead: 16 * 2 ** 20,
  bytesWritten: 16 * 2 ** 20,
  documentsRead: 32_000,
  databaseQueries: 4096,
  documentsWritten: 16_000,
  functionsScheduled: 1000,
  scheduledFunctionArgsBytes: 16 * 2 ** 20,
};

/** A read recorded for invalidation. */
export type ReadRange =
  | { table: string; kind: "table" }
  | { table: string; kind: "doc"; id: string }
  | {
      table: string;
      kind: "range";
      index: string;
      fields: string[];
      lo: Key;
      loIncl: boolean;
      hi: Key;
      hiIncl: boolean;
      loOpen: boolean;
      hiOpen: boolean;
    };

export class Transaction {
  writes = new Map<string, { table: string; doc: Doc | null }>();
  writesByTable = new Map<string, Map<string, Doc | null>>();
  reads: ReadRange[] = [];
  metrics: Metrics = {
    bytesRead: 0,
    documentsRead: 0,
    databaseQueries: 0,
    bytesWritten: 0,
    documentsWritten: 0,
    functionsScheduled: 0,
    scheduledFunctionArgsBytes: 0,
  };
  constructor(public readonly isMutation: boolean) {}
  setWrite(table: string, id: string, doc: Doc | null) {
    this.writes.set(id, { table, doc });
    let m = this.writesByTable.get(table);
    if (!m) {
      m = new Map();
      this.writesByTable.set(table, m);
    }
    m.set(id, doc);
  }
  savepoint() {
    return {
      writes: new Map(this.writes),
      byTable: new Map([...this.writesByTable].map(([k, v]) => [k, new Map(v)])),
    };
  }
  restore(sp: ReturnType<Transaction["savepoint"]>) {
    this.writes = sp.writes;
    this.writesByTable = sp.byTable;
  }
}

interface StreamState {
  it: Iterator<Doc>;
  /** the row read ahead by queryStreamNext (syscalls.ts), returned by the next call */
  ahead?: IteratorResult<Doc>;
}

/** Convex: "Queries and mutations can run for up to 1 second" of user code. */
export const USER_CODE_LIMIT_MS = 1000;

export interface ExecContext {
  udfType: UdfType;
  udfPath: string;
  visibility: "public" | "internal";
  identity: Identity | null;
  authToken: string | null;
  txn: Transaction | null;
  logLines: string[];
  requestId: string;
  streams: Map<number, StreamState>;
  paginated: boolean;
  journal: Journal | null; // incoming journal (subscription)
  outJournal: Journal | null;
  scheduledFunctionId: string | null;
  lockHeld: boolean;
  componentPath: string;
  /** its code read the clock (reported by its worker; query-cache.ts) */
  observedTime?: boolean;
  /** worker slot (pool.ts) running this call's code; nested calls run in the same one */
  worker?: unknown;
}

export interface Journal {
  endCursor: string | null;
}

export interface CallOptions {
  identity?: Identity | null;
  authToken?: string | null;
  /** enforce that the function is public (client entry points) */
  fromClient?: boolean;
  journal?: Journal | null;
  /** internal: the caller already holds the lock */
  lockHeld?: boolean;
  scheduledFunctionId?: string | null;
  /** hook run inside the mutation transaction before the function (scheduler) */
  beforeRun?: (txn: Transaction) => boolean;
  afterRun?: (txn: Transaction) => void;
  expectType?: UdfType | UdfType[];
  /** component the function lives in ("" = the app) */
  componentPath?: string;
  /**
   * PERF: the convex-JSON form `args` was decoded from (nested calls from function code), so
   * the invocation need not re-encode it; `jsonToConvex(argsJson)` must equal `args`.
   */
  argsJson?: JSONValue;
  /** serve the result from (and keep it in) the engine's query cache: queries actions run (engine/query-cache.ts) */
  cache?: boolean;
}

export interface Outcome {
  success: boolean;
  value?: Value;
  errorMessage?: string;
  /** a ConvexError's `data`, in convex JSON */
  errorData?: JSONValue;
  logLines: string[];
  reads?: ReadRange[];
  journal?: Journal | null;
  ts?: bigint;
  skipped?: boolean;
  /** PERF: JSON text of `value` as returned by the function (`JSON.stringify(convexToJson(value))`) */
  valueText?: string;
  /** a query's code read the clock, or ran where that is not tracked (query-cache.ts) */
  observedTime?: boolean;
}

export interface CommitEvent {
  ts: bigint;
  writes: AppliedWrite[];
}

export class UserError extends Error {}

export function errorToOutcome(e: unknown, logLines: string[]): Outcome {
  if (e && typeof e === "object" && Symbol.for("ConvexError") in e) {
    const ce = e as { message: string; data?: unknown };
    let data: JSONValue;
    if (typeof ce.data === "string") {
      try {
        data = JSON.parse(ce.data);
      } catch {
        data = ce.data; // keep
      }
    } else {
      // a ConvexError's data is a Convex value (its constructor only takes those)
      data = convexToJson((ce.data ?? null) as Value);
    }
    return { success: false, errorMessage: `Uncaught ConvexError: ${ce.message}`, errorData: data, logLines };
  }
  if (e instanceof UserError) return { success: false, errorMessage: e.message, logLines };
  const n = e && typeof e === "object" && "name" in e ? e.name : undefined;
  const name = n && n !== "Error" ? n : "Error";
  const msg = e instanceof Error ? e.message : String(e);
  return { success: false, errorMessage: `Uncaught ${name}: ${msg}`, logLines };
}
