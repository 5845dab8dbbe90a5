// The push protocol of the official CLI (`npx convex deploy`, `npx convex dev`), as convex 1.48
// speaks it (cli/lib/deploy2.ts, components.ts): get_config_hashes → evaluate_schema (advisory)
// → start_push → wait_for_schema → finish_push → report_push_completed. The runtime then runs
// exactly the modules the CLI uploaded (its esbuild output; source maps are not kept), replacing
// the watched functions directory, and keeps them in the data dir so they survive a restart.
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { AuthProvider } from "../auth.js";
import { splitTableKey } from "../engine/transaction.js";
import type { Engine } from "../engine.js";
import {
  type ComponentDefinitionExport,
  type ComponentModules,
  type CronSpec,
  exportSchema,
  type Modules,
  type RouterExport,
  registerModules,
  type SchemaJSON,
} from "../loader.js";
import { check } from "../validator.js";

interface PushedModule {
  path: string; // e.g. "messages.js", "_deps/ABC.js", "auth.config.js"
  source: string;
  environment: "isolate" | "node";
  /** sha256(source + sourceMap) as the CLI computes it (components.ts `hash`), for get_config_hashes */
  sha256: string;
}
interface PushedDefinition {
  definitionPath: string; // "" for the app
  definition: PushedModule | null; // convex.config.js
  dependencies: string[];
  schema: PushedModule | null;
  modules: PushedModule[];
}
/** Everything one push brought: what `<dataDir>/push/current.json` holds. */
export interface PushState {
  id: string;
  pushedAt: number;
  definitions: PushedDefinition[];
}

const MODULE_PATH = /^(?!\/)(?!.*\.\.)[\w\-./@+]+\.js$/;

/** A module as the CLI sends it (unchecked JSON: every field is validated before use). */
interface RawModule {
  path?: unknown;
  source?: unknown;
  sourceMap?: unknown;
  environment?: unknown;
}
/** The parts of a `deploy2/start_push` body read here (unchecked JSON). */
interface StartPushBody {
  appDefinition?: {
    definition?: RawModule | null;
    dependencies?: unknown;
    schema?: RawModule | null;
    changedModules?: RawModule[];
    unchangedModuleHashes?: { path?: string; sha256?: string; environment?: string }[];
  };
  componentDefinitions?: {
    definitionPath?: unknown;
    definition?: RawModule;
    dependencies?: unknown;
    schema?: RawModule | null;
    functions?: RawModule[];
  }[];
}

function moduleFrom(raw: unknown, what: string): PushedModule {
  const m = raw as RawModule | null | undefined;
  if (!m || typeof m.path !== "string" || typeof m.source !== "string" || !MODULE_PATH.test(m.path))
    throw new PushError(`Invalid module in ${what}: ${String(m?.path)}`);
  if (m.environment !== "isolate" && m.environment !== "node") throw new PushError(`Invalid environment for ${m.path}`);
  const sha256 = createHash("sha256")
    .update(m.source)
    .update(typeof m.sourceMap === "string" ? m.sourceMap : "")
    .digest("hex");
  return { path: m.path, source: m.source, environment: m.environment, sha256 };
}

export class PushError extends Error {}

