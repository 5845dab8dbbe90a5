/**
 * Whether a commit touched what a transaction read: the test behind both subscription
 * invalidation (sync.ts) and optimistic concurrency (a mutation or query whose reads changed
 * while it ran is re-run, engine.ts).
 */
import { comparePrefix, type Doc, getField, type Key } from "../values.js";
import type { CommitEvent, ReadRange } from "./transaction.js";

export function readsIntersect(reads: ReadRange[], e: CommitEvent): boolean {
  for (const w of e.writes) {
    for (const r of reads) {
      if (r.table !== w.table) continue;
      if (r.kind === "table") return true;
      if (r.kind === "doc") {
        if (r.id === w.id) return true;
        continue;
      }
      for (const d of [w.oldDoc, w.newDoc]) {
        if (!d) continue;
        if (keyInRange(r, d)) return true;
      }
    }
  }
  return false;
}
function keyInRange(r: Extract<ReadRange, { kind: "range" }>, d: Doc): boolean {
  const k: Key = r.fields.map((f) => getField(d, f));
  const a = comparePrefix(k, r.lo);
  if (a < 0 || (a === 0 && !r.loIncl && r.lo.length > 0)) return false;
  const b = comparePrefix(k, r.hi);
  if (b > 0 || (b === 0 && !r.hiIncl && r.hi.length > 0)) return false;
  return true;
}
