import fs from "node:fs";
import path from "node:path";
import { builtinModules } from "node:module";
import { pathToFileURL } from "node:url";
import * as esbuild from "esbuild";
import { parseValidator, type ValidatorJSON } from "./validator.js";
import type { AuthProvider } from "./auth.js";

export type UdfType = "query" | "mutation" | "action";

export interface RegisteredFunction {
  path: string; // canonical "dir/module:export"
  type: UdfType;
  visibility: "public" | "internal";
  fn: any;
  args: ValidatorJSON | null;
  returns: ValidatorJSON | null;
}

export interface SchemaIndex {
  indexDescriptor: string;
  fields: string[];
}
export interface SchemaTable {
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

export interface CronSpec {
  name: string; // udf path
  args: any[];
  schedule: any;
}

export interface Modules {
  buildId: number;
  functions: Map<string, RegisteredFunction>;
  http: any | null; // HttpRouter
  crons: Record<string, CronSpec>;
  schema: SchemaJSON | null;
  authProviders: AuthProvider[];
  entryPoints: string[]; // relative paths
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
        if (fs.existsSync(path.join(full, "convex.config.ts"))) continue;
        walk(full);
        continue;
      }
      if (!e.isFile()) continue;
      const base = e.name;
      if (!ENTRY_EXTS.some((x) => rel.endsWith(x))) continue;
      if (rel.startsWith("_generated" + path.sep)) continue;
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

function externalizePlugin(): esbuild.Plugin {
  const builtins = new Set(builtinModules);
  return {
    name: "local-backend-externals",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.skip) return undefined;
        if (args.path.startsWith("node:") || builtins.has(args.path) || builtins.has(args.path.split("/")[0]!))
          return { path: args.path, external: true };
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

function stripExt(rel: string): string {
  const ext = path.extname(rel);
  return rel.slice(0, rel.length - ext.length).split(path.sep).join("/");
}

export class Loader {
  private buildCounter = 0;
  private watcher: fs.FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private inputs = new Set<string>();
  private inputWatchers = new Map<string, fs.FSWatcher>();
  private onChange: (() => void) | null = null;
  constructor(
    private functionsDir: string,
    private buildRoot: string,
  ) {}

  async load(): Promise<Modules> {
    const dir = this.functionsDir;
    const entryRel = listEntryPoints(dir);
    const extra: string[] = [];
    for (const f of ["schema.ts", "schema.js", "auth.config.ts", "auth.config.js", "convex.config.ts", "convex.config.js"]) {
      if (fs.existsSync(path.join(dir, f))) extra.push(f);
    }
    const buildId = ++this.buildCounter;
    const outdir = path.join(this.buildRoot, `b${Date.now().toString(36)}_${buildId}`);
    fs.mkdirSync(outdir, { recursive: true });
    const allEntries = [...entryRel, ...extra];
    const result = await esbuild.build({
      absWorkingDir: dir,
      entryPoints: allEntries.map((r) => path.join(dir, r)),
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
      chunkNames: "_deps/[name]-[hash]",
      outExtension: { ".js": ".mjs" },
      plugins: [externalizePlugin()],
      define: {},
      metafile: true,
    });
    if (result.errors.length) {
      throw new Error(
        "Bundling failed:\n" + (await esbuild.formatMessages(result.errors, { kind: "error" })).join("\n"),
      );
    }
    // remember source files outside node_modules (e.g. workspace packages) to watch them too
    this.inputs = new Set(
      Object.keys(result.metafile?.inputs ?? {})
        .map((f) => path.resolve(dir, f))
        .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && !f.startsWith(dir + path.sep)),
    );
    if (this.onChange) this.watchInputs();
    const importOut = async (rel: string) => {
      const out = path.join(outdir, stripExt(rel) + ".mjs");
      return await import(pathToFileURL(out).href);
    };

    const functions = new Map<string, RegisteredFunction>();
    let http: any = null;
    let crons: Record<string, CronSpec> = {};
    for (const rel of entryRel) {
      const mod = await importOut(rel);
      const modPath = stripExt(rel);
      for (const [name, value] of Object.entries(mod)) {
        const v = value as any;
        if (!v || (typeof v !== "function" && typeof v !== "object")) continue;
        let type: UdfType | null = null;
        if (v.isQuery) type = "query";
        else if (v.isMutation) type = "mutation";
        else if (v.isAction) type = "action";
        if (type) {
          const p = `${modPath}:${name}`;
          functions.set(p, {
            path: p,
            type,
            visibility: v.isPublic ? "public" : "internal",
            fn: v,
            args: typeof v.exportArgs === "function" ? parseValidator(v.exportArgs()) : null,
            returns: typeof v.exportReturns === "function" ? parseValidator(v.exportReturns()) : null,
          });
        }
        if (modPath === "http" && name === "default" && v.isRouter) http = v;
        if (modPath === "crons" && name === "default" && v.isCrons) crons = JSON.parse(v.export());
      }
    }
    let schema: SchemaJSON | null = null;
    let authProviders: AuthProvider[] = [];
    for (const f of extra) {
      const mod = await importOut(f);
      const def = mod.default;
      if (f.startsWith("schema.")) {
        if (def && typeof def.export === "function") {
          const j = def.export();
          schema = typeof j === "string" ? JSON.parse(j) : j;
        }
      } else if (f.startsWith("auth.config.")) {
        authProviders = (def?.providers ?? []) as AuthProvider[];
      } else if (f.startsWith("convex.config.")) {
        if (def && Array.isArray(def._childComponents) && def._childComponents.length > 0) {
          throw new Error("components are not supported by the local backend yet (convex.config.ts uses app.use(...))");
        }
      }
    }
    // remove older builds (modules stay cached in memory)
    for (const e of fs.readdirSync(this.buildRoot)) {
      const full = path.join(this.buildRoot, e);
      if (full !== outdir) fs.rmSync(full, { recursive: true, force: true });
    }
    return { buildId, functions, http, crons, schema, authProviders, entryPoints: entryRel };
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
