import fs from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { JSONValue } from "convex/values";
import * as esbuild from "esbuild";
import type { AuthProvider } from "./auth.js";
import { BUILD_CACHE_DIR, cacheEntryName, pruneBuilds, restoreBuild, saveBuild } from "./build-cache.js";
import { parseValidator, type ValidatorJSON } from "./validator.js";

type UdfType = "query" | "mutation" | "action";

export interface RegisteredFunction {
  path: string; // canonical "dir/module:export"
  componentPath: string; // "" for the app
  type: UdfType;
  visibility: "public" | "internal";
  fn: RegisteredExport;
  /** the bundled module (absolute ESM path) and export `fn` came from: workers import it themselves */
  file: string;
  exportName: string;
  args: ValidatorJSON | null;
  returns: ValidatorJSON | null;
  /** trusted backend code (the CLI's `_system/*` functions): runs on the main thread, no worker */
  mainThread?: boolean;
  /** "node" for a module with the "use node" directive (actions only, Node's globals and builtins) */
  environment?: ModuleEnvironment;
}

/**
 * A module export as convex/server's builders leave it (`queryGeneric`, `httpRouter`,
 * `cronJobs`...): a function or object tagged with flags, invoked through its own methods with
 * JSON text in and out. Exports from a CLI push come from the bundle's own `convex` copy, so
 * they are recognised by these flags, never by class.
 */
export interface RegisteredExport {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isHttp?: boolean;
  isPublic?: boolean;
  isRouter?: boolean;
  isCrons?: boolean;
  exportArgs?: () => string;
  exportReturns?: () => string;
  export?: () => string;
  invokeQuery(argsJson: string): Promise<string>;
  invokeMutation(argsJson: string): Promise<string>;
  invokeAction(requestId: string, argsJson: string): Promise<string>;
}

/**
 * A convex.config default export (convex/server's `defineApp`/`defineComponent`): the children
 * it `use`s, each as [name, the stub its import was replaced with, the env values passed].
 */
export interface ComponentDefinitionExport {
  _name?: string;
  _childComponents?: [string, { componentDefinitionPath?: string } | undefined, Record<string, unknown> | undefined][];
}

/**
 * convex/server's `HttpRouter` (convex/http.ts's default export) as the engine calls it; typed
 * here because a CLI push's router is an instance of the bundle's own `convex` copy.
 */
export interface RouterExport {
  isRouter: true;
  lookup(
    path: string,
    method: string,
  ): [{ invokeHttpAction(request: Request): Promise<Response> }, string, string] | null;
}

/** Convex's two runtimes: the default V8 isolate, and Node.js for modules starting with "use node". */
export type ModuleEnvironment = "isolate" | "node";

/** A module that Convex refuses to load (a push answers InvalidModules, a reload keeps the old code). */
export class ModuleLoadError extends Error {}

interface SchemaIndex {
  indexDescriptor: string;
  fields: string[];
}
interface SchemaTable {
  tableName: string;
  indexes: SchemaIndex[];
  documentType: ValidatorJSON;
  searchIndexes?: { indexDescriptor: string; searchField: string; filterFields: string[] }[];
  vectorIndexes?: { indexDescriptor: string; vectorField: string; filterFields: string[]; dimensions: number }[];
}
export interface SchemaJSON {
  tables: SchemaTable[];
  schemaValidation: boolean;
}

/** A schedule as `crons.ts` exports it (convex/server's cronJobs). */
export interface CronSchedule {
  type: "interval" | "hourly" | "daily" | "weekly" | "monthly" | "cron";
  seconds?: number;
  minutes?: number;
  hours?: number;
  minuteUTC?: number;
  hourUTC?: number;
  dayOfWeek?: string;
  day?: number;
  cron?: string;
}
export interface CronSpec {
  name: string; // udf path
  args: JSONValue[];
  schedule: CronSchedule;
}

export interface ComponentModules {
  path: string; // component path ("" = app, "a", "a/b")
  dir: string;
  functions: Map<string, RegisteredFunction>;
  schema: SchemaJSON | null;
}

export interface Modules {
  buildId: number;
  /** every loaded component by path, including the app as "" */
  components: Map<string, ComponentModules>;
  functions: Map<string, RegisteredFunction>;
  /** convex/http.ts's router, if the app has one */
  http: RouterExport | null;
  crons: Record<string, CronSpec>;
  schema: SchemaJSON | null;
  authProviders: AuthProvider[];
  entryPoints: string[]; // relative paths
  /** env overrides per component bundle (`globalThis.__lbComponentEnv.<key>`), rebuilt in worker threads */
  componentEnvs: Record<string, Record<string, string>>;
}

