import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ADMIN_KEY_FILE, startLocalBackend } from "./index.js";

const HELP = `Switchboard local backend: a Convex-compatible runtime that runs offline.

Usage: pnpm local-backend [options]

Options:
  --functions <dir>    Convex functions directory (default: ./convex, or apps/api/convex from the repo root)
  --data <dir>         Persistence directory (default: ./.data/local-backend)
  --port <n>           Cloud/API + WebSocket sync port (default 3210; 0 = random)
  --site-port <n>      HTTP actions port (default 3211; 0 = random)
  --host <host>        Listen address (default 127.0.0.1)
  --admin-key <key>    Admin key (default: random per data dir, in <data>/admin-key, printed at start)
  --allow-origin <o>   Browser origin allowed to call the API (repeatable; default:
                       $LOCAL_BACKEND_ALLOWED_ORIGINS, else the origins in SITE_URL of --env-file)
  --workers <n>        Worker threads for query/mutation code, and up to twice as many for actions
                       (default: $LOCAL_BACKEND_WORKERS or
                       one per core, at least 2; 0 = main thread, no time limits)
  --env-file <file>    Load KEY=VALUE lines into the function environment
  --reset              Delete the data directory before starting
  --watch              Rebuild and reload functions on file change
  --quiet              Don't mirror function logs to the terminal
  -h, --help           Show this help

Clients: new ConvexClient(url) / new ConvexHttpClient(url); HTTP actions at the site URL.
Codegen: CONVEX_SELF_HOSTED_URL=<url> CONVEX_SELF_HOSTED_ADMIN_KEY=<key> npx convex codegen
`;

function parseEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]!] = v;
  }
  return out;
}

async function main() {
  const { values } = parseArgs({
    options: {
      functions: { type: "string" },
      data: { type: "string" },
      port: { type: "string" },
      "site-port": { type: "string" },
      host: { type: "string" },
      "admin-key": { type: "string" },
      "allow-origin": { type: "string", multiple: true },
      workers: { type: "string" },
      "env-file": { type: "string" },
      reset: { type: "boolean" },
      watch: { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const cwd = process.env.INIT_CWD ?? process.cwd();
  let functionsDir = values.functions ? path.resolve(cwd, values.functions) : path.resolve(cwd, "convex");
  if (!values.functions && !fs.existsSync(functionsDir) && fs.existsSync(path.resolve(cwd, "apps/api/convex")))
    functionsDir = path.resolve(cwd, "apps/api/convex");
  const dataDir = path.resolve(cwd, values.data ?? ".data/local-backend");
  if (values.reset) fs.rmSync(dataDir, { recursive: true, force: true });
  const env = values["env-file"] ? parseEnvFile(path.resolve(cwd, values["env-file"])) : {};
  const backend = await startLocalBackend({
    functionsDir,
    dataDir,
    port: values.port !== undefined ? Number(values.port) : undefined,
    sitePort: values["site-port"] !== undefined ? Number(values["site-port"]) : undefined,
    host: values.host,
    adminKey: values["admin-key"],
    allowedOrigins: values["allow-origin"],
    workers:
      values.workers !== undefined
        ? Number(values.workers)
        : process.env.LOCAL_BACKEND_WORKERS
          ? Number(process.env.LOCAL_BACKEND_WORKERS)
          : undefined,
    env,
    watch: !!values.watch,
    quiet: !!values.quiet,
  });
  console.log(`[local-backend] functions: ${functionsDir}`);
  console.log(`[local-backend] data:      ${dataDir}`);
  console.log(`[local-backend] cloud url: ${backend.url}`);
  console.log(`[local-backend] site url:  ${backend.siteUrl}`);
  console.log(
    `[local-backend] admin key: ${backend.adminKey}${values["admin-key"] ? "" : ` (from ${path.join(dataDir, ADMIN_KEY_FILE)})`}`,
  );
  console.log(`[local-backend] ready`);
  let stopping = false;
  const shutdown = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[local-backend] ${sig}: stopping`);
    try {
      await backend.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(`[local-backend] failed to start: ${e?.stack ?? e}`);
  process.exit(1);
});
