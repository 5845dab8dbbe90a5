/**
 * The whole product for end-to-end tests, offline, on its own ports and a fresh data directory:
 * provider simulator, local Convex-compatible backend and the built dashboard (.output).
 *   node --import tsx e2e/stack.ts      (from apps/web; needs `nuxt build` first)
 * Writes e2e/.stack.json (URLs, admin key) for the tests and runs until SIGTERM/SIGINT.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalBackend } from "@switchboard/local-backend";
import { startProviderSim } from "@switchboard/provider-sim";

const here = dirname(fileURLToPath(import.meta.url));
const web = resolve(here, "..");
const root = resolve(web, "../..");
export const E2E_PORTS = {
  api: Number(process.env.E2E_API_PORT ?? 0),
  site: Number(process.env.E2E_SITE_PORT ?? 0),
  sim: Number(process.env.E2E_SIM_PORT ?? 0),
  web: Number(process.env.E2E_WEB_PORT ?? 3477),
};

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), "switchboard-e2e-"));
  const webUrl = `http://127.0.0.1:${E2E_PORTS.web}`;
  const backend = await startLocalBackend({
    functionsDir: join(root, "apps/api/convex"),
    dataDir: join(dataDir, "convex"),
    port: E2E_PORTS.api,
    sitePort: E2E_PORTS.site,
    env: {
      SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
      SITE_URL: `${webUrl},http://localhost:${E2E_PORTS.web}`,
      // Every spec's browser signs up from 127.0.0.1: more than the production 5 a minute.
      SWITCHBOARD_SIGNUP_PER_MINUTE: "100",
    },
    watch: false,
  });
  const sim = await startProviderSim({ port: E2E_PORTS.sim, webhookBaseUrl: backend.siteUrl });
  // The backend runs its functions in this process and they read process.env per call: allowlist the
  // simulator's (random) origin for provider URLs, as pnpm dev does for :3220.
  process.env.SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST = sim.url;
  const server = spawn(process.execPath, [join(web, ".output/server/index.mjs")], {
    cwd: web,
    stdio: "inherit",
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: String(E2E_PORTS.web),
      NUXT_PUBLIC_CONVEX_URL: backend.url,
      NUXT_PUBLIC_CONVEX_SITE_URL: backend.siteUrl,
    },
  });
  writeFileSync(
    join(here, ".stack.json"),
    JSON.stringify(
      { webUrl, apiUrl: backend.url, siteUrl: backend.siteUrl, simUrl: sim.url, adminKey: backend.adminKey },
      null,
      2,
    ),
  );
  console.log(`e2e stack: web ${webUrl} api ${backend.url} site ${backend.siteUrl} sim ${sim.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGTERM");
    await Promise.allSettled([backend.stop(), sim.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`dashboard server exited (${code})`);
      void stop();
    }
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
