/**
 * Manual demo entry point:
 *   pnpm --filter @switchboard/provider-sim start -- --port 3220 --webhook-base http://127.0.0.1:3211
 * Flags: --port N (default 4010; 0 = random), --host H, --webhook-base URL (or PROVIDER_SIM_WEBHOOK_BASE),
 *        --no-auto-deliver, --status-delay MS, --resend-inbound inline|metadata,
 *        --webhook-retry MS,MS,... [--webhook-give-up MS], --quiet
 */
import { startProviderSim } from "./server";
import { SIM_PROVIDERS } from "./types";

function parseArgs(argv: string[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    if (eq > 0) {
      out.set(a.slice(2, eq), a.slice(eq + 1));
    } else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        out.set(a.slice(2), next);
        i++;
      } else out.set(a.slice(2), true);
    }
  }
  return out;
}

const HELP = `provider-sim: loopback fakes of Twilio, Vonage, Meta Graph (WhatsApp) and Resend

  --port N              listen port (default 3220, 0 = random; env PROVIDER_SIM_PORT)
  --host H              listen host (default 127.0.0.1)
  --webhook-base URL    where webhooks go (default http://127.0.0.1:3211; env PROVIDER_SIM_WEBHOOK_BASE)
  --no-auto-deliver     do not post sent/delivered/read callbacks after sends
  --status-delay MS     delay between automatic callbacks (default 50)
  --resend-inbound M    email.received payload: inline (default) | metadata
  --webhook-retry MS,MS retry failed webhooks after these delays (all messaging providers; default: no retry)
  --webhook-give-up MS  stop retrying this long after the first attempt
  --quiet               no request log
`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.has("help") || args.has("h")) {
    process.stdout.write(HELP);
    return;
  }
  const str = (k: string) => {
    const v = args.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const port = Number(str("port") ?? process.env.PROVIDER_SIM_PORT ?? 3220);
  const webhookBaseUrl = str("webhook-base") ?? process.env.PROVIDER_SIM_WEBHOOK_BASE ?? "http://127.0.0.1:3211";
  const inboundMode = str("resend-inbound");
  const retry = str("webhook-retry");
  const delaysMs = retry ? retry.split(",").map((x) => Number(x.trim())) : [];
  if (delaysMs.some((d) => !Number.isFinite(d) || d < 0))
    throw new Error(`--webhook-retry expects MS,MS,... got ${retry}`);
  const giveUp = str("webhook-give-up");
  const policy =
    delaysMs.length > 0 ? { delaysMs, giveUpAfterMs: giveUp !== undefined ? Number(giveUp) : undefined } : "none";
  const sim = await startProviderSim({
    port,
    host: str("host"),
    webhookBaseUrl,
    autoDeliver: !args.has("no-auto-deliver"),
    statusDelayMs: str("status-delay") !== undefined ? Number(str("status-delay")) : undefined,
    resendInboundContent: inboundMode === "metadata" ? "metadata" : "inline",
    log: !args.has("quiet"),
    webhookRetries: { twilio: policy, vonage: policy, meta: policy, resend: policy },
  });
  const accounts = Object.fromEntries(SIM_PROVIDERS.map((p) => [p, sim.account(p)]));
  process.stdout.write(
    `provider-sim listening on ${sim.url}\nwebhooks -> ${webhookBaseUrl}\naccounts:\n${JSON.stringify(accounts, null, 2)}\n` +
      `admin: GET ${sim.url}/_sim/requests | POST ${sim.url}/_sim/inbound {"provider":"twilio","from":"+15551234567","text":"hi"}\n`,
  );
  const shutdown = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err) => {
  process.stderr.write(`provider-sim: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
