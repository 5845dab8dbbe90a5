/**
 * Results of the queries actions run (`ctx.runQuery`), served again until a commit writes
 * something they read. Convex does the same: an action's `runQuery` goes through its query cache
 * (get-convex/convex-backend, `ActionCallbacks::execute_query` -> `run_query_at_ts` ->
 * `CacheManager::get`; docs: "Convex automatically caches the result of your query functions",
 * https://docs.convex.dev/realtime).
 *
 * PERF: the ingest HTTP action looks up its channel with `findEndpoint` on every webhook; without
 * the cache that is a whole nested call (action worker -> main thread -> query worker and back,
 * its reads, its validation) per webhook for a row that almost never changes.
 *
 * Validity: an entry is stored at the synchronous moment its run was validated against every
 * commit made while it ran (engine.ts runQuery), so it equals a run at that moment; from then on
 * every commit is checked against its read set (`invalidate`, called from the commit itself) and
 * drops it if it intersects, as the sync layer invalidates subscriptions. A module reload or
 * an environment change (`clear`) drops everything. The key is the function, its component, its
 * argument JSON and the caller's identity. A cached answer carries no log lines: the function did
 * not run (as on Convex).
 *
 * Time: a query that read the clock (`Date.now()`, `new Date()`: its worker reports it; a query
 * run on the main thread is assumed to) is served for TIME_OBSERVED_MAX_AGE_MS at most, writes or
 * not. Convex does the same: its isolate records `observed_time` and its cache refuses such an
 * entry older than the query timeout + 1 s (crates/application/src/cache/mod.rs, MAX_CACHE_AGE).
 *
 * Bounds: at most MAX_ENTRIES entries and MAX_TOTAL_CHARS of result text (least recently used
 * go first), results up to MAX_RESULT_CHARS, read sets up to MAX_READS. An entry is admitted on the second miss of its key
 * within the last MAX_ENTRIES misses, so one-off queries (by message id...) do not fill it.
 */
import type { Identity } from "../auth.js";
import { readsIntersect } from "./conflicts.js";
import { type CommitEvent, type Outcome, type ReadRange, USER_CODE_LIMIT_MS } from "./transaction.js";

const MAX_ENTRIES = 512;
const MAX_RESULT_CHARS = 256 * 1024;
/** all results together (their text; the decoded values are of the same order) */
const MAX_TOTAL_CHARS = 8 * 1024 * 1024;
const MAX_READS = 64;
/** how long a result that read the clock may be served: the query limit + 1 s, as Convex's cache */
export const TIME_OBSERVED_MAX_AGE_MS = USER_CODE_LIMIT_MS + 1000;

interface Entry {
  outcome: Outcome;
  reads: ReadRange[];
  tables: string[];
  /** when it was stored (Date.now()), for results that read the clock; undefined otherwise */
  observedTimeAt?: number;
}

export class QueryResultCache {
  private entries = new Map<string, Entry>();
  /** table -> keys of the entries that read it */
  private byTable = new Map<string, Set<string>>();
  /** keys that missed recently (admission: a key is stored on its second miss) */
  private missed = new Set<string>();
  private totalChars = 0;
  readonly stats = { hits: 0, misses: 0, invalidated: 0, expired: 0 };

  /** the clock the time-observing entries age by (a test gives its own) */
  constructor(private readonly now: () => number = Date.now) {}

  keyOf(componentPath: string, udfPath: string, argsJson: string, identity: Identity | null | undefined): string {
    return `${componentPath}\u0000${udfPath}\u0000${argsJson}\u0000${identity ? JSON.stringify(identity) : ""}`;
  }

  /** The cached outcome of `key` (without log lines), or undefined. */
  get(key: string): Outcome | undefined {
    const e = this.entries.get(key);
    if (e && e.observedTimeAt !== undefined && this.now() - e.observedTimeAt > TIME_OBSERVED_MAX_AGE_MS) {
      this.remove(key);
      this.stats.expired++;
    } else if (e) {
      this.stats.hits++;
      // least recently used first out: move to the back
      this.entries.delete(key);
      this.entries.set(key, e);
      return { ...e.outcome, logLines: [] };
    }
    this.stats.misses++;
    return undefined;
  }

  /** Store a successful outcome validated at this moment (see the module comment). */
  put(key: string, outcome: Outcome): void {
    const reads = outcome.reads ?? [];
    if (!outcome.success || outcome.journal || reads.length > MAX_READS) return;
    if ((outcome.valueText?.length ?? 0) > MAX_RESULT_CHARS || outcome.valueText === undefined) return;
    if (!this.missed.delete(key)) {
      this.missed.add(key);
      if (this.missed.size > MAX_ENTRIES) this.missed.delete(this.missed.values().next().value!);
      return;
    }
    this.remove(key);
    const tables = [...new Set(reads.map((r) => r.table))];
    const observedTimeAt = outcome.observedTime ? this.now() : undefined;
    this.entries.set(key, { outcome: { ...outcome, logLines: [] }, reads, tables, observedTimeAt });
    this.totalChars += outcome.valueText.length;
    for (const t of tables) {
      const keys = this.byTable.get(t);
      if (keys) keys.add(key);
      else this.byTable.set(t, new Set([key]));
    }
    while (this.entries.size > MAX_ENTRIES || this.totalChars > MAX_TOTAL_CHARS)
      this.remove(this.entries.keys().next().value!);
  }

  /** A commit: drop the entries whose reads it wrote into. Runs inside the commit (same tick). */
  invalidate(event: CommitEvent): void {
    if (this.entries.size === 0) return;
    const seen = new Set<string>();
    for (const w of event.writes) {
      if (seen.has(w.table)) continue;
      seen.add(w.table);
      const keys = this.byTable.get(w.table);
      if (!keys) continue;
      for (const key of [...keys]) {
        const e = this.entries.get(key);
        if (e && readsIntersect(e.reads, event)) {
          this.remove(key);
          this.stats.invalidated++;
        }
      }
    }
  }

  /** New code or environment: nothing cached holds. */
  clear(): void {
    this.entries.clear();
    this.byTable.clear();
    this.missed.clear();
    this.totalChars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string) {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.totalChars -= e.outcome.valueText?.length ?? 0;
    for (const t of e.tables) {
      const keys = this.byTable.get(t);
      keys?.delete(key);
      if (keys?.size === 0) this.byTable.delete(t);
    }
  }
}
