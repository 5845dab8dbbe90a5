/**
 * `pnpm dev`: the whole product on one machine, offline.
 *   1. provider simulator (fake Twilio, Vonage, Meta, Resend) on :3220
 *   2. local Convex-compatible backend on :3210 (API + sync) and :3211 (HTTP actions/webhooks)
 *   3. demo organization seeded on first start: two logins, then 90 days of history played by the
 *      backend (`seed/history:run`, idempotent: later starts only finish what is missing)
 *   4. the Nuxt dashboard (dev server) on :3000
 * Data lives in .data/ (delete it to start over). Ctrl-C stops everything.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startLocalBackend } from "@switchboard/local-backend";
import { startProviderSim } from "@switchboard/provider-sim";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { startDashboardDev } from "./dashboard";
import { DEMO_USERS, type DemoSecrets, demoChannels, ensureDemoUser, newDemoSecrets } from "./demo-data";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const dataDir = join(root, ".data");
const envFile = join(dataDir, "env.json");

const PORTS = { api: 3210, site: 3211, sim: 3220, web: Number(process.env.PORT ?? 3000) };

function loadOrCreateEnv(): Record<string, string> {
  mkdirSync(dataDir, { recursive: true });
  if (existsSync(envFile)) {
    const saved = JSON.parse(readFileSync(envFile, "utf8"));
    // Data dirs created before sign-in existed get their Better Auth secret on the next start.
    if (!saved.BETTER_AUTH_SECRET) {
      saved.BETTER_AUTH_SECRET = randomBytes(32).toString("base64");
      writeFileSync(envFile, JSON.stringify(saved, null, 2), { mode: 0o600 });
    }
    return saved;
  }
  const env = {
    SWITCHBOARD_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64"),
    ...Object.fromEntries(Object.entries(newDemoSecrets()).map(([k, v]) => [`DEMO_${k}`, v])),
  };
  writeFileSync(envFile, JSON.stringify(env, null, 2), { mode: 0o600 });
  return env;
}

async function main() {
  const env = loadOrCreateEnv();
  const secrets: DemoSecrets = {
    genericSigningSecret: env.DEMO_genericSigningSecret!,
    chatSessionSecret: env.DEMO_chatSessionSecret!,
  };
  const siteUrl = `http://127.0.0.1:${PORTS.site}`;
  const functionEnv = {
    SWITCHBOARD_ENCRYPTION_KEY: env.SWITCHBOARD_ENCRYPTION_KEY!,
    // Better Auth (apps/api/convex/auth.ts): session signing key, and the dashboard origins it trusts.
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET!,
    SITE_URL: `http://127.0.0.1:${PORTS.web},http://localhost:${PORTS.web}`,
    // Provider URLs must be https public hosts; the simulator is the one loopback origin allowed
    // (the backend's own ports stay refused even if listed: see packages/channels/src/urlPolicy.ts).
    SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST: `http://127.0.0.1:${PORTS.sim}`,
  };

  // The simulator signs with its development accounts; the demo channels hold the same secrets.
  const sim = await startProviderSim({ port: PORTS.sim, host: "127.0.0.1", webhookBaseUrl: siteUrl });

  const backend = await startLocalBackend({
    functionsDir: join(root, "apps/api/convex"),
    dataDir: join(dataDir, "convex"),
    port: PORTS.api,
    sitePort: PORTS.site,
    host: "127.0.0.1",
    env: functionEnv,
    // Only the dashboard's own pages may call the API from a browser.
    allowedOrigins: [`http://127.0.0.1:${PORTS.web}`, `http://localhost:${PORTS.web}`],
    watch: true,
  });

  // Operator calls (internal functions) go through the HTTP API with the admin key.
  const admin = new ConvexHttpClient(backend.url) as ConvexHttpClient & {
    setAdminAuth(key: string): void;
    // biome-ignore lint/suspicious/noExplicitAny: the admin client calls functions by name, so results are untyped Convex values
    function(ref: unknown, componentPath: undefined, args: unknown): Promise<any>;
  };
  admin.setAdminAuth(backend.adminKey);
  const call = (name: string, args: Record<string, unknown>) =>
    admin.function(makeFunctionReference(name), undefined, args);
  const { organizationId, created } = (await call("seed/demo:ensureDemo", {
    channels: demoChannels(sim.url, secrets),
  })) as { organizationId: string; created: boolean };
  if (created) {
    for (const user of DEMO_USERS) {
      await ensureDemoUser({
        user,
        siteUrl,
        cloudUrl: backend.url,
        dashboardOrigin: `http://127.0.0.1:${PORTS.web}`,
        invite: (email, role) => call("orgs/admin:invite", { slug: "demo", email, role }),
      });
    }
  }
  const seedStart = performance.now();
  // Later starts only finish an interrupted seed; an older demo organization is left alone.
  const { seeded, untouched } = (await call("seed/history:run", { organizationId, resumeOnly: !created })) as {
    seeded: number;
    untouched: boolean;
  };
  const seedNote = seeded
    ? `\n    demo history     ${seeded} conversations seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`
    : untouched
      ? "\n    demo history     not seeded: this demo organization predates it (delete .data/ to get it)"
      : "";

  // Everything `pnpm dev` starts listens on loopback only: the simulator and the backend bind
  // 127.0.0.1 by default, and the dashboard's dev server too (dashboard.ts).
  const web = startDashboardDev(PORTS.web, { CONVEX_URL: backend.url, CONVEX_SITE_URL: backend.siteUrl });

  console.log(`
  Switchboard is running
    dashboard        http://127.0.0.1:${PORTS.web}
    convex API       ${backend.url}
    admin key        ${backend.adminKey}   (random for this data dir, in .data/convex/admin-key)
    webhooks (site)  ${backend.siteUrl}
    provider sim     ${sim.url}
    sign in as       ${DEMO_USERS.map((u) => `${u.email} / ${u.password} (${u.role})`).join("\n                     ")}
    data             ${dataDir}${created ? "\n    demo organization created (slug: demo)" : ""}${seedNote}
`);

  const shutdown = async () => {
    try {
      if (web.pid) process.kill(-web.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await Promise.allSettled([backend.stop(), sim.stop()]);
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  web.on("exit", (code) => {
    if (code !== 0 && code !== null) console.error(`dashboard exited with ${code}`);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
