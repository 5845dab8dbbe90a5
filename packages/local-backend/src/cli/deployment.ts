// The deployment-side endpoints of the official CLI, behind the admin key: the push protocol
// (push.ts), environment variables, the function log stream and snapshot exports. http.ts
// routes `/api/...` requests here after checking the key.
import { createHash } from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import path from "node:path";
import type { Engine } from "../engine.js";
import { ModuleLoadError, type Modules } from "../loader.js";
import { jsonField, jsonFields, LIMITS, parseJsonBody, RequestError, readBody } from "../request.js";
import { EnvVarStore } from "./env.js";
import { SnapshotExports } from "./export.js";
import { FunctionLog } from "./logs.js";
import {
  importPush,
  indexDiffs,
  PushError,
  type PushedModules,
  type PushState,
  pushAnalysis,
  pushStateFromRequest,
  validateExistingDocuments,
} from "./push.js";
import { systemFunctions } from "./system.js";

const PUSH_DIR = "push";
const CURRENT = "current.json";

interface Staged {
  state: PushState;
  modules: PushedModules;
  key: string;
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
}

export class CliDeployment {
  readonly env: EnvVarStore;
  readonly logs = new FunctionLog();
  readonly exports: SnapshotExports;
  current: PushState | null = null;
  private staged = new Map<string, Staged>();
  private building = 0;

  constructor(
    private engine: Engine,
    private dataDir: string,
    startEnv: Record<string, string>,
    toExportJson: (v: unknown) => unknown,
    /** make `modules` the running code (engine, crons); called after a finished push */
    private activate: (modules: Modules) => Promise<void>,
  ) {
    this.env = new EnvVarStore(dataDir, startEnv);
    this.exports = new SnapshotExports(engine, path.join(dataDir, "exports"), toExportJson);
    engine.systemFunctions = systemFunctions(engine, this.env, () => this.exports.latest);
    this.logs.attach(engine);
  }

  private get pushDir() {
    return path.join(this.dataDir, PUSH_DIR);
  }

  /** The persisted push, imported, if the data dir holds one (it then wins over the watched dir). */
  async loadPersisted(): Promise<Modules | null> {
    let state: PushState;
    try {
      state = JSON.parse(fs.readFileSync(path.join(this.pushDir, CURRENT), "utf8"));
    } catch {
      return null;
    }
    this.current = state;
    try {
      return await importPush(state, this.buildDir(state.id));
    } catch (e) {
      throw new Error(
        `The functions last pushed by the Convex CLI failed to load (${(e as Error).message}); push again, or remove ${this.pushDir} to run the watched functions dir`,
      );
    }
  }

  private buildDir(id: string) {
    return path.join(this.pushDir, "build", id);
  }

  static readonly PATHS = new Set([
    "/api/get_config_hashes",
    "/api/deploy2/start_push",
    "/api/deploy2/evaluate_push",
    "/api/deploy2/evaluate_schema",
    "/api/deploy2/wait_for_schema",
    "/api/deploy2/finish_push",
    "/api/deploy2/report_push_completed",
    "/api/update_environment_variables",
    "/api/stream_function_logs",
    "/api/export/request/zip",
    "/api/get_canonical_urls",
    "/api/v1/get_canonical_urls",
  ]);
  handles(p: string): boolean {
    return CliDeployment.PATHS.has(p) || p.startsWith("/api/export/zip/");
  }

  /** Evaluate a push request (cached by content, so evaluate_schema and start_push share it). */
  private async stage(body: { appDefinition?: unknown; componentDefinitions?: unknown }): Promise<Staged> {
    const key = createHash("sha256")
      .update(JSON.stringify([body.appDefinition, body.componentDefinitions]))
      .digest("hex");
    for (const s of this.staged.values()) if (s.key === key) return s;
    const state = pushStateFromRequest(body, this.current);
    // a fresh directory per evaluation: Node caches imported modules by URL
    const modules = await importPush(state, path.join(this.pushDir, "staging", `${state.id}-${++this.building}`));
    const s = { state, modules, key };
    this.staged.set(state.id, s);
    while (this.staged.size > 4) this.staged.delete(this.staged.keys().next().value!);
    return s;
  }

