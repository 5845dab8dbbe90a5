import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { WebSocketServer } from "ws";
import { loadOrCreateAdminKey } from "./admin-key.js";
import { AuthVerifier } from "./auth.js";
import { CliDeployment } from "./cli/deployment.js";
import { ActionPool, UdfPool } from "./engine/pool.js";
import { Engine, installGlobals, originalConsole, uninstallEngine } from "./engine.js";
import { makeCloudHandler, makeSiteHandler, toCleanJson } from "./http.js";
import { Loader } from "./loader.js";
import { LIMITS, OriginPolicy } from "./request.js";
import { Scheduler } from "./scheduler.js";
import { Database } from "./storage.js";
import { SyncServer } from "./sync.js";

export interface LocalBackendOptions {
  functionsDir: string; // absolute path to a convex/ folder
  dataDir: string; // persistence folder (created if missing)
  port?: number; // cloud/API + sync port, default 3210 (0 = random free port)
  sitePort?: number; // HTTP actions port, default 3211 (0 = random)
  host?: string; // default 127.0.0.1
  adminKey?: string; // default: random per data directory, kept in <dataDir>/admin-key (mode 0600)
  /**
   * Browser origins allowed to call the cloud port (the dashboard's own). Default: the
   * LOCAL_BACKEND_ALLOWED_ORIGINS env var (comma-separated), else the origins in `env.SITE_URL`
   * (the dashboard origins Better Auth trusts). Every other page is refused.
   */
  allowedOrigins?: string[];
  env?: Record<string, string>; // env vars visible to function code via process.env
  /**
   * Worker threads running query/mutation code with Convex's 1 s limit. Default: one per core,
   * at least 2 (so one spinning function never leaves the others waiting); 0 runs function
   * code on the main thread without a time limit.
   */
  workers?: number;
  /**
   * Convex's execution limits, shorter for tests: `userCodeMs` per query/mutation (default 1 s of
   * user code), `actionMs` per action or HTTP action (default 10 minutes of wall time). Enforced
   * only with workers.
   */
  limits?: { userCodeMs?: number; actionMs?: number };
  watch?: boolean; // rebuild on file change
  quiet?: boolean; // don't mirror function logs to the terminal
}
export interface LocalBackend {
  url: string;
  siteUrl: string;
  adminKey: string;
  /**
   * counters for tests and benchmarks: mutations/queries re-run after a conflict, worker round
   * trips, searches that waited for their index build, the query cache's hits, misses and
   * invalidated entries (engine/query-cache.ts)
   */
  stats(): {
    occRetries: number;
    workerRoundTrips: number;
    searchWaits: number;
    queryCache: { hits: number; misses: number; invalidated: number; expired: number };
  };
  stop(): Promise<void>;
}

export { ADMIN_KEY_FILE, readAdminKey } from "./admin-key.js";

const splitOrigins = (v: string | undefined) =>
  (v ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);

