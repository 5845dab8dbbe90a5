/**
 * Local backend as a CHILD PROCESS (its CLI), so benchmarks measure it over real loopback HTTP
 * without sharing an event loop with the load generator, and reliability tests can kill -9 it.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const REPO_ROOT = path.resolve(BENCH_DIR, "../..");
const API_FUNCTIONS_DIR = path.join(REPO_ROOT, "apps/api/convex");
const CLI = path.join(REPO_ROOT, "packages/local-backend/src/cli.ts");

/**
 * `SWITCHBOARD_BENCH_BACKEND=<git rev>`: run the local backend as it was at that commit (its
 * `packages/local-backend/src` from `git archive`, with this checkout's node_modules), so a
 * before/after pair of a runtime change runs from one checkout while it is being edited.
 */
let revCli: string | null = null;
function defaultCli(): string {
  const root = backendRevRoot();
  if (!root) return CLI;
  revCli = path.join(root, "src/cli.ts");
  return revCli;
}

const revRoots = new Map<string, string>();
/** `SWITCHBOARD_BENCH_BACKEND`'s `packages/local-backend` (its src/), or null when unset. */
export function backendRevRoot(): string | null {
  const rev = process.env.SWITCHBOARD_BENCH_BACKEND?.trim();
  return rev ? backendRootAt(rev) : null;
}

/** The local-backend CLI as it was at git `rev` (for `cli` in SpawnOptions). */
export function backendCliAt(rev: string): string {
  return path.join(backendRootAt(rev), "src/cli.ts");
}

/** `packages/local-backend` at git `rev` (its src/, with this checkout's node_modules). */
function backendRootAt(rev: string): string {
  const cached = revRoots.get(rev);
  if (cached) return cached;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "sb-bench-backend-"));
  const tar = execFileSync("git", ["archive", "--format=tar", rev, "packages/local-backend/src"], {
    cwd: REPO_ROOT,
    maxBuffer: 256 * 2 ** 20,
  });
  execFileSync("tar", ["-x", "-C", root, "--strip-components=2"], { input: tar });
  fs.writeFileSync(path.join(root, "package.json"), '{"type":"module"}\n');
  fs.symlinkSync(path.join(REPO_ROOT, "packages/local-backend/node_modules"), path.join(root, "node_modules"), "dir");
  process.on("exit", () => fs.rmSync(root, { recursive: true, force: true }));
  revRoots.set(rev, root);
  return root;
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Never leave a backend behind, whatever happens to this process.
  process.on("exit", () => {
    for (const c of children) {
      try {
        c.kill("SIGKILL");
      } catch {
        /* gone */
      }
    }
  });
}

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface BackendProcess {
  url: string;
  siteUrl: string;
  adminKey: string;
  dataDir: string;
  functionsDir: string;
  envFile: string;
  proc: ChildProcess;
  pid: number;
  output(): string;
  /** Resolves with the exit code/signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  functionsDir?: string;
  dataDir?: string;
  /** Reuse an env file (same encryption key) across restarts. */
  envFile?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  /** Extra node flags for the backend process, e.g. ["--cpu-prof", "--cpu-prof-dir=/tmp/p"]. */
  nodeArgs?: string[];
  /** Extra local-backend CLI flags, e.g. ["--workers", "0"]. */
  cliArgs?: string[];
  /** Another local-backend CLI entry (the in-memory runtime from git for the restart baseline). */
  cli?: string;
}

function newEnvFile(dir: string, env: Record<string, string> = {}): string {
  const file = path.join(dir, "backend.env");
  const all = { SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString("base64"), ...env };
  fs.writeFileSync(
    file,
    `${Object.entries(all)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n")}\n`,
    { mode: 0o600 },
  );
  return file;
}

/** Spawn `local-backend` (the CLI) on random free ports and wait until it prints "ready". */
export async function spawnBackend(opts: SpawnOptions = {}): Promise<BackendProcess> {
  installExitHook();
  const dataDir = opts.dataDir ?? tmpDir("sb-bench-data-");
  const functionsDir = opts.functionsDir ?? API_FUNCTIONS_DIR;
  const envFile = opts.envFile ?? newEnvFile(tmpDir("sb-bench-env-"), opts.env);
  const args = [
    ...(opts.nodeArgs ?? []),
    "--import",
    "tsx",
    opts.cli ?? defaultCli(),
    "--functions",
    functionsDir,
    "--data",
    dataDir,
    "--port",
    "0",
    "--site-port",
    "0",
    "--env-file",
    envFile,
    "--quiet",
    ...(opts.cliArgs ?? []),
  ];
  const proc = spawn(process.execPath, args, {
    cwd: BENCH_DIR,
    env: { ...process.env, INIT_CWD: BENCH_DIR },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(proc);
  let out = "";
  proc.stdout!.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  proc.stderr!.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on("exit", (code, signal) => {
      children.delete(proc);
      resolve({ code, signal });
    }),
  );
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const deadline = Date.now() + timeoutMs;
  while (!/\[local-backend\] ready/.test(out)) {
    if (proc.exitCode !== null || proc.signalCode !== null)
      throw new Error(`local backend exited before ready:\n${out}`);
    if (Date.now() > deadline) {
      proc.kill("SIGKILL");
      throw new Error(`local backend not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const grab = (label: string) => {
    const m = new RegExp(`\\[local-backend\\] ${label}:\\s*(\\S+)`).exec(out);
    if (!m) throw new Error(`could not read "${label}" from backend output:\n${out}`);
    return m[1]!;
  };
  const backend: BackendProcess = {
    url: grab("cloud url"),
    siteUrl: grab("site url"),
    adminKey: grab("admin key"),
    dataDir,
    functionsDir,
    envFile,
    proc,
    pid: proc.pid!,
    output: () => out,
    exited,
    async kill9() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return backend;
}
