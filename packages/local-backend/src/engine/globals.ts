/**
 * Process-wide hooks function code runs against: `globalThis.Convex` (the syscall entry points
 * the `convex` package calls), `console.*` captured into log lines, and `fetch` refused in
 * queries and mutations. Routed to the engine whose AsyncLocalStorage holds the running call.
 */
import type { Engine } from "../engine.js";
import { formatLogArgs, RawJson } from "../values.js";
import type { JsSyscallArgs } from "./syscalls.js";
import type { ExecContext } from "./transaction.js";

// ---------------------------------------------------------------- globals
export const originalConsole = {
  log: console.log.bind(console),
  info: console.info.bind(console),
  warn: console.warn.bind(console),
  error: console.error.bind(console),
  debug: console.debug.bind(console),
};

const engines = new Set<Engine>();
function currentEngine(): { engine: Engine; ctx: ExecContext } | null {
  for (const e of engines) {
    const ctx = e.als.getStore();
    if (ctx) return { engine: e, ctx };
  }
  return null;
}

let installed = false;
export function installGlobals(engine: Engine) {
  engines.add(engine);
  if (installed) return;
  installed = true;
  (globalThis as { Convex?: unknown }).Convex = {
    syscall(op: string, json: string): string {
      const c = currentEngine();
      if (!c) throw new Error(`Convex syscall ${op} outside of a function`);
      return JSON.stringify(c.engine.syscall(op, JSON.parse(json)) ?? null);
    },
    async asyncSyscall(op: string, json: string): Promise<string> {
      const c = currentEngine();
      if (!c) throw new Error(`Convex syscall ${op} outside of a function`);
      const r = await c.engine.asyncSyscall(op, JSON.parse(json));
      return r instanceof RawJson ? r.json : JSON.stringify(r ?? null);
    },
    jsSyscall(op: string, args: JsSyscallArgs): unknown {
      const c = currentEngine();
      if (!c) throw new Error(`Convex syscall ${op} outside of a function`);
      return c.engine.jsSyscall(op, args);
    },
  };
  const levels: [keyof typeof originalConsole, string][] = [
    ["log", "LOG"],
    ["info", "INFO"],
    ["warn", "WARN"],
    ["error", "ERROR"],
    ["debug", "DEBUG"],
  ];
  for (const [m, level] of levels) {
    console[m] = (...args: unknown[]) => {
      const c = currentEngine();
      if (!c) return originalConsole[m](...args);
      const line = formatLogArgs(level, args);
      c.ctx.logLines.push(line);
      if (!c.engine.opts.quiet) {
        const letter = { query: "Q", mutation: "M", action: "A", httpAction: "H" }[c.ctx.udfType];
        originalConsole[m](`[CONVEX ${letter}(${c.ctx.udfPath.replace(/:default$/, "")})] ${line}`);
      }
    };
  }
  const realFetch = globalThis.fetch;
  if (realFetch) {
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const c = currentEngine();
      if (c && (c.ctx.udfType === "query" || c.ctx.udfType === "mutation"))
        return Promise.reject(
          new Error(`Can't use fetch() in queries and mutations. Please consider using an action.`),
        );
      return realFetch(input, init);
    }) as typeof fetch;
  }
}
export function uninstallEngine(engine: Engine) {
  engines.delete(engine);
}
