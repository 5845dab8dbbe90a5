import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { listEntryPoints } from "../src/loader.js";
import { startLocalBackend, type LocalBackend } from "../src/index.js";
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
  fs.symlinkSync(fs.realpathSync(path.join(PKG_DIR, "node_modules/convex")), path.join(root, "node_modules/convex"), "dir");
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
      "greet.ts": fnFile("shout(`hi ${name}`)"),
      "nested/deep.ts": `import { queryGeneric } from "convex/server";\nexport const x = queryGeneric(async () => "deep");\nexport default queryGeneric(async () => "default export");\n`,
    });
    const b = await startLocalBackend({ functionsDir: convexDir, dataDir: path.join(root, "data"), port: 0, sitePort: 0, watch: true, quiet: true });
    stops.push(b);
    const http = new ConvexHttpClient(b.url);
    expect(await http.query(api.greet.hello, { name: "bob" })).toBe("HI BOB!");
    expect(await http.query(api.nested.deep.x, {})).toBe("deep");
    expect(await http.query("nested/deep" as any, {})).toBe("default export");
    await http.mutation(api.greet.bump, {});
    fs.writeFileSync(path.join(convexDir, "greet.ts"), fnFile("`v2 ${shout(name)}`"));
    await waitFor(() => http.query(api.greet.hello, { name: "x" }).catch(() => null), (v) => v === "v2 X!", 20_000, 200);
    // editing a linked workspace package reloads too
    fs.writeFileSync(path.join(root, "packages/lib/src/helper.ts"), `export const helper = (s: string): string => s.toLowerCase();\n`);
    await waitFor(() => http.query(api.greet.hello, { name: "X" }).catch(() => null), (v) => v === "v2 x!", 20_000, 200);
    // data survives reloads
    expect(await http.mutation(api.greet.bump, {})).toBeTypeOf("string");
  });

  it("reports components as unsupported", async () => {
    const { root, convexDir } = makeProject({
      "convex.config.ts": `import { defineApp, defineComponent } from "convex/server";\nconst app = defineApp();\nconst c = defineComponent("child");\n(app as any)._childComponents.push(["child", c, {}]);\nexport default app;\n`,
      "a.ts": "export {}",
    });
    await expect(
      startLocalBackend({ functionsDir: convexDir, dataDir: path.join(root, "data"), port: 0, sitePort: 0, quiet: true }),
    ).rejects.toThrow(/components are not supported by the local backend yet/);
  });
});