  async handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    p: string,
    url: URL,
    cloudUrl: string,
    siteUrl: string,
  ): Promise<void> {
    const body = jsonFields(req.method === "POST" ? parseJsonBody(await readBody(req, LIMITS.pushBody)) : {});
    try {
      switch (p) {
        case "/api/get_config_hashes": {
          const app = this.current?.definitions.find((d) => d.definitionPath === "");
          return send(res, 200, {
            config: { functions: "convex/" },
            moduleHashes: (app?.modules ?? []).map((m) => ({
              path: m.path,
              hash: m.sha256,
              environment: m.environment,
            })),
            nodeDependencies: [],
            udfServerVersion: this.current ? "1.48.0" : null,
          });
        }
        case "/api/deploy2/evaluate_schema": {
          const s = await this.stage(body);
          const before = this.engine.modules;
          const diffs = indexDiffs(before, s.modules);
          const componentSchemaEvaluations: Record<string, unknown> = {};
          for (const [cp, c] of s.modules.components) {
            const d = diffs[cp] ?? { added_indexes: [], removed_indexes: [] };
            const count = (table: string) => this.engine.db.getTable(cp ? `${cp}/${table}` : table)?.docs.size ?? 0;
            componentSchemaEvaluations[cp] = {
              definitionPath: s.modules.definitionPaths.get(cp) ?? "",
              schemaValidation: !!c.schema?.schemaValidation,
              tables: (c.schema?.tables ?? []).map((t) => ({
                name: t.tableName,
                outcome: "mustWalk",
                numDocs: count(t.tableName),
                sizeBytes: 0,
              })),
              indexes: [
                ...d.added_indexes.map((i) => ({
                  ...i,
                  change: "added",
                  needsBackfill: true,
                  numDocs: count(i.name.split(".")[0]!),
                })),
                ...d.removed_indexes.map((i) => ({
                  ...i,
                  change: "dropped",
                  needsBackfill: false,
                  numDocs: count(i.name.split(".")[0]!),
                })),
              ],
            };
          }
          return send(res, 200, { componentSchemaEvaluations, newComponentDefinitions: [] });
        }
        case "/api/deploy2/start_push":
        case "/api/deploy2/evaluate_push": {
          const s = await this.stage(body);
          const schemaChange = {
            allocatedComponentIds: null,
            schemaIds: s.state.id,
            indexDiffs: indexDiffs(this.engine.modules, s.modules),
          };
          if (p === "/api/deploy2/evaluate_push") return send(res, 200, { schemaChange });
          return send(res, 200, {
            environmentVariables: Object.fromEntries(this.env.list().map((e) => [e.name, e.value])),
            externalDepsId: null,
            componentDefinitionPackages: {},
            appAuth: s.modules.authProviders,
            ...pushAnalysis(s.modules, s.state),
            schemaChange,
          });
        }
        case "/api/deploy2/wait_for_schema": {
          const s = this.staged.get(String(jsonField(body, "schemaChange", "schemaIds")));
          if (!s) return send(res, 200, { type: "raceDetected" });
          const failure = validateExistingDocuments(this.engine, s.modules);
          return send(res, 200, failure ? { type: "failed", ...failure } : { type: "complete" });
        }
        case "/api/deploy2/finish_push": {
          const id = String(jsonField(body, "startPush", "schemaChange", "schemaIds"));
          const s = this.staged.get(id);
          if (!s) throw new PushError("This push was overwritten by another push or the backend restarted; push again");
          const before = this.engine.modules;
          const diff = this.diff(before, s);
          if (!body.dryRun) await this.commit(s);
          return send(res, 200, diff);
        }
        case "/api/deploy2/report_push_completed":
          return send(res, 200, {});
        case "/api/update_environment_variables":
          this.env.update(body.changes);
          // functions read the environment: cached query results may no longer hold
          this.engine.queryCache.clear();
          return send(res, 200, {});
        case "/api/stream_function_logs": {
          const cursor = Number(url.searchParams.get("cursor") ?? 0);
          const abort = new AbortController();
          res.on("close", () => abort.abort());
          return send(res, 200, await this.logs.since(Number.isFinite(cursor) ? cursor : 0, abort.signal));
        }
        case "/api/export/request/zip":
          try {
            await this.exports.run(url.searchParams.get("includeStorage") === "true");
          } catch (e) {
            if ((e as Error).message === "ExportInProgress")
              return send(res, 400, { code: "ExportInProgress", message: "An export is already in progress" });
            throw e;
          }
          return send(res, 200, {});
        case "/api/get_canonical_urls":
        case "/api/v1/get_canonical_urls":
          return send(res, 200, { convexCloudUrl: cloudUrl, convexSiteUrl: siteUrl });
      }
      if (p.startsWith("/api/export/zip/")) {
        const file = this.exports.file(p.slice("/api/export/zip/".length));
        if (!file) return send(res, 404, { code: "NotFound", message: "No such export" });
        res.writeHead(200, { "Content-Type": "application/zip", "Content-Length": String(fs.statSync(file).size) });
        fs.createReadStream(file).pipe(res);
        return;
      }
      send(res, 404, { code: "NotFound", message: `Unknown endpoint ${p}` });
    } catch (e) {
      if (e instanceof RequestError) throw e;
      // the CLI prints `message` (ThrowingFetchError); bundles that fail to import land here
      if (e instanceof ModuleLoadError) {
        // What Convex answers when it cannot load pushed modules (a query in a "use node" file...).
        const message = `Hit an error while pushing:\nLoading the pushed modules encountered the following\n    error:\n${e.message}`;
        return send(res, 400, { code: "InvalidModules", message });
      }
      const message = e instanceof PushError || e instanceof Error ? e.message : String(e);
      send(res, 400, { code: "BadPush", message });
    }
  }

  private diff(before: Modules | undefined, s: Staged) {
    const oldFns = new Set(before?.entryPoints ?? []);
    const newFns = new Set(s.modules.entryPoints);
    const oldCrons = before?.crons ?? {};
    const componentDiffs: Record<string, unknown> = {};
    const diffs = indexDiffs(before, s.modules);
    for (const cp of s.modules.components.keys()) {
      componentDiffs[cp] = {
        diffType: { type: before?.components.has(cp) ? "modify" : "create" },
        moduleDiff: cp
          ? { added: [], removed: [] }
          : { added: [...newFns].filter((m) => !oldFns.has(m)), removed: [...oldFns].filter((m) => !newFns.has(m)) },
        udfConfigDiff: null,
        cronDiff: cp
          ? { added: [], updated: [], deleted: [] }
          : {
              added: Object.keys(s.modules.crons).filter((c) => !(c in oldCrons)),
              updated: Object.keys(s.modules.crons).filter(
                (c) => c in oldCrons && JSON.stringify(oldCrons[c]) !== JSON.stringify(s.modules.crons[c]),
              ),
              deleted: Object.keys(oldCrons).filter((c) => !(c in s.modules.crons)),
            },
        indexDiff: diffs[cp] ?? { added_indexes: [], removed_indexes: [] },
        schemaDiff: null,
      };
    }
    return { authDiff: { added: [], removed: [] }, definitionDiffs: {}, componentDiffs };
  }

  /** Persist the push (it survives restarts), move its build in place and run it. */
  private async commit(s: Staged) {
    fs.mkdirSync(this.pushDir, { recursive: true });
    const file = path.join(this.pushDir, CURRENT);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(s.state));
    fs.renameSync(`${file}.tmp`, file);
    this.current = s.state;
    this.staged.clear();
    await this.activate(s.modules);
    // the staged build is the running one; older builds and stagings can go
    for (const sub of ["build", "staging"]) {
      const dir = path.join(this.pushDir, sub);
      if (!fs.existsSync(dir)) continue;
      for (const e of fs.readdirSync(dir)) {
        if (s.modules.components.get("")?.dir.startsWith(path.join(dir, e) + path.sep)) continue;
        fs.rmSync(path.join(dir, e), { recursive: true, force: true });
      }
    }
  }
}
