import { compareValues, type Doc, getField, jsonToConvex, type Value } from "../values.js";
import type { FilterExpr } from "./serialized.js";

/** `.filter()` expressions (convex/server's serialized form), evaluated on one document. */
export function evalFilter(doc: Doc, f: FilterExpr): boolean {
  return !!evalExpr(doc, f);
}
/** A filter expression's value: a Convex value, or undefined for a missing field / `undefined` literal. */
function evalExpr(doc: Doc, e: FilterExpr): Value | undefined {
  if ("$field" in e) return getField(doc, e.$field!);
  if ("$literal" in e) {
    const l = e.$literal!;
    if (l && typeof l === "object" && "$undefined" in l) return undefined;
    return jsonToConvex(l);
  }
  type BinaryOp = "$eq" | "$neq" | "$lt" | "$lte" | "$gt" | "$gte" | "$add" | "$sub" | "$mul" | "$div" | "$mod";
  const bin = (k: BinaryOp): [Value | undefined, Value | undefined] => [
    evalExpr(doc, e[k]![0]),
    evalExpr(doc, e[k]![1]),
  ];
  if ("$eq" in e) {
    const [a, b] = bin("$eq");
    return compareValues(a, b) === 0;
  }
  if ("$neq" in e) {
    const [a, b] = bin("$neq");
    return compareValues(a, b) !== 0;
  }
  if ("$lt" in e) {
    const [a, b] = bin("$lt");
    return compareValues(a, b) < 0;
  }
  if ("$lte" in e) {
    const [a, b] = bin("$lte");
    return compareValues(a, b) <= 0;
  }
  if ("$gt" in e) {
    const [a, b] = bin("$gt");
    return compareValues(a, b) > 0;
  }
  if ("$gte" in e) {
    const [a, b] = bin("$gte");
    return compareValues(a, b) >= 0;
  }
  if ("$and" in e) return e.$and!.every((x) => evalExpr(doc, x));
  if ("$or" in e) return e.$or!.some((x) => evalExpr(doc, x));
  if ("$not" in e) return !evalExpr(doc, e.$not!);
  // int64 with int64, float64 with float64 (Convex never mixes them)
  const arith = (k: BinaryOp, f: (a: number, b: number) => number, i: (a: bigint, b: bigint) => bigint) => {
    const [a, b] = bin(k);
    if (typeof a === "bigint" && typeof b === "bigint") return i(a, b);
    if (typeof a === "number" && typeof b === "number") return f(a, b);
    throw new Error(`Arithmetic on incompatible values: ${String(a)}, ${String(b)}`);
  };
  if ("$add" in e)
    return arith(
      "$add",
      (a, b) => a + b,
      (a, b) => a + b,
    );
  if ("$sub" in e)
    return arith(
      "$sub",
      (a, b) => a - b,
      (a, b) => a - b,
    );
  if ("$mul" in e)
    return arith(
      "$mul",
      (a, b) => a * b,
      (a, b) => a * b,
    );
  if ("$div" in e)
    return arith(
      "$div",
      (a, b) => a / b,
      (a, b) => a / b,
    );
  if ("$mod" in e)
    return arith(
      "$mod",
      (a, b) => a % b,
      (a, b) => a % b,
    );
  if ("$neg" in e) {
    const a = evalExpr(doc, e.$neg!);
    return typeof a === "bigint" ? -a : -(a as number);
  }
  throw new Error(`Unsupported filter expression ${JSON.stringify(e)}`);
}