/** See `LocalBackendOptions.allowedOrigins`. */
export function defaultAllowedOrigins(opts: Pick<LocalBackendOptions, "allowedOrigins" | "env">): string[] {
  if (opts.allowedOrigins) return opts.allowedOrigins;
  if (process.env.LOCAL_BACKEND_ALLOWED_ORIGINS !== undefined)
    return splitOrigins(process.env.LOCAL_BACKEND_ALLOWED_ORIGINS);
  return splitOrigins(opts.env?.SITE_URL);
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startLocalBackend(opts: LocalBackendOptions): Promise<LocalBackend> {
  const functionsDir = path.resolve(opts.functionsDir);
  const dataDir = path.resolve(opts.dataDir);
  const host = opts.host ?? "127.0.0.1";
  if (!fs.existsSync(functionsDir)) throw new Error(`functions dir not found: ${functionsDir}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const adminKey = opts.adminKey ?? loadOrCreateAdminKey(dataDir);
  const origins = new OriginPolicy(defaultAllowedOrigins(opts));
  try {
    process.setSourceMapsEnabled?.(true);
  } catch {
    /* ignore */
  }

  const db = new Database();
  await db.open(dataDir);

  let cloudUrl = "";
  let siteUrl = "";
  const engine = new Engine(db, {
    quiet: opts.quiet,
    cloudUrl: () => cloudUrl,
    siteUrl: () => siteUrl,
    instanceName: "local",
    storageDir: path.join(dataDir, "storage"),
  });
  installGlobals(engine);
  const auth = new AuthVerifier(() => engine.modules?.authProviders ?? []);
  const scheduler = new Scheduler(engine);
  const sync = new SyncServer(engine, auth, adminKey);

  let readyResolve!: () => void;
  let readyReject!: (e: unknown) => void;
  const ready = new Promise<void>((res, rej) => {
    readyResolve = res;
    readyReject = rej;
  });
  ready.catch(() => {});
  let activatePush: (m: import("./loader.js").Modules) => Promise<void> = async () => {};
  // `npx convex deploy` / `npx convex dev` pushes: once a push is made, its bundle replaces the
  // watched functions dir (here and after restarts) until the data dir's push/ folder is removed
  const cli = new CliDeployment(engine, dataDir, opts.env ?? {}, toCleanJson, (m) => activatePush(m));
  const deps = { engine, auth, adminKey, ready, instanceName: "local", siteUrl: () => siteUrl, origins, cli };
  const cloud = http.createServer(makeCloudHandler(deps));
  const site = http.createServer(makeSiteHandler(deps));
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.functionBody });
  cloud.on("upgrade", (req, socket, head) => {
    const p = new URL(req.url ?? "/", "http://localhost").pathname;
    // WebSockets are outside CORS: refuse other pages here, like the HTTP API does.
    if (!origins.permits(req.headers.origin)) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    if (/^\/api\/([^/]+\/)?sync$/.test(p)) {
      wss.handleUpgrade(req, socket, head, (ws) => sync.handle(ws, ready, req.headers.origin !== undefined));
    } else {
      socket.destroy();
    }
  });
  const sockets = new Set<import("node:net").Socket>();
  for (const s of [cloud, site])
    s.on("connection", (c) => {
      sockets.add(c);
      c.on("close", () => sockets.delete(c));
    });

  const port = await listen(cloud, opts.port ?? 3210, host);
  let sitePort: number;
  try {
    sitePort = await listen(site, opts.sitePort ?? 3211, host);
  } catch (e) {
    cloud.close();
    throw e;
  }
  const urlHost = host.includes(":") ? `[${host}]` : host;
  cloudUrl = `http://${urlHost}:${port}`;
  siteUrl = `http://${urlHost}:${sitePort}`;
  for (const [k, v] of Object.entries(opts.env ?? {})) process.env[k] = v;
  cli.env.apply();
  process.env.CONVEX_CLOUD_URL = cloudUrl;
  process.env.CONVEX_SITE_URL = siteUrl;

  const loader = new Loader(functionsDir, path.join(dataDir, ".build"));
  const stopAll = async () => {
    for (const c of wss.clients) c.terminate();
    sync.closeAll();
    await new Promise<void>((r) => cloud.close(() => r()));
    await new Promise<void>((r) => site.close(() => r()));
  };
  const workers = opts.workers ?? Math.max(2, os.availableParallelism());
  // the worker threads boot (Node, their own imports) while the main thread builds the functions;
  // they join the engine once its modules are set (setModules would warm them all at once)
  const pool = workers > 0 ? new UdfPool(engine, workers, opts.limits?.userCodeMs) : undefined;
  // actions mostly wait on I/O, several share a worker; more only while one spins
  const actionPool = workers > 0 ? new ActionPool(engine, workers, workers * 2, opts.limits?.actionMs) : undefined;
  // a worker imports the bundles while the main thread does (registering the functions)
  loader.onBundled = (files) => pool?.prewarm(files);
  try {
    const modules = (await cli.loadPersisted()) ?? (await loader.load());
    loader.onBundled = null;
    if (cli.current && !opts.quiet)
      originalConsole.log(
        `[local-backend] running the functions last pushed by the Convex CLI, not ${functionsDir} (remove ${path.join(dataDir, "push")} to go back)`,
      );
    engine.setModules(modules);
    if (pool && actionPool) {
      engine.pool = pool;
      engine.actionPool = actionPool;
      // "ready" waits for one warm query/mutation worker (first calls don't pay for imports);
      // the other workers and the action workers warm up after it, in the background
      await pool.warmFirst();
      void actionPool.preload();
    }
    await scheduler.recover();
    await scheduler.syncCrons(modules.crons);
    scheduler.start();
    readyResolve();
  } catch (e) {
    readyReject(e);
    for (const s of sockets) s.destroy();
    await stopAll();
    await pool?.close();
    await actionPool?.close();
    engine.search.close(); // background index builds read the store
    await db.close();
    uninstallEngine(engine);
    throw e;
  }

  let reloading: Promise<void> = Promise.resolve();
  let pushNoticeShown = false;
  activatePush = (modules) =>
    (reloading = reloading.then(async () => {
      engine.setModules(modules);
      await scheduler.syncCrons(modules.crons);
      if (!opts.quiet)
        originalConsole.log(`[local-backend] running ${modules.functions.size} functions pushed by the Convex CLI`);
    }));
  if (opts.watch) {
    loader.watch(() => {
      reloading = reloading.then(async () => {
        if (cli.current) {
          // a CLI push replaced the watched dir: the CLI's own watcher (`npx convex dev`) pushes edits
          if (!pushNoticeShown && !opts.quiet)
            originalConsole.log("[local-backend] file change ignored: functions come from the Convex CLI's push");
          pushNoticeShown = true;
          return;
        }
        try {
          const modules = await loader.load();
          engine.setModules(modules);
          await scheduler.syncCrons(modules.crons);
          if (!opts.quiet) originalConsole.log(`[local-backend] reloaded ${modules.functions.size} functions`);
        } catch (e) {
          originalConsole.error(`[local-backend] reload failed: ${(e as Error).message}`);
        }
      });
    });
  }

  let stopped = false;
  return {
    url: cloudUrl,
    siteUrl,
    adminKey,
    stats: () => ({ ...engine.stats, queryCache: { ...engine.queryCache.stats } }),
    async stop() {
      if (stopped) return;
      stopped = true;
      loader.close();
      await reloading;
      const timeout = new Promise((r) => setTimeout(r, 3000).unref());
      await Promise.race([scheduler.stop(), timeout]);
      for (const s of sockets) s.destroy();
      await stopAll();
      await engine.pool?.close();
      await engine.actionPool?.close();
      engine.search.close(); // background index builds read the store
      await db.close();
      uninstallEngine(engine);
    },
  };
}
