/**
 * How `pnpm dev` starts the dashboard's dev server: on loopback only. Nuxt's HTTP server gets
 * `--host`, and the `nuxt-local-layer` sets Vite's HMR WebSocket host, which otherwise listens on
 * all interfaces (issue 14 item 16). test/loopback.test.ts starts it this way and checks every
 * listening socket of the process tree.
 */
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function startDashboardDev(port: number, env: Record<string, string>, stdio: "inherit" | "ignore" = "inherit") {
  const args = [
    "--port",
    String(port),
    "--host",
    "127.0.0.1",
    "--extends",
    join(REPO_ROOT, "packages/dev/nuxt-local-layer"),
  ];
  return spawn("pnpm", ["--filter", "@switchboard/web", "dev", ...args], {
    cwd: REPO_ROOT,
    stdio,
    // Own process group, so shutdown stops nuxt's worker processes too.
    detached: true,
    env: { ...process.env, ...env, NUXT_TELEMETRY_DISABLED: "1" },
  });
}
