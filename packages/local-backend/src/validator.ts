import { CommitTsPlaceholder, type JSONValue } from "convex/values";
import { compareValues, convexToJson, jsonToConvex, type Value } from "./values.js";

export type ValidatorJSON =
  | { type: "any" | "null" | "number" | "bigint" | "boolean" | "string" | "bytes" | "commitTs" }
  | { type: "id"; tableName: string }
  | { type: "literal"; value: JSONValue }
  | { type: "array"; value: ValidatorJSON }
  | { type: "object"; value: Record<string, { fieldType: ValidatorJSON; optional: boolean }> }
  | { type: "record"; keys: ValidatorJSON; values: { fieldType: ValidatorJSON; optional: boolean } }
  | { type: "union"; value: ValidatorJSON[] };

function show(v: unknown): string {
  try {
    if (v === undefined) return "undefined";
    return JSON.stringify(convexToJson(v as Value));
  } catch {
    return String(v);
  }
}

function describe(vj: ValidatorJSON): string {
  switch (vj.type) {
    case "id":
      return `v.id("${vj.tableName}")`;
    case "literal":
      return `v.literal(${JSON.stringify(vj.value)})`;
    case "array":
      return `v.array(${describe(vj.value)})`;
    case "object":
      return `v.object({${Object.entries(vj.value)
        .map(([k, f]) => `${k}: ${f.optional ? `v.optional(${describe(f.fieldType)})` : describe(f.fieldType)}`)
        .join(", ")}})`;
    case "record":
      return `v.record(${describe(vj.keys)}, ${describe(vj.values.fieldType)})`;
    case "union":
      return `v.union(${vj.value.map(describe).join(", ")})`;
    case "number":
      return "v.float64()";
    case "bigint":
      return "v.int64()";
    default:
      return `v.${vj.type}()`;
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    v !== null &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    !(v instanceof ArrayBuffer) &&
    !(v instanceof CommitTsPlaceholder)
  );
}

/**
 * Returns an error description or null when `value` matches.
 * `isTableId(tableName, id)` checks whether an id string belongs to the table.
 */
// PERF: validators are parsed once per function/schema; cache their derived forms per object
const literalCache = new WeakMap<object, Value>();
const fieldsCache = new WeakMap<object, [string, { fieldType: ValidatorJSON; optional: boolean }][]>();

// PERF: a plain function instead of a closure allocated on every (recursive) check call
function failMsg(vj: ValidatorJSON, value: unknown, path: string, msg?: string): string {
  return (
    (msg ?? `Value does not match validator.`) +
    `\nPath: ${path || "(root)"}\nValue: ${show(value)}\nValidator: ${describe(vj)}`
  );
}

export function check(
  vj: ValidatorJSON,
  value: unknown,
  path: string,
  isTableId: (table: string, id: string) => boolean,
): string | null {
  switch (vj.type) {
    case "any":
      return null;
    case "null":
      return value === null ? null : failMsg(vj, value, path);
    case "number":
      return typeof value === "number" ? null : failMsg(vj, value, path);
    case "bigint":
      return typeof value === "bigint" ? null : failMsg(vj, value, path);
    case "boolean":
      return typeof value === "boolean" ? null : failMsg(vj, value, path);
    case "string":
      return typeof value === "string" ? null : failMsg(vj, value, path);
    case "bytes":
      return value instanceof ArrayBuffer ? null : failMsg(vj, value, path);
    case "commitTs":
      return value instanceof CommitTsPlaceholder || typeof value === "bigint" ? null : failMsg(vj, value, path);
    case "id":
      return typeof value === "string" && isTableId(vj.tableName, value) ? null : failMsg(vj, value, path);
    case "literal": {
      let lit = literalCache.get(vj);
      if (lit === undefined) {
        lit = jsonToConvex(vj.value) as Value;
        literalCache.set(vj, lit);
      }
      if (typeof value !== typeof lit) return failMsg(vj, value, path);
      return compareValues(value as Value, lit) === 0 ? null : failMsg(vj, value, path);
    }
    case "array": {
      if (!Array.isArray(value)) return failMsg(vj, value, path);
      for (let i = 0; i < value.length; i++) {
        const e = check(vj.value, value[i], `${path}[${i}]`, isTableId);
        if (e) return e;
      }
      return null;
    }
    case "object": {
      if (!isPlainObject(value)) return failMsg(vj, value, path);
      let fields = fieldsCache.get(vj);
      if (!fields) {
        fields = Object.entries(vj.value);
        fieldsCache.set(vj, fields);
      }
      for (const [k, f] of fields) {
        const fv = value[k];
        if (fv === undefined) {
          if (!f.optional)
            return failMsg(
              vj,
              value,
              path,
              `Object is missing the required field \`${k}\`. Consider wrapping the field validator in \`v.optional(...)\` if this is expected.`,
            );
          continue;
        }
        const e = check(f.fieldType, fv, `${path}.${k}`, isTableId);
        if (e) return e;
      }
      for (const k of Object.keys(value)) {
        if (!(k in vj.value) && value[k] !== undefined)
          return failMsg(vj, value, path, `Object contains extra field \`${k}\` that is not in the validator.`);
      }
      return null;
    }
    case "record": {
      if (!isPlainObject(value)) return failMsg(vj, value, path);
      for (const [k, fv] of Object.entries(value)) {
        if (fv === undefined) continue;
        const ke = check(vj.keys, k, `${path}.${k}`, isTableId);
        if (ke) return ke;
        const e = check(vj.values.fieldType, fv, `${path}.${k}`, isTableId);
        if (e) return e;
      }
      return null;
    }
    case "union": {
      for (const m of vj.value) if (check(m, value, path, isTableId) === null) return null;
      return failMsg(vj, value, path);
    }
    default:
      return null;
  }
}

export function parseValidator(s: string | undefined | null): ValidatorJSON | null {
  if (s === undefined || s === null) return null;
  const j = JSON.parse(s);
  return j === null ? null : (j as ValidatorJSON);
}
