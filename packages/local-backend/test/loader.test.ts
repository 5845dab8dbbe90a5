import fs from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, describe, expect, it } from "vitest";
import { BUILD_CACHE_DIR } from "../src/build-cache.js";
import { type LocalBackend, startLocalBackend } from "../src/index.js";
import { listEntryPoints } from "../src/loader.js";
import { PKG_DIR, tmpDir, waitFor } from "./helpers.js";

const api = anyApi as any;
const stops: LocalBackend[] = [];
afterAll(async () => {
  for (const b of stops) await b.stop();
});

/** A throwaway project: convex/ dir + a linked workspace package exporting .ts source. */
function makeProject(files: Record<string, string>) {
  const root = tmpDir("lb-loader-");
  const convexDir = path.join(root, "convex");
  fs.mkdirSync(path.join(root, "node_modules/@ws"), { recursive: true });
  fs.symlinkSync(
    fs.realpathSync(path.join(PKG_DIR, "node_modules/convex")),
    path.join(root, "node_modules/convex"),
    "dir",
  );
  // "workspace" package living outside node_modules, linked like pnpm does
  const lib = path.join(root, "packages/lib");
  fs.mkdirSync(path.join(lib, "src"), { recursive: true });
  fs.writeFileSync(
    path.join(lib, "package.json"),
    JSON.stringify({ name: "@ws/lib", type: "module", exports: { ".": "./src/index.ts" } }),
  );
  fs.writeFileSync(
    path.join(lib, "src/index.ts"),
    `import { helper } from "./helper";\nexport function shout(s: string): string { return helper(s) + "!"; }\n`,
  );
  fs.writeFileSync(path.join(lib, "src/helper.ts"), `export const helper = (s: string): string => s.toUpperCase();\n`);
  fs.symlinkSync(lib, path.join(root, "node_modules/@ws/lib"), "dir");
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(convexDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(convexDir, rel), content);
  }
  return { root, convexDir };
}

const fnFile = (body: string) => `import { queryGeneric, mutationGeneric } from "convex/server";
import { v } from "convex/values";
import { shout } from "@ws/lib";
export const hello = queryGeneric({ args: { name: v.string() }, handler: async (_ctx, { name }) => ${body} });
export const bump = mutationGeneric({ args: {}, handler: async (ctx) => ctx.db.insert("things", { at: 1 }) });
`;

