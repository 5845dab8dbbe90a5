/**
 * Document reads and writes inside a transaction: read-your-writes, id resolution across
 * components, schema and field checks, and the read/write metrics Convex limits.
 */
import { CommitTsPlaceholder } from "convex/values";
import type { Engine } from "../engine.js";
import type { Table } from "../storage.js";
import { check } from "../validator.js";
import { type Doc, docSize, newId, type StorageDoc, tableNumberFromId, type Value } from "../values.js";
import { type ExecContext, splitTableKey, type Transaction, TXN_LIMITS, tableKey } from "./transaction.js";

/** Read a document as seen by the transaction. */
const MAX_DOCUMENT_BYTES = 1024 * 1024;

export function readDoc(_e: Engine, txn: Transaction, table: Table, id: string): Doc | null {
  const w = txn.writes.get(id);
  if (w) return w.table === table.name ? w.doc : null;
  return table.docs.get(id) ?? null;
}

export function trackRead(_e: Engine, txn: Transaction, doc: Doc) {
  txn.metrics.documentsRead++;
  txn.metrics.bytesRead += docSize(doc);
  if (txn.metrics.documentsRead > TXN_LIMITS.documentsRead)
    throw new Error(
      `Too many documents read in a single function execution (limit: ${TXN_LIMITS.documentsRead}). Consider using smaller limits in your queries, paginating your queries, or using indexed queries with a selective index range expressions.`,
    );
}

export function validateDoc(e: Engine, key: string, doc: Doc) {
  const { cp, name: table } = splitTableKey(key);
  // Convex: "Individual document size: 1 MiB" (docs: production/state/limits), schema or not
  const size = docSize(doc);
  if (size > MAX_DOCUMENT_BYTES)
    throw new Error(
      `Document in table "${table}" is too large (${size} bytes > maximum size ${MAX_DOCUMENT_BYTES} bytes)`,
    );
  if (!e.schemaValidation.get(cp)) return;
  const t = e.schemaTables.get(key);
  if (!t) {
    if ((e.modules.components.get(cp)?.schema?.tables.length ?? 0) > 0)
      throw new Error(
        `Failed to insert or update a document in table "${table}" because it does not match the schema: table "${table}" is not in the schema.`,
      );
    return;
  }
  const { _id, _creationTime, ...rest } = doc;
  const err = check(t.documentType, rest, "", e.isTableIdIn(cp));
  if (err)
    throw new Error(
      `Failed to insert or update a document in table "${table}" because it does not match the schema: ${err}`,
    );
}

/** Reject `$`-prefixed field names anywhere in `v` (a decoded Convex value, so walked untyped). */
export function checkFields(e: Engine, v: unknown, path = "") {
  if (v === null || typeof v !== "object" || v instanceof ArrayBuffer || v instanceof CommitTsPlaceholder) return;
  if (Array.isArray(v)) {
    for (const x of v) checkFields(e, x, path);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (k.startsWith("$")) throw new Error(`Field name ${k} starts with a '$', which is reserved.`);
    checkFields(e, x, `${path}.${k}`);
  }
}

export function resolveId(
  e: Engine,
  cp: string,
  table: string | undefined,
  id: Value,
  isSystem = false,
): { table: Table; id: string } | null {
  const n = tableNumberFromId(id);
  // tableNumberFromId is null for every non-string; the typeof only narrows `id` for the compiler
  if (n === null || typeof id !== "string") {
    if (table) throw new Error(`Invalid argument \`id\`: ${JSON.stringify(id)} is not a valid ID for table "${table}"`);
    throw new Error(`Invalid argument \`id\`: ${JSON.stringify(id)} is not a valid ID`);
  }
  const t = e.db.tableForNumber(n);
  if (!t) return null;
  const k = splitTableKey(t.name);
  if (k.cp !== cp) return null; // another component's table: not visible here
  if (table !== undefined && k.name !== table)
    throw new Error(`Invalid argument \`id\` for table "${table}": ID belongs to table "${k.name}"`);
  if (!isSystem && k.name.startsWith("_")) throw new Error("System tables can only be accessed from db.system.");
  if (isSystem && !k.name.startsWith("_")) throw new Error("User tables can not be accessed from db.system.");
  if (cp === "" && k.name === "_cron_state") throw new Error("System table '_cron_state' is not accessible");
  return { table: t, id };
}

