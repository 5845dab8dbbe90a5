// The `_system/*` queries the official CLI subscribes to (runSystemQuery in convex's
// cli/lib/run.ts): `convex data`, `convex env list/get`, `convex export` polling, `convex run`'s
// "did you mean" list and `--component` lookup. Written with Convex's own `queryGeneric`, so
// reads go through the same syscalls (read sets, pagination) as app code; they run on the main
// thread (`mainThread`), callable with the admin key only (internal).
import { paginationOptsValidator, queryGeneric } from "convex/server";
import { v } from "convex/values";
import { splitTableKey } from "../engine/transaction.js";
import type { Engine } from "../engine.js";
import type { RegisteredExport, RegisteredFunction } from "../loader.js";
import { parseValidator } from "../validator.js";
import type { EnvVarStore } from "./env.js";

export interface ExportState {
  state: "requested" | "in_progress" | "completed" | "failed";
  start_ts?: bigint;
  complete_ts?: bigint;
  zip_object_key?: string;
}

export function systemFunctions(
  engine: Engine,
  env: EnvVarStore,
  latestExport: () => ExportState | null,
): Map<string, RegisteredFunction> {
  const currentComponent = () => engine.als.getStore()?.componentPath ?? "";
  const defs = {
    "_system/cli/tables:default": queryGeneric({
      args: { paginationOpts: paginationOptsValidator },
      handler: async () => {
        const cp = currentComponent();
        const page = [...engine.db.tablesByName.values()]
          .map((t) => splitTableKey(t.name))
          .filter((k) => k.cp === cp && !k.name.startsWith("_"))
          .map((k) => ({ name: k.name }));
        return { page, isDone: true, continueCursor: "" };
      },
    }),
    "_system/cli/tableData:default": queryGeneric({
      args: {
        table: v.string(),
        order: v.optional(v.union(v.literal("asc"), v.literal("desc"))),
        paginationOpts: paginationOptsValidator,
      },
      handler: async (ctx, { table, order, paginationOpts }) =>
        // the CLI pages 10,000 at a time; Convex caps a page at 8,192 documents
        await ctx.db
          .query(table)
          .order(order ?? "desc")
          .paginate({ ...paginationOpts, numItems: Math.min(paginationOpts.numItems, 8192) }),
    }),
    "_system/cli/queryEnvironmentVariables:default": queryGeneric({ args: {}, handler: async () => env.list() }),
    "_system/cli/queryEnvironmentVariables:get": queryGeneric({
      args: { name: v.string() },
      handler: async (_ctx, { name }) => env.list().find((e) => e.name === name) ?? null,
    }),
    "_system/cli/exports:getLatest": queryGeneric({ args: {}, handler: async () => latestExport() }),
    "_system/cli/modules:apiSpec": queryGeneric({
      args: {},
      handler: async () =>
        [...(engine.functionsIn(currentComponent())?.values() ?? [])].map((f) => ({
          functionType: f.type === "query" ? "Query" : f.type === "mutation" ? "Mutation" : "Action",
          identifier: f.path.replace(/^([^:]*):/, "$1.js:"),
          visibility: { kind: f.visibility },
        })),
    }),
    "_system/frontend/components:list": queryGeneric({
      args: {},
      handler: async () => [...engine.modules.components.keys()].map((p) => ({ id: p, path: p })),
    }),
  };
  const out = new Map<string, RegisteredFunction>();
  for (const [p, def] of Object.entries(defs)) {
    // convex/server's RegisteredQuery type leaves out the methods the engine calls
    const fn = def as unknown as RegisteredExport;
    out.set(p, {
      path: p,
      // undefined: run in the caller's component (`npx convex data --component x`)
      componentPath: undefined as unknown as string,
      type: "query",
      visibility: "internal",
      fn,
      file: "",
      exportName: p.slice(p.indexOf(":") + 1),
      args: parseValidator(fn.exportArgs!()),
      returns: null,
      mainThread: true,
    });
  }
  return out;
}
