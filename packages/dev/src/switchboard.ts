/**
 * `pnpm switchboard <command>`: operator CLI against a deployment with its admin key.
 *
 *   org:create --name "Acme" --slug acme [--region US] [--timezone Europe/Paris] [--owner-email a@b.c]
 *   apikey:create --org acme --name "CRM sync"
 *   channel:configure --org acme --provider twilio --endpoint +14155550100 \
 *       --credential accountSid=AC... --credential authToken=... [--setting apiBaseUrl=...] [--name "SMS"]
 *   event:replay --event <inboundEventId>
 *
 * Connection: CONVEX_URL (default http://127.0.0.1:3210, the local backend) and
 * CONVEX_ADMIN_KEY (default: the key `pnpm dev` created in .data/convex/admin-key).
 */
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { readAdminKey } from "@switchboard/local-backend";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";

const USAGE = `Usage: pnpm switchboard <command> [options]

Commands:
  org:create         --name <name> --slug <slug> [--region US] [--timezone <IANA>] [--owner-email <email>]
  apikey:create      --org <slug> --name <name>
  channel:configure  --org <slug> --provider <twilio|vonage|meta|resend|generic|native> --endpoint <id>...
                     --credential key=value... [--setting key=value...] [--name <name>]
  event:replay       --event <inboundEventId>

Environment: CONVEX_URL (default http://127.0.0.1:3210), CONVEX_ADMIN_KEY (default: .data/convex/admin-key of pnpm dev)`;

type Admin = ConvexHttpClient & {
  setAdminAuth(key: string): void;
  // biome-ignore lint/suspicious/noExplicitAny: the admin client calls functions by name, so results are untyped Convex values
  function(ref: unknown, componentPath: undefined, args: unknown): Promise<any>;
};

/** CONVEX_ADMIN_KEY, else the key of the local backend `pnpm dev` runs (random per data directory). */
function adminKey(): string {
  if (process.env.CONVEX_ADMIN_KEY) return process.env.CONVEX_ADMIN_KEY;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
  const key = readAdminKey(join(root, ".data/convex"));
  if (!key)
    throw new Error("No admin key: set CONVEX_ADMIN_KEY, or start `pnpm dev` once so .data/convex/admin-key exists");
  return key;
}

function client(): Admin {
  const c = new ConvexHttpClient(process.env.CONVEX_URL ?? "http://127.0.0.1:3210") as Admin;
  c.setAdminAuth(adminKey());
  return c;
}

const call = (name: string, args: Record<string, unknown>) =>
  client().function(makeFunctionReference(name), undefined, args);

function pairs(values: string[] | undefined, what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of values ?? []) {
    const at = item.indexOf("=");
    if (at <= 0) throw new Error(`--${what} expects key=value, got "${item}"`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

async function orgId(slug: string | undefined): Promise<string> {
  if (!slug) throw new Error("--org <slug> is required");
  const org = await call("ops/cli:orgBySlug", { slug });
  if (!org) throw new Error(`No organization with slug "${slug}"`);
  return org._id;
}

function need(value: string | undefined, flag: string): string {
  if (!value) throw new Error(`${flag} is required`);
  return value;
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      slug: { type: "string" },
      region: { type: "string" },
      timezone: { type: "string" },
      "owner-email": { type: "string" },
      org: { type: "string" },
      provider: { type: "string" },
      endpoint: { type: "string", multiple: true },
      credential: { type: "string", multiple: true },
      setting: { type: "string", multiple: true },
      event: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (!command || command.startsWith("-") || values.help || command === "help") {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case "org:create": {
      const id = await call("orgs/admin:createOrganization", {
        name: need(values.name, "--name"),
        slug: need(values.slug, "--slug"),
        defaultRegion: values.region,
        timezone: values.timezone,
      });
      console.log(`Created organization ${values.slug} (${id})`);
      if (values["owner-email"]) {
        const invitation = await call("orgs/admin:invite", {
          slug: values.slug,
          email: values["owner-email"],
          role: "owner",
        });
        console.log(`Invited ${values["owner-email"]} as owner: ${JSON.stringify(invitation)}`);
        console.log("Sign up in the dashboard with that email to accept.");
      }
      return;
    }
    case "apikey:create": {
      const organizationId = await orgId(values.org);
      const key = `sb_live_${randomBytes(48)
        .toString("base64")
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 32)}`;
      const id = await call("ops/cli:createApiKey", { organizationId, name: need(values.name, "--name"), key });
      console.log(`API key ${id} created. Store it now, it is not shown again:\n${key}`);
      return;
    }
    case "channel:configure": {
      const organizationId = await orgId(values.org);
      const id = await call("channels/configs:createConfig", {
        organizationId,
        provider: need(values.provider, "--provider"),
        name: values.name,
        endpoints: values.endpoint ?? [],
        settings: pairs(values.setting, "setting"),
        credentials: pairs(values.credential, "credential"),
      });
      console.log(`Channel ${id} configured (${values.provider})`);
      return;
    }
    case "event:replay": {
      const result = await call("ops/cli:replayEvent", { eventId: need(values.event, "--event") });
      console.log(
        `Replayed: ${result.stored} stored, ${result.duplicates} already present, ${result.statusesApplied} statuses applied`,
      );
      return;
    }
    default:
      throw new Error(`Unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`error: ${error.message}`);
  process.exit(1);
});