const ENTRY_EXTS = [".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".jsx"];
const TS_SOURCE = /\.(ts|tsx|mts|cts)$/;

export function listEntryPoints(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    const entries = fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (e.isDirectory()) {
        if (e.name === "node_modules" || e.name.startsWith(".")) continue;
        if (fs.existsSync(path.join(full, "convex.config.ts")) || fs.existsSync(path.join(full, "convex.config.js")))
          continue;
        walk(full);
        continue;
      }
      if (!e.isFile()) continue;
      const base = e.name;
      if (!ENTRY_EXTS.some((x) => rel.endsWith(x))) continue;
      if (rel.startsWith(`_generated${path.sep}`)) continue;
      if (base.startsWith(".") || base.startsWith("#")) continue;
      if (base === "schema.ts" || base === "schema.js") continue;
      if ((base.match(/\./g) || []).length > 1) continue;
      if (rel.includes(" ")) continue;
      out.push(rel);
    }
  };
  walk(dir);
  return out;
}

/**
 * Whether a module's directive prologue holds "use node" (what the Convex CLI reads with Babel:
 * only string-literal statements before any other code count, comments may come between them).
 */
export function hasUseNodeDirective(source: string): boolean {
  if (!source.includes("use node")) return false;
  let i = 0;
  for (;;) {
    const rest = source.slice(i);
    const skip = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (skip) {
      i += skip[0].length;
      continue;
    }
    const directive = /^(["'])((?:(?!\1)[^\\\n]|\\.)*)\1[ \t]*;?/.exec(rest);
    if (!directive) return false;
    if (directive[2] === "use node") return true;
    i += directive[0].length;
  }
}

/** Modules Convex always runs in its isolate (the CLI refuses "use node" in them). */
function mustBeIsolate(rel: string): boolean {
  return ["http", "crons", "schema", "auth.config"].includes(stripExt(rel));
}

/** A module's runtime from its source, with the CLI's error for a "use node" that is not allowed. */
function environmentOf(dir: string, rel: string): ModuleEnvironment {
  if (!hasUseNodeDirective(fs.readFileSync(path.join(dir, rel), "utf8"))) return "isolate";
  if (mustBeIsolate(rel)) throw new ModuleLoadError(`"use node" directive is not allowed for ${rel}.`);
  return "node";
}

const NODE_APIS_IN_ISOLATE = `It looks like you are using Node APIs from a file without the "use node" directive.
Split out actions using Node.js APIs like this into a new file only containing actions that uses "use node" so these actions will run in a Node.js environment.
For more information see https://docs.convex.dev/functions/runtimes#nodejs-runtime`;

/**
 * Bare imports outside node_modules are bundled, packages inside stay external (one shared
 * `convex`). For the isolate bundle, a Node builtin imported by bundled code fails the build the
 * way the Convex CLI's `platform: "browser"` bundle does (the isolate has no Node APIs).
 */
function externalizePlugin(environment: ModuleEnvironment = "node"): esbuild.Plugin {
  const builtins = new Set(builtinModules);
  return {
    name: "local-backend-externals",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.skip) return undefined;
        if (args.path.startsWith("node:") || builtins.has(args.path) || builtins.has(args.path.split("/")[0]!)) {
          if (environment === "isolate") {
            return {
              errors: [
                {
                  text: `Could not resolve "${args.path}"`,
                  notes: [
                    {
                      text: `The package "${args.path}" wasn't found on the file system but is built into node. Are you trying to bundle for node? You can use "platform: 'node'" to do that, which will remove this error.`,
                    },
                  ],
                },
              ],
            };
          }
          return { path: args.path, external: true };
        }
        const r = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { skip: true },
        });
        if (r.errors.length > 0) return { errors: r.errors };
        if (r.external) return { path: r.path, external: true };
        if (r.path.includes(`${path.sep}node_modules${path.sep}`) && !TS_SOURCE.test(r.path)) {
          return { path: r.path, external: true };
        }
        return { path: r.path, sideEffects: r.sideEffects };
      });
    },
  };
}