export function insert(e: Engine, ctx: ExecContext, table: string, value: Value, presetId?: string): string {
  const txn = writableTxn(e, ctx);
  if (table.startsWith("_")) throw new Error("System tables (prefixed with `_`) are read-only.");
  if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(table)) throw new Error(`Invalid table name: "${table}"`);
  // the `convex` client always sends an object (its fields become the document's)
  const fields = value as { [k: string]: Value | undefined } | null;
  if (fields && (fields._id !== undefined || fields._creationTime !== undefined))
    throw new Error("System fields (`_id`, `_creationTime`) can not be set when inserting a document.");
  checkFields(e, fields);
  const key = tableKey(ctx.componentPath, table);
  const t = e.db.ensureTable(key);
  const id = presetId === undefined ? newId(t.number) : checkPresetId(txn, t, presetId);
  const doc: Doc = { ...fields, _id: id, _creationTime: e.db.nextCreationTime() };
  validateDoc(e, key, doc);
  txn.setWrite(key, doc._id, doc);
  trackWrite(e, txn, doc);
  return doc._id;
}

/**
 * The id a worker chose for a new document of `t` (function-worker.mjs `newId`, the same shape as
 * values.ts `newId`): it must name this table and no document that exists. A random 130-bit id
 * does not collide; the check stops a forged one from overwriting a document.
 */
export function checkPresetId(txn: Transaction, t: Table, id: string): string {
  if (tableNumberFromId(id) !== t.number || txn.writes.has(id) || t.docs.has(id))
    throw new Error(`Invalid ID chosen for a new document in table "${splitTableKey(t.name).name}"`);
  return id;
}

export function trackWrite(_e: Engine, txn: Transaction, doc: Doc | null) {
  txn.metrics.documentsWritten++;
  if (doc) txn.metrics.bytesWritten += docSize(doc);
}

export function writableTxn(_e: Engine, ctx: ExecContext): Transaction {
  if (!ctx.txn?.isMutation || ctx.udfType !== "mutation") throw new Error("Writes are only allowed in mutations.");
  return ctx.txn;
}

export function existing(
  e: Engine,
  ctx: ExecContext,
  table: string | undefined,
  id: Value,
  op: string,
): { t: Table; doc: Doc } {
  const r = resolveId(e, ctx.componentPath, table, id);
  // the target is part of the read set: a concurrent change to it must fail validation (lost update)
  if (r) ctx.txn!.reads.push({ table: r.table.name, kind: "doc", id: r.id });
  const doc = r ? readDoc(e, ctx.txn!, r.table, r.id) : null;
  if (!r || !doc) throw new Error(`${op} on nonexistent document ID ${id}`);
  return { t: r.table, doc };
}

export async function storageDoc(e: Engine, ctx: ExecContext, storageId: string): Promise<StorageDoc | null> {
  const n = tableNumberFromId(storageId);
  const t = e.db.ensureTable(tableKey(ctx.componentPath, "_storage"));
  if (n === null || n !== t.number) return null;
  if (ctx.txn) {
    ctx.txn.reads.push({ table: t.name, kind: "doc", id: storageId });
    return readDoc(e, ctx.txn, t, storageId) as StorageDoc | null;
  }
  return (t.docs.get(storageId) as StorageDoc | undefined) ?? null;
}

export function needTxn(ctx: ExecContext, op: string): Transaction {
  if (!ctx.txn) throw new Error(`${op} is not available in actions`);
  return ctx.txn;
}
