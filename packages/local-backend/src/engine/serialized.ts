/**
 * The serialized forms of a database query and a `.filter()` expression, as the `convex`
 * package's query builder sends them in the `1.0/queryStream` / `1.0/queryPage` syscalls
 * (convex/server `impl/query_impl.ts`, `impl/filter_builder_impl.ts`; not exported by the
 * package, so written out here). Values are Convex JSON (`jsonToConvex` decodes them).
 */
import type { JSONValue } from "convex/values";

/** `q.eq/gt/gte/lt/lte(field, value)` of a `withIndex` range. */
export interface IndexRangeExpr {
  type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte";
  fieldPath: string;
  value: JSONValue;
}

/** `s.search(field, text)` and `s.eq(field, value)` of a `withSearchIndex` filter. */
interface SearchFilterExpr {
  type: "Search" | "Eq";
  fieldPath: string;
  value: JSONValue;
}

type QuerySource =
  | { type: "FullTableScan"; tableName: string; order?: "asc" | "desc" | null }
  | { type: "IndexRange"; indexName: string; range: IndexRangeExpr[]; order?: "asc" | "desc" | null }
  | { type: "Search"; indexName: string; filters?: SearchFilterExpr[] };

/** A `.filter()` expression: one operator key per node. */
export type FilterExpr = {
  $field?: string;
  $literal?: JSONValue;
  $and?: FilterExpr[];
  $or?: FilterExpr[];
  $not?: FilterExpr;
  $neg?: FilterExpr;
} & Partial<
  Record<
    "$eq" | "$neq" | "$lt" | "$lte" | "$gt" | "$gte" | "$add" | "$sub" | "$mul" | "$div" | "$mod",
    [FilterExpr, FilterExpr]
  >
>;

interface QueryOperator {
  filter?: FilterExpr;
  limit?: number;
}

export interface SerializedQuery {
  source: QuerySource;
  operators?: QueryOperator[];
}

/** The `.filter()` expressions of a query, in order. */
export function queryFilters(query: SerializedQuery): FilterExpr[] {
  const out: FilterExpr[] = [];
  for (const o of query.operators ?? []) if (o.filter) out.push(o.filter);
  return out;
}

/** The query's `.take(n)`/`.first()` limit (Infinity when none). */
export function queryLimit(query: SerializedQuery): number {
  let limit = Infinity;
  for (const o of query.operators ?? []) if (o.limit !== undefined) limit = Math.min(limit, o.limit);
  return limit;
}