/** process.env as seen by a component: the values passed to it on top of the process env. */
function componentEnv(overrides: Record<string, string>): Record<string, string | undefined> {
  return new Proxy(process.env, {
    get: (t, k) => (typeof k === "string" && Object.hasOwn(overrides, k) ? overrides[k] : Reflect.get(t, k)),
    has: (t, k) => (typeof k === "string" && Object.hasOwn(overrides, k)) || Reflect.has(t, k),
    ownKeys: (t) => [...new Set([...Reflect.ownKeys(t), ...Object.keys(overrides)])],
    getOwnPropertyDescriptor: (t, k) =>
      typeof k === "string" && Object.hasOwn(overrides, k)
        ? { value: overrides[k], writable: true, enumerable: true, configurable: true }
        : Reflect.getOwnPropertyDescriptor(t, k),
  });
}

export function exportSchema(def: unknown): SchemaJSON | null {
  const d = def as { export?: () => string | SchemaJSON } | null | undefined;
  if (!d || typeof d.export !== "function") return null;
  const j = d.export();
  return typeof j === "string" ? JSON.parse(j) : j;
}

/** How many directories deep `dir` is: inline source maps point at the sources relatively. */
const depth = (dir: string) => path.resolve(dir).split(path.sep).length;

function stripExt(rel: string): string {
  const ext = path.extname(rel);
  return rel
    .slice(0, rel.length - ext.length)
    .split(path.sep)
    .join("/");
}

/** The bundled file each HTTP router (convex/http.ts's default export) came from: action workers import it (engine/pool.ts). */
export const routerFiles = new WeakMap<object, string>();

/**
 * The CLI bundles a "use node" module as ESM with its CommonJS packages inside (twilio, axios...),
 * whose Node builtin requires stay `require("util")` calls, some of them lazy. Convex's Node
 * executor gives such bundles a global `require` (its setupGlobals: `createRequire(modulePath)`),
 * so the same is done here, once: the process is ESM and has none. Only `require`: Convex's
 * `module`/`exports` globals would turn UMD code in the default-runtime bundles CommonJS here.
 */
function provideRequire(file: string) {
  const g = globalThis as { require?: unknown };
  if (g.require === undefined) g.require = createRequire(file);
}

/**
 * Import built entry-point modules (`rel` = path inside the functions dir, `file` = absolute
 * ESM file) and register their Convex functions, HTTP router and crons. Shared by the watched
 * build and the CLI's pushed bundle (cli/push.ts).
 */
export async function registerModules(
  entries: { rel: string; file: string; environment?: ModuleEnvironment }[],
  componentPath: string,
): Promise<{ functions: Map<string, RegisteredFunction>; http: RouterExport | null; crons: Record<string, CronSpec> }> {
  const functions = new Map<string, RegisteredFunction>();
  let http: RouterExport | null = null;
  let crons: Record<string, CronSpec> = {};
  for (const { rel, file, environment } of entries) {
    if (environment === "node") provideRequire(file);
    const mod = await import(pathToFileURL(file).href);
    const modPath = stripExt(rel);
    for (const [name, value] of Object.entries(mod)) {
      const v = value as RegisteredExport;
      if (!v || (typeof v !== "function" && typeof v !== "object")) continue;
      let type: UdfType | null = null;
      if (v.isQuery) type = "query";
      else if (v.isMutation) type = "mutation";
      else if (v.isAction) type = "action";
      if (environment === "node" && (type === "query" || type === "mutation" || v.isHttp)) {
        // Convex's analysis of a Node.js module, word for word (a push answers InvalidModules).
        const kind = type === "query" ? "Query" : type === "mutation" ? "Mutation" : "HTTP action";
        throw new ModuleLoadError(
          `\`${name}\` defined in \`${modPath}.js\` is a ${kind} function. Only actions can be defined in Node.js. See https://docs.convex.dev/functions/actions for more details.`,
        );
      }
      if (type) {
        const p = `${modPath}:${name}`;
        functions.set(p, {
          path: p,
          componentPath,
          type,
          visibility: v.isPublic ? "public" : "internal",
          fn: v,
          file,
          exportName: name,
          args: typeof v.exportArgs === "function" ? parseValidator(v.exportArgs()) : null,
          returns: typeof v.exportReturns === "function" ? parseValidator(v.exportReturns()) : null,
          ...(environment === "node" ? { environment } : {}),
        });
      }
      if (modPath === "http" && name === "default" && v.isRouter) {
        http = v as unknown as RouterExport;
        routerFiles.set(v, file);
      }
      if (modPath === "crons" && name === "default" && v.isCrons) crons = JSON.parse(v.export!());
    }
  }
  return { functions, http, crons };
}

