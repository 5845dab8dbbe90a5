import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import WebSocket from "ws";
import { type LocalBackend, type LocalBackendOptions, startLocalBackend } from "../src/index.js";

export const PKG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const FIXTURE_DIR = path.join(PKG_DIR, "test/fixtures/convex");

const tmpDirs: string[] = [];
/** Remove the temp dirs created by this test file (called from test/setup.ts afterAll). */
export function cleanupTmpDirs() {
  for (const d of tmpDirs.splice(0)) {
    try {
      fs.rmSync(d, { recursive: true, force: true });
    } catch {
      /* ignore */
    }
  }
}
export function tmpDir(prefix = "lb-test-"): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
}

export async function start(opts: Partial<LocalBackendOptions> = {}): Promise<LocalBackend & { dataDir: string }> {
  const dataDir = opts.dataDir ?? tmpDir();
  const b = await startLocalBackend({
    functionsDir: FIXTURE_DIR,
    dataDir,
    port: 0,
    sitePort: 0,
    quiet: true,
    ...opts,
  });
  return Object.assign(b, { dataDir });
}

export function client(url: string): ConvexClient {
  return new ConvexClient(url, { webSocketConstructor: WebSocket as any, unsavedChangesWarning: false });
}

export async function waitFor<T>(
  fn: () => T | Promise<T>,
  pred: (v: T) => boolean = (v) => !!v,
  timeoutMs = 20_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastErr: unknown;
  while (Date.now() < deadline) {
    try {
      last = await fn();
      if (pred(last)) return last;
    } catch (e) {
      lastErr = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`waitFor timed out; last value: ${JSON.stringify(last)} ${lastErr ? String(lastErr) : ""}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on("error", reject);
  });
}

export interface CliProc {
  proc: ChildProcess;
  url: string;
  siteUrl: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Spawn the CLI as a child process and wait until it is ready. */
export async function spawnCli(args: string[], env: Record<string, string> = {}): Promise<CliProc> {
  const proc = spawn(process.execPath, ["--import", "tsx", path.join(PKG_DIR, "src/cli.ts"), ...args], {
    cwd: PKG_DIR,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (d) => (out += d.toString()));
  proc.stderr!.on("data", (d) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => proc.on("exit", (code) => r(code)));
  await waitFor(
    () => out,
    (o) => o.includes("[local-backend] ready") || proc.exitCode !== null,
    30_000,
  );
  if (proc.exitCode !== null) throw new Error(`CLI exited early:\n${out}`);
  const url = /cloud url: (\S+)/.exec(out)![1]!;
  const siteUrl = /site url:\s+(\S+)/.exec(out)![1]!;
  return { proc, url, siteUrl, output: () => out, exited };
}

export async function killCli(c: CliProc, signal: NodeJS.Signals = "SIGTERM") {
  if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill(signal);
  await c.exited;
}

export async function makeKeys() {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk = await exportJWK(publicKey);
  jwk.kid = "k1";
  jwk.alg = "RS256";
  const jwks = `data:application/json,${encodeURIComponent(JSON.stringify({ keys: [jwk] }))}`;
  const sign = async (
    claims: Record<string, unknown>,
    opts: { expSeconds?: number; iss?: string; aud?: string } = {},
  ) => {
    const now = Math.floor(Date.now() / 1000);
    return await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(opts.iss ?? "https://issuer.test")
      .setAudience(opts.aud ?? "switchboard-test")
      .setIssuedAt(now)
      .setExpirationTime(now + (opts.expSeconds ?? 3600))
      .sign(privateKey);
  };
  return { jwks, sign };
}