/** Turn a start_push request into a PushState; unchanged modules come from the current push. */
export function pushStateFromRequest(raw: unknown, current: PushState | null): PushState {
  const body = raw as StartPushBody | null | undefined;
  const app = body?.appDefinition;
  if (!app || typeof app !== "object") throw new PushError("Missing appDefinition");
  const previous = new Map(
    (current?.definitions.find((d) => d.definitionPath === "")?.modules ?? []).map((m) => [m.path, m]),
  );
  const modules: PushedModule[] = (app.changedModules ?? []).map((m) => moduleFrom(m, "changedModules"));
  for (const h of app.unchangedModuleHashes ?? []) {
    const old = previous.get(String(h?.path));
    if (!old || old.sha256 !== h.sha256 || old.environment !== h.environment)
      throw new PushError(`Unchanged module ${String(h?.path)} is not on this deployment; push again`);
    modules.push(old);
  }
  const definitions: PushedDefinition[] = [
    {
      definitionPath: "",
      definition: app.definition ? moduleFrom(app.definition, "appDefinition") : null,
      dependencies: Array.isArray(app.dependencies) ? app.dependencies.map(String) : [],
      schema: app.schema ? moduleFrom(app.schema, "schema") : null,
      modules,
    },
  ];
  for (const c of body?.componentDefinitions ?? []) {
    if (typeof c?.definitionPath !== "string" || !c.definitionPath) throw new PushError("Invalid component definition");
    definitions.push({
      definitionPath: c.definitionPath,
      definition: moduleFrom(c.definition, c.definitionPath),
      dependencies: Array.isArray(c.dependencies) ? c.dependencies.map(String) : [],
      schema: c.schema ? moduleFrom(c.schema, c.definitionPath) : null,
      modules: (c.functions ?? []).map((m) => moduleFrom(m, c.definitionPath as string)),
    });
  }
  return { id: randomUUID(), pushedAt: Date.now(), definitions };
}

/** stub file name for `./_componentDeps/<base64url(definitionPath)>`, short enough for any file system */
const depStub = (encoded: string) => `${createHash("sha256").update(encoded).digest("hex").slice(0, 24)}.js`;

/**
 * The module text as uploaded, minus its `//# sourceMappingURL=x.js.map` comment: source maps
 * are not kept, so nothing (Node's stack traces, vitest) should go looking for the file.
 */
