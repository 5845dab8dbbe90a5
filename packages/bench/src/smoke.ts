import { spawnBackend } from "./lib/backend";
import { AdminApi } from "./lib/admin";
import { mixedWebhook, seedBenchOrg } from "./lib/webhooks";
import { runLoad } from "./lib/load";
const t0 = Date.now();
import { prepareFunctionsDir } from "./lib/functions";
const fn = prepareFunctionsDir();
console.log(fn.source, fn.dir);
const b = await spawnBackend({ functionsDir: fn.dir });
console.log("ready in", Date.now() - t0, b.url, b.siteUrl);
try {
  const admin = new AdminApi(b.url, b.adminKey);
  const org = await seedBenchOrg(admin, "smoke", { coalesceWindowMs: 3_600_000 });
  console.log(org);
  const reqs = Array.from({ length: 600 }, (_, i) => mixedWebhook(b.siteUrl, i, "s"));
  const r = await runLoad(b.siteUrl, reqs, { concurrency: 16 });
  console.log({ ...r, outcomes: undefined });
} finally {
  await b.stop();
  console.log(b.output().slice(-3000));
}
