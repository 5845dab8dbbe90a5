/**
 * Authorization is declared once (convex/lib/functions.ts): no other module may build a public
 * function with Convex's raw `query` / `mutation` / `action`, which would skip the membership check.
 * Scans the sources (a lint rule will take this over), and proves the scan itself finds a raw builder.
 */
import { describe, expect, test } from "vitest";

const sources = import.meta.glob(["../convex/**/*.ts", "!../convex/_generated/**"], {
  eager: true,
  query: "?raw",
  import: "default",
}) as Record<string, string>;

/** Modules allowed to use the raw builders: the builders themselves. */
const ALLOWED = new Set(["lib/functions.ts"]);
const RAW = new Set(["query", "mutation", "action"]);

/** Raw public builders a source imports from _generated/server (type-only imports don't count). */
function rawBuilders(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*["'][./]*_generated\/server["']/g)) {
    if (m[1]) continue;
    for (const part of m[2]!.split(",")) {
      const name = part.trim();
      if (name.startsWith("type ")) continue;
      const local = name.split(/\s+as\s+/)[0]!;
      if (RAW.has(local)) found.push(local);
    }
  }
  // Also `import * as server` / `server.query(` style escapes.
  for (const m of source.matchAll(/\b(?:queryGeneric|mutationGeneric|actionGeneric)\b/g)) found.push(m[0]);
  return found;
}

describe("public functions come from the auth builders", () => {
  test("the scan finds raw builders, and ignores internal ones and types", () => {
    expect(rawBuilders('import { query, internalQuery } from "../_generated/server";')).toEqual(["query"]);
    expect(rawBuilders('import { internalMutation, type MutationCtx } from "./_generated/server";')).toEqual([]);
    expect(rawBuilders('import type { QueryCtx } from "../_generated/server";')).toEqual([]);
    expect(rawBuilders('import { mutationGeneric } from "convex/server";')).toEqual(["mutationGeneric"]);
  });

  test("no module outside lib/functions.ts imports query/mutation/action", () => {
    const files = Object.keys(sources);
    expect(files.length).toBeGreaterThan(40);
    const offenders = files
      .map((file) => [file.replace(/^\.\.\/convex\//, ""), rawBuilders(sources[file]!)] as const)
      .filter(([rel, raw]) => !ALLOWED.has(rel) && raw.length > 0)
      .map(([rel, raw]) => `${rel}: ${raw.join(", ")}`);
    expect(offenders).toEqual([]);
  });
});
