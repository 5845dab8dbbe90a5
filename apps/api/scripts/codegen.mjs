#!/usr/bin/env node
// Regenerates apps/api/convex/_generated without a Convex account or network.
// `convex codegen --system-udfs` is the CLI's offline path: it renders api.d.ts from the module
// list (ApiFromModules, fully typed) and dataModel.d.ts from schema.ts, and calls no deployment.
// Once the app adopts Convex components, run `pnpm dev` and use `pnpm codegen --local`, which
// asks the local backend (it answers the two endpoints codegen needs) so `components` is emitted.
import { spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const local = process.argv.includes("--local");
const args = local ? ["convex", "codegen", "--typecheck", "disable"] : ["convex", "codegen", "--system-udfs", "--typecheck", "disable"];
const env = { ...process.env, CONVEX_TELEMETRY_DISABLED: "1" };
if (local) {
  env.CONVEX_SELF_HOSTED_URL ??= "http://127.0.0.1:3210";
  env.CONVEX_SELF_HOSTED_ADMIN_KEY ??= "switchboard-local-admin-key";
}
const result = spawnSync("pnpm", ["exec", ...args], { cwd: root, stdio: "inherit", env });
process.exit(result.status ?? 1);
