import { compareValues, type Doc, getField, jsonToConvex } from "../values.js";

/** `.filter()` expressions (convex/server's serialized form), evaluated on one document. */
export function evalFilter(doc: Doc, f: any): boolean {
  return !!evalExpr(doc, f);
}
function evalExpr(doc: Doc, e: any): any {
  if ("$field" in e) return getField(doc, e.$field);
  if ("$literal" in e) {
    const l = e.$literal;
    if (l && typeof l === "object" && "$undefined" in l) return undefined;
    return jsonToConvex(l);
  }
  const bin = (k: string) => [evalExpr(doc, e[k][0]), evalExpr(doc, e[k][1])];
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
  if ("$and" in e) return e.$and.every((x: any) => evalExpr(doc, x));
  if ("$or" in e) return e.$or.some((x: any) => evalExpr(doc, x));
  if ("$not" in e) return !evalExpr(doc, e.$not);
  const arith = (k: string, op: (a: any, b: any) => any) => {
    const [a, b] = bin(k);
    if (typeof a === "bigint" && typeof b === "bigint") return op(a, b);
    if (typeof a === "number" && typeof b === "number") return op(a, b);
    throw new Error(`Arithmetic on incompatible values: ${String(a)}, ${String(b)}`);
  };
  if ("$add" in e) return arith("$add", (a, b) => a + b);
  if ("$sub" in e) return arith("$sub", (a, b) => a - b);
  if ("$mul" in e) return arith("$mul", (a, b) => a * b);
  if ("$div" in e) return arith("$div", (a, b) => a / b);
  if ("$mod" in e) return arith("$mod", (a, b) => a % b);
  if ("$neg" in e) {
    const a = evalExpr(doc, e.$neg);
    return typeof a === "bigint" ? -a : -a;
  }
  throw new Error(`Unsupported filter expression ${JSON.stringify(e)}`);
}
