import { AdminApi } from "../src/lib/admin";
import { type BackendProcess, spawnBackend } from "../src/lib/backend";
import { prepareFunctionsDir } from "../src/lib/functions";
import { type SeededOrg, seedBenchOrg } from "../src/lib/webhooks";

export { runLoad, sendOne } from "../src/lib/load";
export { mixedWebhook } from "../src/lib/webhooks";

export interface Env {
  backend: BackendProcess;
  admin: AdminApi;
  org: SeededOrg;
  functions: ReturnType<typeof prepareFunctionsDir>;
}

/** A backend child process on a private functions copy (with the inspect probe) + a seeded org. */
export async function startEnv(slug: string): Promise<Env> {
  const functions = prepareFunctionsDir();
  const backend = await spawnBackend({ functionsDir: functions.dir });
  const admin = new AdminApi(backend.url, backend.adminKey);
  // Long debounce: downstream hooks stay out of the way; this suite is about the ingest path.
  const org = await seedBenchOrg(admin, slug, { coalesceWindowMs: 3_600_000 });
  return { backend, admin, org, functions };
}

export async function stopEnv(env: Env | undefined) {
  if (!env) return;
  await env.backend.stop();
  env.functions.cleanup();
}

/** One entry per stored message row: "<channel>:<provider message id>". */
export async function storedMessageIds(admin: AdminApi, organizationId: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: { ids: string[]; isDone: boolean; continueCursor: string } = await admin.call(
      "benchProbe/inspect:messageIds",
      { organizationId, cursor },
    );
    out.push(...page.ids);
    if (page.isDone) return out;
    cursor = page.continueCursor;
  }
}

export function shuffle<T>(xs: T[], seed = 42): T[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export const CHANNEL_OF = { twilio: "sms", meta: "whatsapp", resend: "email" } as const;

export function figure(label: string, value: unknown) {
  console.log(`[reliability] ${label}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
}
