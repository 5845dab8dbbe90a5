#!/usr/bin/env node
// Regenerates apps/api/convex/_generated without a Convex account or network.
// `convex codegen --system-udfs` is the CLI's offline path: it renders api.d.ts from the module
// list (ApiFromModules, fully typed) and dataModel.d.ts from schema.ts, and calls no deployment.
// It does NOT emit `components` (the app's Convex components, see convex/convex.config.ts), so
// this script adds them afterwards, exactly as a deployment-backed codegen writes them:
//   api.d.ts  export declare const components: { "<name>": import("<pkg>/_generated/component.js").ComponentApi<"<name>">, };
//   api.js    export const components = componentsGeneric();
// `pnpm codegen --local` asks a running local backend instead (`pnpm dev`), once it answers the
// codegen endpoints for apps with components; the patch is then a no-op.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const apiDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const root = resolve(apiDir, "../..");
const functionsDir = resolve(apiDir, "convex");
const local = process.argv.includes("--local");
const args = local
  ? ["convex", "codegen", "--typecheck", "disable"]
  : ["convex", "codegen", "--system-udfs", "--typecheck", "disable"];
const env = { ...process.env, CONVEX_TELEMETRY_DISABLED: "1" };
if (local) {
  env.CONVEX_SELF_HOSTED_URL ??= "http://127.0.0.1:3210";
  // The local backend's admin key is random per data directory (written by `pnpm dev`).
  const keyFile = resolve(root, ".data/convex/admin-key");
  env.CONVEX_SELF_HOSTED_ADMIN_KEY ??= existsSync(keyFile) ? readFileSync(keyFile, "utf8").trim() : undefined;
  if (!env.CONVEX_SELF_HOSTED_ADMIN_KEY) {
    console.error("codegen --local: no admin key; start `pnpm dev` first or set CONVEX_SELF_HOSTED_ADMIN_KEY");
    process.exit(1);
  }
}
const result = spawnSync("pnpm", ["exec", ...args], { cwd: root, stdio: "inherit", env });
if (result.status !== 0) process.exit(result.status ?? 1);
addComponents();

/** Components installed by convex.config.ts: `import x from "<pkg>/convex.config"` + `app.use(x[, { name }])`. */
function installedComponents() {
  const configPath = resolve(functionsDir, "convex.config.ts");
  if (!existsSync(configPath)) return [];
  const source = readFileSync(configPath, "utf8");
  const imports = new Map();
  for (const m of source.matchAll(/import\s+(\w+)\s+from\s+["']([^"']+)\/convex\.config(?:\.js)?["']/g)) {
    imports.set(m[1], m[2]);
  }
  const require = createRequire(resolve(apiDir, "package.json"));
  const components = [];
  for (const m of source.matchAll(/\.use\(\s*(\w+)\s*(?:,\s*\{([^}]*)\})?\s*\)/g)) {
    const pkg = imports.get(m[1]);
    if (!pkg) throw new Error(`codegen: can't tell which package app.use(${m[1]}) in convex.config.ts comes from`);
    let name = m[2]?.match(/name\s*:\s*["']([^"']+)["']/)?.[1];
    if (!name) {
      // The component's default name is the one its own convex.config passes to defineComponent().
      const definition = readFileSync(require.resolve(`${pkg}/convex.config`), "utf8");
      name = definition.match(/defineComponent\(\s*["']([^"']+)["']/)?.[1];
      if (!name) throw new Error(`codegen: no defineComponent("<name>") in ${pkg}/convex.config`);
    }
    components.push({ name, pkg });
  }
  return components;
}

function addComponents() {
  const components = installedComponents();
  if (components.length === 0) return;
  const dts = resolve(functionsDir, "_generated/api.d.ts");
  const js = resolve(functionsDir, "_generated/api.js");
  const d = readFileSync(dts, "utf8");
  const declaration = `export declare const components: {\n${components
    .map(
      ({ name, pkg }) =>
        `  ${JSON.stringify(name)}: import("${pkg}/_generated/component.js").ComponentApi<${JSON.stringify(name)}>;`,
    )
    .join("\n")}\n};`;
  // A deployment that does not report its child components yields `components: {}`: fill it in.
  if (/export declare const components: \{\s*\};/.test(d)) {
    writeFileSync(dts, d.replace(/export declare const components: \{\s*\};/, declaration));
  } else if (!/export declare const components\b/.test(d)) {
    writeFileSync(dts, `${d.trimEnd()}\n\n${declaration}\n`);
  }
  let j = readFileSync(js, "utf8");
  if (!/export const components\b/.test(j)) {
    j = j.replace(
      /import \{ anyApi \} from "convex\/server";/,
      'import { anyApi, componentsGeneric } from "convex/server";',
    );
    if (!j.includes("componentsGeneric }")) throw new Error("codegen: unexpected _generated/api.js layout");
    j = `${j.trimEnd()}\nexport const components = componentsGeneric();\n`;
    writeFileSync(js, j);
  }
  console.log(`codegen: added components ${components.map((c) => c.name).join(", ")} to convex/_generated/api`);
}