describe("loader", () => {
  it("follows the CLI's entry point rules", () => {
    const { convexDir } = makeProject({
      "a.ts": "export {}",
      "dir/b.ts": "export {}",
      "c.test.ts": "export {}",
      "schema.ts": "export default null",
      ".hidden.ts": "export {}",
      "_generated/api.js": "export {}",
      "notes.md": "x",
      "auth.config.ts": "export default {}",
    });
    expect(listEntryPoints(convexDir).sort()).toEqual(["a.ts", path.join("dir", "b.ts")].sort());
  });

  it("bundles linked workspace .ts packages, registers nested modules, and reloads on change in watch mode", async () => {
    const { root, convexDir } = makeProject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture's source code contains a template literal
      "greet.ts": fnFile("shout(`hi ${name}`)"),
      "nested/deep.ts": `import { queryGeneric } from "convex/server";\nexport const x = queryGeneric(async () => "deep");\nexport default queryGeneric(async () => "default export");\n`,
    });
    const b = await startLocalBackend({
      functionsDir: convexDir,
      dataDir: path.join(root, "data"),
      port: 0,
      sitePort: 0,
      watch: true,
      quiet: true,
    });
    stops.push(b);
    const http = new ConvexHttpClient(b.url);
    expect(await http.query(api.greet.hello, { name: "bob" })).toBe("HI BOB!");
    expect(await http.query(api.nested.deep.x, {})).toBe("deep");
    expect(await http.query("nested/deep" as any, {})).toBe("default export");
    await http.mutation(api.greet.bump, {});
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture's source code contains a template literal
    fs.writeFileSync(path.join(convexDir, "greet.ts"), fnFile("`v2 ${shout(name)}`"));
    await waitFor(
      () => http.query(api.greet.hello, { name: "x" }).catch(() => null),
      (v) => v === "v2 X!",
      20_000,
      200,
    );
    // editing a linked workspace package reloads too
    fs.writeFileSync(
      path.join(root, "packages/lib/src/helper.ts"),
      `export const helper = (s: string): string => s.toLowerCase();\n`,
    );
    await waitFor(
      () => http.query(api.greet.hello, { name: "X" }).catch(() => null),
      (v) => v === "v2 x!",
      20_000,
      200,
    );
    // data survives reloads
    expect(await http.mutation(api.greet.bump, {})).toBeTypeOf("string");
  });

  it("reuses the last build across restarts only while every input is byte-identical", async () => {
    const { root, convexDir } = makeProject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture's source code contains a template literal
      "greet.ts": fnFile("shout(`hi ${name}`)"),
    });
    const dataDir = path.join(root, "data");
    const cacheDir = path.join(dataDir, ".build", BUILD_CACHE_DIR);
    const helper = path.join(root, "packages/lib/src/helper.ts");
    const manifests = () =>
      fs
        .readdirSync(cacheDir)
        .sort()
        .map((e) => fs.readFileSync(path.join(cacheDir, e, "manifest.json"), "utf8"));
    // a build is cached only if no input was written since it started: age the fixture's files
    const settle = () => {
      const old = new Date(Date.now() - 60_000);
      for (const d of [convexDir, path.join(root, "packages/lib")])
        for (const f of fs.readdirSync(d, { recursive: true, encoding: "utf8" }))
          fs.utimesSync(path.join(d, f), old, old);
    };
    const greet = async () => {
      settle();
      const b = await startLocalBackend({ functionsDir: convexDir, dataDir, port: 0, sitePort: 0, quiet: true });
      try {
        return await new ConvexHttpClient(b.url).query(api.greet.hello, { name: "bob" });
      } finally {
        await b.stop();
      }
    };
    expect(await greet()).toBe("HI BOB!");
    const first = manifests();
    expect(first).toHaveLength(1);
    const inode = () => fs.statSync(path.join(cacheDir, fs.readdirSync(cacheDir)[0]!, "manifest.json")).ino;
    const firstInode = inode();
    // unchanged inputs: the cached output runs, the cache entry is not rewritten (no build ran)
    expect(await greet()).toBe("HI BOB!");
    expect(manifests()).toEqual(first);
    expect(inode()).toBe(firstInode);

    // an edit that adds a new imported file (outside the functions dir, so the entry list is the same)
    fs.writeFileSync(path.join(root, "packages/lib/src/tail.ts"), `export const tail = "?";\n`);
    fs.writeFileSync(
      helper,
      `import { tail } from "./tail";\nexport const helper = (s: string): string => s.toLowerCase() + tail;\n`,
    );
    expect(await greet()).toBe("hi bob?!");
    const second = manifests();
    expect(second).not.toEqual(first);
    expect(second[0]).toContain("tail.ts");
    // editing the new file is seen too: it is an input of the cached build
    fs.writeFileSync(path.join(root, "packages/lib/src/tail.ts"), `export const tail = ";";\n`);
    expect(await greet()).toBe("hi bob;!");

    // same size, same mtime, other bytes: content counts, not timestamps
    const before = fs.statSync(helper);
    fs.writeFileSync(
      helper,
      `import { tail } from "./tail";\nexport const helper = (s: string): string => s.toUpperCase() + tail;\n`,
    );
    fs.utimesSync(helper, before.atime, before.mtime);
    expect(fs.statSync(helper).size).toBe(before.size);
    const b = await startLocalBackend({ functionsDir: convexDir, dataDir, port: 0, sitePort: 0, quiet: true });
    try {
      expect(await new ConvexHttpClient(b.url).query(api.greet.hello, { name: "bob" })).toBe("HI BOB;!");
    } finally {
      await b.stop();
    }
    // another entry list is another cache entry; the one no longer used is removed
    fs.writeFileSync(path.join(convexDir, "other.ts"), "export {};\n");
    const entry = fs.readdirSync(cacheDir);
    expect(await greet()).toBe("HI BOB;!");
    expect(fs.readdirSync(cacheDir)).toHaveLength(1);
    expect(fs.readdirSync(cacheDir)).not.toEqual(entry);
  });

  it("runs components: isolated tables, nested components, cross-component calls, scheduler, handles", async () => {
    const { root, convexDir } = makeProject({
      "convex.config.ts": `import { defineApp } from "convex/server";
import counter from "./components/counter/convex.config";
import ratelimit from "@fake/ratelimit/convex.config.js";
const app = defineApp();
app.use(counter);
app.use(ratelimit, { name: "limiter", env: { RL_MODE: "strict" } });
export default app;
`,
      "components/counter/convex.config.ts": `import { defineComponent } from "convex/server";
import ratelimit from "@fake/ratelimit/convex.config.js";
const c = defineComponent("counter");
c.use(ratelimit);
export default c;
`,
      "components/counter/schema.ts": `import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
export default defineSchema({ counters: defineTable({ name: v.string(), value: v.number() }).index("by_name", ["name"]) });
`,
      "components/counter/lib.ts": `import { componentsGeneric, makeFunctionReference, mutationGeneric, queryGeneric, internalMutationGeneric, createFunctionHandle } from "convex/server";
import { v } from "convex/values";
const components = componentsGeneric() as any;
export const increment = mutationGeneric({
  args: { name: v.string(), by: v.number() },
  handler: async (ctx, { name, by }) => {
    const row = await ctx.db.query("counters").withIndex("by_name", (q) => q.eq("name", name)).unique();
    if (row) await ctx.db.patch(row._id, { value: row.value + by });
    else await ctx.db.insert("counters", { name, value: by });
    await ctx.runMutation(components.ratelimit.lib.hit, { key: name });
    return (row?.value ?? 0) + by;
  },
});
export const get = queryGeneric({
  args: { name: v.string() },
  handler: async (ctx, { name }) =>
    (await ctx.db.query("counters").withIndex("by_name", (q) => q.eq("name", name)).unique())?.value ?? 0,
});
export const secret = internalMutationGeneric({ args: {}, handler: async () => "secret" });
export const whoami = queryGeneric({ args: {}, handler: async (ctx) => await ctx.auth.getUserIdentity() });
export const incrementLater = mutationGeneric({
  args: { name: v.string() },
  handler: async (ctx, { name }) => {
    await ctx.scheduler.runAfter(0, makeFunctionReference<"mutation">("lib:increment"), { name, by: 10 });
  },
});
export const handle = mutationGeneric({
  args: {},
  handler: async () => await createFunctionHandle(makeFunctionReference<"mutation">("lib:increment")),
});
export const nestedHits = queryGeneric({ args: { key: v.string() }, handler: async (ctx, { key }) => await ctx.runQuery(components.ratelimit.lib.count, { key }) });
`,
      "app.ts": `import { componentsGeneric, mutationGeneric, queryGeneric, actionGeneric } from "convex/server";
import { v } from "convex/values";
const components = componentsGeneric() as any;
export const bump = mutationGeneric({
  args: { name: v.string() },
  handler: async (ctx, { name }) => {
    const value = await ctx.runMutation(components.counter.lib.increment, { name, by: 1 });
    await ctx.db.insert("log", { name, value });
    return value;
  },
});
export const read = queryGeneric({ args: { name: v.string() }, handler: async (ctx, { name }) => await ctx.runQuery(components.counter.lib.get, { name }) });
export const limited = actionGeneric({ args: { key: v.string() }, handler: async (ctx, { key }) => await ctx.runMutation(components.limiter.lib.hit, { key }) });
export const modes = queryGeneric({ args: {}, handler: async (ctx) => ({ limiter: await ctx.runQuery(components.limiter.lib.mode, {}), app: process.env.RL_MODE ?? null }) });
export const limiterCount = queryGeneric({ args: { key: v.string() }, handler: async (ctx, { key }) => await ctx.runQuery(components.limiter.lib.count, { key }) });
export const nestedCount = queryGeneric({ args: { key: v.string() }, handler: async (ctx, { key }) => await ctx.runQuery(components.counter.lib.nestedHits, { key }) });
export const callSecret = mutationGeneric({ args: {}, handler: async (ctx) => await ctx.runMutation(components.counter.lib.secret, {}) });
export const componentWhoami = queryGeneric({ args: {}, handler: async (ctx) => ({ app: await ctx.auth.getUserIdentity(), component: await ctx.runQuery(components.counter.lib.whoami, {}) }) });
export const laterInComponent = mutationGeneric({ args: { name: v.string() }, handler: async (ctx, { name }) => await ctx.runMutation(components.counter.lib.incrementLater, { name }) });
export const viaHandle = mutationGeneric({
  args: { name: v.string() },
  handler: async (ctx, { name }) => {
    const h = await ctx.runMutation(components.counter.lib.handle, {});
    return await ctx.runMutation(h as any, { name, by: 100 });
  },
});
export const appTables = queryGeneric({ args: {}, handler: async (ctx) => (await ctx.db.query("counters").collect()).length });
`,
    });
    // a JS component shipped in node_modules
    const pkg = path.join(root, "node_modules/@fake/ratelimit");
    fs.mkdirSync(path.join(pkg, "dist/component"), { recursive: true });
    fs.writeFileSync(
      path.join(pkg, "package.json"),
      JSON.stringify({
        name: "@fake/ratelimit",
        type: "module",
        exports: { "./convex.config.js": "./dist/component/convex.config.js" },
      }),
    );
    fs.writeFileSync(
      path.join(pkg, "dist/component/convex.config.js"),
      `import { defineComponent } from "convex/server";\nimport { v } from "convex/values";\nexport default defineComponent("ratelimit", { env: { RL_MODE: v.optional(v.string()) } });\n`,
    );
    fs.writeFileSync(
      path.join(pkg, "dist/component/schema.js"),
      `import { defineSchema, defineTable } from "convex/server";\nimport { v } from "convex/values";\nexport default defineSchema({ hits: defineTable({ key: v.string() }).index("by_key", ["key"]) });\n`,
    );
    fs.writeFileSync(
      path.join(pkg, "dist/component/lib.js"),
      `import { mutationGeneric, queryGeneric } from "convex/server";
import { v } from "convex/values";
export const hit = mutationGeneric({ args: { key: v.string() }, handler: async (ctx, { key }) => {
  await ctx.db.insert("hits", { key });
  return (await ctx.db.query("hits").withIndex("by_key", (q) => q.eq("key", key)).collect()).length;
} });
export const mode = queryGeneric({ args: {}, handler: async () => process.env.RL_MODE ?? null });
export const count = queryGeneric({ args: { key: v.string() }, handler: async (ctx, { key }) =>
  (await ctx.db.query("hits").withIndex("by_key", (q) => q.eq("key", key)).collect()).length });
`,
    );
    const b = await startLocalBackend({
      functionsDir: convexDir,
      dataDir: path.join(root, "data"),
      port: 0,
      sitePort: 0,
      quiet: true,
    });
    stops.push(b);
    const http = new ConvexHttpClient(b.url);
    expect(await http.mutation(api.app.bump, { name: "a" })).toBe(1);
    expect(await http.mutation(api.app.bump, { name: "a" })).toBe(2);
    expect(await http.query(api.app.read, { name: "a" })).toBe(2);
    // the app cannot see the component's tables
    expect(await http.query(api.app.appTables, {})).toBe(0);
    // two instances of the same component are isolated: counter's nested ratelimit vs "limiter"
    expect(await http.action(api.app.limited, { key: "a" })).toBe(1);
    expect(await http.query(api.app.limiterCount, { key: "a" })).toBe(1);
    expect(await http.query(api.app.nestedCount, { key: "a" })).toBe(2);
    // env values passed with use(x, { env }) are visible to that instance only
    expect(await http.query(api.app.modes, {})).toEqual({ limiter: "strict", app: null });
    // internal component functions are not callable from the parent
    await expect(http.mutation(api.app.callSecret, {})).rejects.toThrow(/Could not find public function/);
    // components don't see the caller's identity
    const admin = new ConvexHttpClient(b.url);
    (admin as any).setAdminAuth(b.adminKey, { subject: "someone", issuer: "https://x" });
    const who = await admin.query(api.app.componentWhoami, {});
    expect(who.app?.subject).toBe("someone");
    expect(who.component).toBeNull();
    // the component's own scheduler and function handles
    await http.mutation(api.app.laterInComponent, { name: "b" });
    await waitFor(
      () => http.query(api.app.read, { name: "b" }),
      (v) => v === 10,
    );
    expect(await http.mutation(api.app.viaHandle, { name: "b" })).toBe(110);
    // clients cannot call component functions directly; the admin key can (convex run --component)
    await expect(http.query("lib:get" as any, { name: "a" })).rejects.toThrow(/Could not find public function/);
    const viaAdmin = await fetch(`${b.url}/api/function`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Convex ${b.adminKey}` },
      body: JSON.stringify({ path: "lib:get", args: { name: "a" }, componentPath: "counter", format: "json" }),
    });
    expect(await viaAdmin.json()).toMatchObject({ status: "success", value: 2 });
  });
});
