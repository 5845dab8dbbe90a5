/**
 * Layering of convex/: no import cycle anywhere, and inbound/ and outbound/ never import each
 * other (what both need lives in channels/ and messages/). Parses the relative imports of every
 * source file (type-only imports included: a type cycle is still a reading cycle); _generated
 * is left out, it only describes the modules.
 */
import { describe, expect, test } from "vitest";

const sources = import.meta.glob(["../convex/**/*.ts", "!../convex/_generated/**"], {
  eager: true,
  query: "?raw",
  import: "default",
}) as Record<string, string>;

/** "inbound/ingest.ts" -> ["messages/status.ts", ...]: relative imports resolved to files. */
function importGraph(files: Record<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const known = new Set(Object.keys(files));
  for (const [file, source] of Object.entries(files)) {
    const deps: string[] = [];
    for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["'](\.[^"']+)["']/g)) {
      const target = resolve(file, m[1]!);
      if (target.startsWith("_generated/")) continue;
      const candidates = [target, `${target}.ts`, `${target}/index.ts`, target.replace(/\.js$/, ".ts")];
      const hit = candidates.find((c) => known.has(c));
      if (!hit) throw new Error(`${file}: cannot resolve ${m[1]}`);
      deps.push(hit);
    }
    graph.set(file, deps);
  }
  return graph;
}

function resolve(from: string, spec: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const seg of spec.split("/")) {
    if (seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

/** Every cycle's path, found by depth-first search (each reported once, from its first file). */
function cyclesOf(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "active");
    stack.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (state.get(dep) === "active") cycles.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

const files = Object.fromEntries(
  Object.entries(sources).map(([path, source]) => [path.replace(/^\.\.\/convex\//, ""), source]),
);

describe("convex/ imports only downward", () => {
  test("the checks themselves find a cycle and a cross-layer import", () => {
    const graph = importGraph({
      "contacts/merge.ts": 'import { x } from "./suggestions";',
      "contacts/suggestions.ts": 'import type { y } from "./merge";',
      "outbound/queue.ts": 'import { applyStatus } from "../inbound/ingest";',
      "inbound/ingest.ts": 'import { internal } from "../_generated/api";',
    });
    expect(cyclesOf(graph)).toEqual([["contacts/merge.ts", "contacts/suggestions.ts", "contacts/merge.ts"]]);
    expect(graph.get("outbound/queue.ts")).toEqual(["inbound/ingest.ts"]);
  });

  test("no import cycle in convex/", () => {
    const graph = importGraph(files);
    expect(graph.size).toBeGreaterThan(40);
    expect(cyclesOf(graph).map((c) => c.join(" -> "))).toEqual([]);
  });

  test("change sites raise events only through events/domain.ts emitDomainEvent", () => {
    // The two fan-out paths (webhooks, automation) are reached only through the one function, so
    // a change can never raise one consumer's event and forget the other's.
    const direct = Object.entries(files)
      .filter(([file]) => file !== "events/domain.ts")
      .filter(([, source]) => /import\s*\{[^}]*\b(emitEvent|emitAutomationEvent)\b[^}]*\}\s*from/.test(source))
      .map(([file]) => file);
    expect(direct).toEqual([]);
    expect(files["events/domain.ts"]).toMatch(/export async function emitDomainEvent/);
  });

  test("inbound/ and outbound/ never import each other", () => {
    const graph = importGraph(files);
    const crossing: string[] = [];
    for (const [file, deps] of graph) {
      for (const dep of deps) {
        const a = file.split("/")[0];
        const b = dep.split("/")[0];
        if ((a === "inbound" && b === "outbound") || (a === "outbound" && b === "inbound"))
          crossing.push(`${file} -> ${dep}`);
      }
    }
    expect(crossing).toEqual([]);
  });
});