export class Loader {
  private buildCounter = 0;
  private watcher: fs.FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inputs = new Set<string>();
  private inputWatchers = new Map<string, fs.FSWatcher>();
  private onChange: (() => void) | null = null;
  /** the build cache entries the current load() used (the others are removed after it) */
  private cacheEntries = new Set<string>();
  /** called with the app's query/mutation bundles once built, before they are imported here */
  onBundled: ((files: string[]) => void) | null = null;
  constructor(
    private functionsDir: string,
    private buildRoot: string,
  ) {}

  /** Bundle one functions directory (app or component) and register its exports. */
  private async loadDir(
    dir: string,
    outdir: string,
    componentPath: string,
    extraNames: string[],
    envGlobal?: string,
  ): Promise<{
    functions: Map<string, RegisteredFunction>;
    http: RouterExport | null;
    crons: Record<string, CronSpec>;
    extras: Map<string, unknown>;
    entryRel: string[];
    inputs: string[];
  }> {
    const entryRel = listEntryPoints(dir);
    const extra = extraNames.filter((f) => fs.existsSync(path.join(dir, f)));
    fs.mkdirSync(outdir, { recursive: true });
    // Like the Convex CLI: the isolate modules and the "use node" modules are bundled apart (each
    // with its own copy of shared code), the isolate bundle refusing Node builtins.
    const environments = new Map(entryRel.map((rel) => [rel, environmentOf(dir, rel)] as const));
    const inputs: string[] = [];
    for (const environment of ["isolate", "node"] as const) {
      const entries = entryRel.filter((rel) => environments.get(rel) === environment);
      if (environment === "isolate") entries.push(...extra);
      if (entries.length === 0) continue;
      const options = {
        absWorkingDir: dir,
        entryPoints: entries.map((r) => path.join(dir, r)),
        outbase: dir,
        outdir,
        bundle: true,
        format: "esm",
        platform: "node",
        target: "node20",
        splitting: true,
        sourcemap: "inline",
        write: true,
        logLevel: "silent",
        entryNames: "[dir]/[name]",
        chunkNames: environment === "node" ? "_deps/node/[name]-[hash]" : "_deps/[name]-[hash]",
        outExtension: { ".js": ".mjs" },
        plugins: [externalizePlugin(environment)],
        metafile: true,
        // component code sees its own env (values passed by `use(x, { env })`)
        define: (envGlobal ? { "process.env": envGlobal } : {}) as Record<string, string>,
      } satisfies esbuild.BuildOptions;
      // a restart (or a reload of unchanged code) reuses the last build of the same inputs
      // (not the output dir, new per build; the plugin is the environment's)
      const { outdir: _outdir, plugins: _plugins, ...keyed } = options;
      const cacheKey = JSON.stringify({ esbuild: esbuild.version, environment, outdirDepth: depth(outdir), keyed });
      this.cacheEntries.add(cacheEntryName(cacheKey));
      const cached = restoreBuild(this.buildRoot, cacheKey, outdir);
      if (cached) {
        inputs.push(...cached);
        continue;
      }
      const startedAt = Date.now();
      let result: esbuild.BuildResult<{ metafile: true }>;
      try {
        result = await esbuild.build(options);
      } catch (e) {
        const errors: esbuild.Message[] = (e as { errors?: esbuild.Message[] }).errors ?? [];
        if (errors.length === 0) throw e;
        const text = (await esbuild.formatMessages(errors, { kind: "error" })).join("\n");
        const nodeApis = environment === "isolate" && /Are you trying to bundle for node\?/.test(text);
        throw new ModuleLoadError(`Bundling failed:\n${text}${nodeApis ? `\n${NODE_APIS_IN_ISOLATE}` : ""}`);
      }
      const bundled = Object.keys(result.metafile.inputs).map((f) => path.resolve(dir, f));
      inputs.push(...bundled);
      const outputs = Object.keys(result.metafile.outputs).map((f) => path.relative(outdir, path.resolve(dir, f)));
      saveBuild(this.buildRoot, cacheKey, startedAt, outdir, outputs, bundled);
    }
    const outFile = (rel: string) => path.join(outdir, `${stripExt(rel)}.mjs`);
    if (componentPath === "")
      this.onBundled?.(
        entryRel.filter((rel) => environments.get(rel) === "isolate" && stripExt(rel) !== "http").map(outFile),
      );
    const importOut = async (rel: string) => await import(pathToFileURL(outFile(rel)).href);
    const { functions, http, crons } = await registerModules(
      entryRel.map((rel) => ({ rel, file: outFile(rel), environment: environments.get(rel)! })),
      componentPath,
    );
    const extras = new Map<string, unknown>();
    for (const f of extra) extras.set(f, (await importOut(f)).default);
    return { functions, http, crons, extras, entryRel, inputs };
  }

