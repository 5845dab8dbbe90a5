import fs from "node:fs";
import path from "node:path";
import type { Engine } from "./engine.js";

/**
 * Reply to `POST /api/deploy2/start_push` well enough for `npx convex codegen`: the CLI builds
 * `api.d.ts` from its own module list; from us it needs one analysis entry per component
 * definition, and for the app (and each component) the list of child component instances
 * (`{name, path}`), which we take from the components the running backend has loaded.
 */
/** The parts of a start_push body this reply reads (unchecked JSON). */
interface PushBody {
  appDefinition?: { dependencies?: string[] };
  componentDefinitions?: { definitionPath: string; dependencies?: string[] }[];
}

export function startPushResponse(raw: unknown, engine: Engine): unknown {
  const body = raw as PushBody | null | undefined;
  const comps = engine.modules?.components ?? new Map();
  const rootDir: string | undefined = comps.get("")?.dir;
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  const cpsByDir = new Map<string, string[]>();
  for (const [cp, c] of comps) {
    if (!cp) continue;
    const k = real(c.dir);
    cpsByDir.set(k, [...(cpsByDir.get(k) ?? []), cp]);
  }
  const parentOf = (cp: string) => (cp.includes("/") ? cp.slice(0, cp.lastIndexOf("/")) : "");
  const leaf = (cp: string) => cp.slice(cp.lastIndexOf("/") + 1);
  /** child instances of component `parentCp` whose definitions are among `deps` */
  const children = (parentCp: string, deps: string[]) => {
    const out: { name: string; path: string; env: null; cp: string }[] = [];
    for (const dep of deps ?? []) {
      if (!rootDir) continue;
      for (const cp of cpsByDir.get(real(path.resolve(rootDir, dep))) ?? []) {
        if (parentOf(cp) === parentCp) out.push({ name: leaf(cp), path: dep, env: null, cp });
      }
    }
    return out;
  };
  const udfConfig = { serverVersion: "1.48.0" };
  const emptyExports = { type: "branch", branch: [] };
  const appChildren = children("", body?.appDefinition?.dependencies ?? []);
  const analysis: Record<string, unknown> = {
    "": {
      definition: {
        path: "",
        definitionType: { type: "app" },
        childComponents: appChildren.map(({ cp: _cp, ...c }) => c),
        httpMounts: {},
        exports: emptyExports,
      },
      schema: null,
      functions: {},
      udfConfig,
    },
  };
  // every component definition: find one loaded instance to learn its children's names
  const instances = new Map<string, string>(); // definitionPath -> a cp using it
  const visit = (parentCp: string, deps: string[]) => {
    for (const c of children(parentCp, deps)) {
      if (!instances.has(c.path)) instances.set(c.path, c.cp);
      const def = (body?.componentDefinitions ?? []).find((d) => d.definitionPath === c.path);
      visit(c.cp, def?.dependencies ?? []);
    }
  };
  visit("", body?.appDefinition?.dependencies ?? []);
  for (const def of body?.componentDefinitions ?? []) {
    const cp = instances.get(def.definitionPath);
    analysis[def.definitionPath] = {
      definition: {
        path: def.definitionPath,
        definitionType: { type: "childComponent", name: cp ? leaf(cp) : path.basename(def.definitionPath) },
        childComponents: cp ? children(cp, def.dependencies ?? []).map(({ cp: _cp, ...c }) => c) : [],
        httpMounts: {},
        exports: emptyExports,
      },
      schema: null,
      functions: {},
      udfConfig,
    };
  }
  return {
    environmentVariables: {},
    externalDepsId: null,
    componentDefinitionPackages: {},
    appAuth: [],
    analysis,
    app: {
      definitionPath: "",
      componentPath: "",
      args: {},
      childComponents: {},
      httpRoutes: { httpModuleRoutes: null, mounts: [] },
      exports: {},
    },
    schemaChange: {},
  };
}