const withoutMapComment = (source: string) => source.replace(/\n\/\/# sourceMappingURL=[^\n]*\s*$/, "\n");

function writeModules(dir: string, modules: PushedModule[]) {
  fs.mkdirSync(dir, { recursive: true });
  // The CLI's bundles are ES modules with `.js` names and relative `./_deps/*.js` imports.
  fs.writeFileSync(path.join(dir, "package.json"), '{"type":"module"}\n');
  for (const m of modules) {
    const file = path.join(dir, m.path);
    if (!file.startsWith(dir + path.sep)) throw new PushError(`Invalid module path ${m.path}`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, withoutMapComment(m.source));
  }
}

/** Entry points among the uploaded modules: everything but shared chunks (`_deps/`) and auth.config. */
const isEntryPoint = (p: string) => !p.startsWith("_deps/") && p !== "auth.config.js";

/**
 * Write a push to `buildDir` and import it: the `Modules` the engine runs. Component definitions
 * (`convex.config.js`) import their children as `./_componentDeps/<base64url(definitionPath)>`
 * (the CLI's bundleDefinitions); those imports become small stub modules carrying the
 * definition path and the child's name, which is how `app.use()` records the instance.
 */
/** The engine's `Modules`, plus each component instance's definition path ("" = the app). */
export type PushedModules = Modules & { definitionPaths: Map<string, string> };

export async function importPush(state: PushState, buildDir: string): Promise<PushedModules> {
  fs.rmSync(buildDir, { recursive: true, force: true });
  const defs = new Map(state.definitions.map((d, i) => [d.definitionPath, { d, dir: path.join(buildDir, `d${i}`) }]));
  const evaluated = new Map<string, ComponentDefinitionExport | null>();
  const evalDefinition = async (defPath: string, stack: string[] = []): Promise<ComponentDefinitionExport | null> => {
    if (evaluated.has(defPath)) return evaluated.get(defPath)!;
    const entry = defs.get(defPath);
    if (!entry) throw new PushError(`Component definition ${defPath} was not pushed`);
    if (stack.includes(defPath)) throw new PushError(`Component definitions form a cycle at ${defPath}`);
    if (!entry.d.definition) return null;
    const dir = path.join(entry.dir, "_definition");
    fs.mkdirSync(path.join(dir, "_componentDeps"), { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), '{"type":"module"}\n');
    for (const dep of entry.d.dependencies) {
      const child = await evalDefinition(dep, [...stack, defPath]);
      const stub = { componentDefinitionPath: dep, defaultName: child?._name ?? path.basename(dep) };
      fs.writeFileSync(
        path.join(dir, "_componentDeps", depStub(Buffer.from(dep).toString("base64url"))),
        `export default ${JSON.stringify(stub)};\n`,
      );
    }
    const source = withoutMapComment(entry.d.definition.source).replace(
      /(["'])\.\/_componentDeps\/([\w-]+)\1/g,
      (_m, q: string, encoded: string) => `${q}./_componentDeps/${depStub(encoded)}${q}`,
    );
    const file = path.join(dir, "convex.config.js");
    fs.writeFileSync(file, source);
    const def = (await import(pathToFileURL(file).href)).default;
    evaluated.set(defPath, def);
    return def;
  };

  const loadDefinition = async (
    defPath: string,
    cp: string,
  ): Promise<ComponentModules & { http: RouterExport | null; crons: Record<string, CronSpec> }> => {
    const { d, dir } = defs.get(defPath)!;
    const modDir = path.join(dir, "modules");
    writeModules(modDir, d.modules);
    const entries = d.modules
      .filter((m) => isEntryPoint(m.path))
      .map((m) => ({ rel: m.path, file: path.join(modDir, m.path), environment: m.environment }));
    const { functions, http, crons } = await registerModules(entries, cp);
    let schema: SchemaJSON | null = null;
    if (d.schema) {
      const schemaDir = path.join(dir, "schema");
      writeModules(schemaDir, [d.schema]);
      schema = exportSchema((await import(pathToFileURL(path.join(schemaDir, d.schema.path)).href)).default);
    }
    return { path: cp, dir: modDir, functions, schema, http, crons };
  };

  const app = await loadDefinition("", "");
  const components = new Map<string, ComponentModules>([
    ["", { path: "", dir: app.dir, functions: app.functions, schema: app.schema }],
  ]);
  const definitionPaths = new Map<string, string>([["", ""]]);
  const visit = async (def: ComponentDefinitionExport | null, parentCp: string) => {
    for (const [name, stub] of def?._childComponents ?? []) {
      const defPath = stub?.componentDefinitionPath;
      if (typeof defPath !== "string") throw new PushError(`Could not locate the definition of component "${name}"`);
      const cp = parentCp ? `${parentCp}/${name}` : name;
      const c = await loadDefinition(defPath, cp);
      components.set(cp, { path: cp, dir: c.dir, functions: c.functions, schema: c.schema });
      definitionPaths.set(cp, defPath);
      await visit(await evalDefinition(defPath), cp);
    }
  };
  await visit(await evalDefinition(""), "");

  let authProviders: AuthProvider[] = [];
  const authModule = defs.get("")!.d.modules.find((m) => m.path === "auth.config.js");
  if (authModule) {
    const file = path.join(defs.get("")!.dir, "modules", authModule.path);
    authProviders = ((await import(pathToFileURL(file).href)).default?.providers ?? []) as AuthProvider[];
  }
  return {
    buildId: Date.now(),
    components,
    functions: app.functions,
    http: app.http,
    crons: app.crons,
    schema: app.schema,
    authProviders,
    entryPoints: defs
      .get("")!
      .d.modules.filter((m) => isEntryPoint(m.path))
      .map((m) => m.path),
    componentEnvs: {},
    definitionPaths,
  };
}

interface IndexConfig {
  name: string;
  type: "database" | "search";
  fields?: string[];
  searchField?: string;
  filterFields?: string[];
}
function indexesOf(schema: SchemaJSON | null): IndexConfig[] {
  const out: IndexConfig[] = [];
  for (const t of schema?.tables ?? []) {
    for (const i of t.indexes ?? [])
      out.push({ name: `${t.tableName}.${i.indexDescriptor}`, type: "database", fields: i.fields });
    for (const i of t.searchIndexes ?? [])
      out.push({
        name: `${t.tableName}.${i.indexDescriptor}`,
        type: "search",
        searchField: i.searchField,
        filterFields: i.filterFields,
      });
  }
  return out;
}
const sameIndex = (a: IndexConfig, b: IndexConfig) => JSON.stringify(a) === JSON.stringify(b);

/** Index changes per component path, in the CLI's `indexDiff` shape (finishPush.ts). */
export function indexDiffs(before: Modules | undefined, after: Modules) {
  const out: Record<string, { added_indexes: IndexConfig[]; removed_indexes: IndexConfig[] }> = {};
  const paths = new Set([...(before?.components.keys() ?? []), ...after.components.keys()]);
  for (const cp of paths) {
    const old = indexesOf(before?.components.get(cp)?.schema ?? null);
    const next = indexesOf(after.components.get(cp)?.schema ?? null);
    out[cp] = {
      added_indexes: next.filter((n) => !old.some((o) => sameIndex(o, n))),
      removed_indexes: old.filter((o) => !next.some((n) => sameIndex(o, n))),
    };
  }
  return out;
}

/**
 * Check the stored documents against a new schema, as Convex does before it accepts a push
 * with `schemaValidation` on: the first mismatch fails the push.
 */
export function validateExistingDocuments(
  engine: Engine,
  modules: Modules,
): { error: string; componentPath: string; tableName: string | null } | null {
  for (const [cp, c] of modules.components) {
    const schema = c.schema;
    if (!schema?.schemaValidation || schema.tables.length === 0) continue;
    const byName = new Map(schema.tables.map((t) => [t.tableName, t]));
    for (const table of engine.db.tablesByName.values()) {
      const k = splitTableKey(table.name);
      if (k.cp !== cp || k.name.startsWith("_") || table.docs.size === 0) continue;
      const t = byName.get(k.name);
      if (!t)
        return {
          error: `Table "${k.name}" has documents but is not in the schema.`,
          componentPath: cp,
          tableName: k.name,
        };
      for (const doc of table.docs.values()) {
        const { _id, _creationTime, ...rest } = doc;
        const err = check(t.documentType, rest, "", engine.isTableIdIn(cp));
        if (err)
          return {
            error: `Document with ID "${_id}" in table "${k.name}" does not match the schema: ${err}`,
            componentPath: cp,
            tableName: k.name,
          };
      }
    }
  }
  return null;
}

/** `analysis` + `app` of the start_push reply, from the evaluated push. */
export function pushAnalysis(modules: PushedModules, state: PushState) {
  const udfConfig = { serverVersion: "1.48.0" };
  const emptyExports = { type: "branch", branch: [] };
  const defOf = modules.definitionPaths; // component path -> definition path
  const childrenOf = (parentCp: string) =>
    [...modules.components.keys()]
      .filter((cp) => cp && (cp.includes("/") ? cp.slice(0, cp.lastIndexOf("/")) : "") === parentCp)
      .map((cp) => ({ name: cp.slice(cp.lastIndexOf("/") + 1), path: defOf.get(cp)!, env: null }));
  const analysis: Record<string, unknown> = {};
  for (const d of state.definitions) {
    const cp = [...defOf].find(([, def]) => def === d.definitionPath)?.[0];
    analysis[d.definitionPath] = {
      definition: {
        path: d.definitionPath,
        definitionType:
          d.definitionPath === ""
            ? { type: "app" }
            : {
                type: "childComponent",
                name: cp ? cp.slice(cp.lastIndexOf("/") + 1) : path.basename(d.definitionPath),
              },
        childComponents: cp !== undefined ? childrenOf(cp) : [],
        httpMounts: {},
        exports: emptyExports,
      },
      schema: (cp !== undefined ? modules.components.get(cp)?.schema : null) ?? null,
      functions: {},
      udfConfig,
    };
  }
  interface CheckedComponent {
    definitionPath: string;
    componentPath: string;
    args: Record<string, never>;
    childComponents: Record<string, CheckedComponent>;
    httpRoutes: { httpModuleRoutes: null; mounts: never[] };
    exports: Record<string, never>;
  }
  const checked = (cp: string): CheckedComponent => ({
    definitionPath: defOf.get(cp) ?? "",
    componentPath: cp,
    args: {},
    childComponents: Object.fromEntries(childrenOf(cp).map((c) => [c.name, checked(cp ? `${cp}/${c.name}` : c.name)])),
    httpRoutes: { httpModuleRoutes: null, mounts: [] },
    exports: {},
  });
  return { analysis, app: checked("") };
}