  /**
   * Evaluate a convex.config file. Imports of other convex.config files are replaced by
   * `{componentDefinitionPath, defaultName}` stubs (what the Convex bundler does), after
   * evaluating them recursively; `this.configs` maps component dirs to their definitions.
   */
  private async evalConfig(configPath: string, outdir: string): Promise<ComponentDefinitionExport> {
    const cached = this.configs.get(path.dirname(configPath));
    if (cached) return cached;
    const outfile = path.join(
      outdir,
      "_configs",
      `c${this.configCounter++}_${path.basename(path.dirname(configPath))}.mjs`,
    );
    const self = this;
    const stubPlugin: esbuild.Plugin = {
      name: "component-config-stubs",
      setup(build) {
        build.onResolve({ filter: /convex\.config(\.[cm]?[jt]s)?$/ }, async (args) => {
          if (args.pluginData?.skip || args.kind === "entry-point") return undefined;
          const r = await build.resolve(args.path, {
            kind: args.kind,
            resolveDir: args.resolveDir,
            importer: args.importer,
            pluginData: { skip: true },
          });
          if (r.errors.length) return { errors: r.errors };
          const def = await self.evalConfig(r.path, outdir);
          return {
            path: r.path,
            namespace: "component-stub",
            pluginData: { dir: path.dirname(r.path), name: def?._name ?? path.basename(path.dirname(r.path)) },
          };
        });
        build.onLoad({ filter: /.*/, namespace: "component-stub" }, (args) => ({
          contents: `export default { componentDefinitionPath: ${JSON.stringify(args.pluginData.dir)}, defaultName: ${JSON.stringify(args.pluginData.name)} };`,
          loader: "js",
        }));
      },
    };
    const result = await esbuild.build({
      absWorkingDir: path.dirname(configPath),
      entryPoints: [configPath],
      outfile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      write: true,
      logLevel: "silent",
      plugins: [stubPlugin, externalizePlugin()],
    });
    if (result.errors.length) {
      throw new Error(
        "Bundling convex.config failed:\n" +
          (await esbuild.formatMessages(result.errors, { kind: "error" })).join("\n"),
      );
    }
    const def = (await import(pathToFileURL(outfile).href)).default;
    this.configs.set(path.dirname(configPath), def);
    return def;
  }
  private configs = new Map<string, ComponentDefinitionExport>();
  private configCounter = 0;
  private previousOutdir: string | null = null;

