/**
 * `pnpm --filter @switchboard/bench bench:reports [-- --messages 1000000]`: the reports benchmark
 * alone (src/lib/reports.ts) on its own local backend; `pnpm bench` runs it too, as its last section.
 */
import os from "node:os";
import { AdminApi } from "./lib/admin";
import { spawnBackend } from "./lib/backend";
import { prepareFunctionsDir } from "./lib/functions";
import { round } from "./lib/load";
import { reportsBench } from "./lib/reports";
import { seedBenchOrg } from "./lib/webhooks";

const argv = process.argv.slice(2);
const i = argv.indexOf("--messages");
const messages = i >= 0 ? Number(argv[i + 1]) : 1_000_000;
const log = (...a: unknown[]) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

const fn = prepareFunctionsDir();
try {
  const backend = await spawnBackend({ functionsDir: fn.dir });
  const admin = new AdminApi(backend.url, backend.adminKey);
  const org = await seedBenchOrg(admin, "reports");
  const out = await reportsBench(admin, org, { messages, log });
  console.log(JSON.stringify({ ...out, loadAverage: os.loadavg().map((x) => round(x)) }, null, 2));
  await backend.stop();
} finally {
  fn.cleanup();
}
process.exit(0);