  async load(): Promise<Modules> {
    const dir = this.functionsDir;
    const buildId = ++this.buildCounter;
    this.cacheEntries = new Set();
    const outdir = path.join(this.buildRoot, `b${Date.now().toString(36)}_${buildId}`);
    const app = await this.loadDir(dir, outdir, "", ["schema.ts", "schema.js", "auth.config.ts", "auth.config.js"]);
    const inputs = [...app.inputs];
    let schema: SchemaJSON | null = null;
    let authProviders: AuthProvider[] = [];
    for (const [f, def] of app.extras) {
      if (f.startsWith("schema.")) schema = exportSchema(def);
      else if (f.startsWith("auth.config."))
        authProviders = (def as { providers?: AuthProvider[] } | undefined)?.providers ?? [];
    }
    const components = new Map<string, ComponentModules>();
    components.set("", { path: "", dir, functions: app.functions, schema });
    const componentEnvs: Record<string, Record<string, string>> = {};

    // components declared in convex.config.ts
    this.configs.clear();
    const configFile = ["convex.config.ts", "convex.config.js"]
      .map((f) => path.join(dir, f))
      .find((f) => fs.existsSync(f));
    if (configFile) {
      const appDef = await this.evalConfig(configFile, outdir);
      let n = 0;
      const g = globalThis as { __lbComponentEnv?: Record<string, unknown> };
      g.__lbComponentEnv ??= {};
      const visit = async (
        def: ComponentDefinitionExport | undefined,
        parentPath: string,
        parentEnv: (k: string) => string | undefined,
      ) => {
        for (const [name, stub, envValues] of def?._childComponents ?? []) {
          const cdir: string | undefined = stub?.componentDefinitionPath;
          if (!cdir || !this.configs.has(cdir))
            throw new Error(`Could not locate the definition of component "${name}"`);
          const cp = parentPath ? `${parentPath}/${name}` : name;
          const overrides: Record<string, string> = {};
          for (const [k, v] of Object.entries(envValues ?? {})) {
            const ref = (v as { __envVarRef?: unknown } | null)?.__envVarRef;
            if (v && typeof v === "object" && typeof ref === "string") {
              const val = parentEnv(ref);
              if (val !== undefined) overrides[k] = val;
            } else if (typeof v === "string") overrides[k] = v;
          }
          const envKey = `c${n}`;
          g.__lbComponentEnv![envKey] = componentEnv(overrides);
          componentEnvs[envKey] = overrides;
          const loaded = await this.loadDir(
            cdir,
            path.join(outdir, "_components", `c${n++}`),
            cp,
            ["schema.ts", "schema.js"],
            `globalThis.__lbComponentEnv.${envKey}`,
          );
          inputs.push(...loaded.inputs);
          const sdef = loaded.extras.get("schema.ts") ?? loaded.extras.get("schema.js");
          components.set(cp, {
            path: cp,
            dir: cdir,
            functions: loaded.functions,
            schema: sdef ? exportSchema(sdef) : null,
          });
          await visit(this.configs.get(cdir), cp, (k) => (k in overrides ? overrides[k] : process.env[k]));
        }
      };
      await visit(appDef, "", (k) => process.env[k]);
    }

    // remember source files outside node_modules (e.g. workspace packages) to watch them too
    this.inputs = new Set(
      inputs.filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && !f.startsWith(dir + path.sep)),
    );
    if (this.onChange) this.watchInputs();
    // remove older builds, keeping the previous one for functions still running on it
    // (modules stay cached in memory)
    const keep = new Set([outdir, this.previousOutdir, path.join(this.buildRoot, BUILD_CACHE_DIR)].filter(Boolean));
    for (const e of fs.readdirSync(this.buildRoot)) {
      const full = path.join(this.buildRoot, e);
      if (!keep.has(full)) fs.rmSync(full, { recursive: true, force: true });
    }
    this.previousOutdir = outdir;
    pruneBuilds(this.buildRoot, this.cacheEntries);
    return {
      buildId,
      components,
      functions: app.functions,
      http: app.http,
      crons: app.crons,
      schema,
      authProviders,
      entryPoints: app.entryRel,
      componentEnvs,
    };
  }

  private trigger() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onChange?.(), 150);
  }

  watch(onChange: () => void): void {
    this.onChange = onChange;
    try {
      this.watcher = fs.watch(this.functionsDir, { recursive: true }, (_ev, file) => {
        if (file && (file.startsWith("_generated") || file.split(path.sep).some((p) => p.startsWith(".")))) return;
        this.trigger();
      });
    } catch (e) {
      console.error("[local-backend] could not watch functions dir", e);
    }
    this.watchInputs();
  }

  /** Watch the directories of bundled sources that live outside the functions dir. */
  private watchInputs() {
    const dirs = new Set([...this.inputs].map((f) => path.dirname(f)));
    for (const [d, w] of this.inputWatchers) {
      if (!dirs.has(d)) {
        w.close();
        this.inputWatchers.delete(d);
      }
    }
    for (const d of dirs) {
      if (this.inputWatchers.has(d)) continue;
      try {
        const w = fs.watch(d, (_ev, file) => {
          if (file && this.inputs.has(path.join(d, file.toString()))) this.trigger();
        });
        this.inputWatchers.set(d, w);
      } catch {
        /* ignore */
      }
    }
  }

  close() {
    this.onChange = null;
    this.watcher?.close();
    for (const w of this.inputWatchers.values()) w.close();
    this.inputWatchers.clear();
    if (this.timer) clearTimeout(this.timer);
  }
}
