import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalBackend } from "../src/index.js";
import { FIXTURE_DIR, PKG_DIR, start, tmpDir } from "./helpers.js";

const run = promisify(execFile);
let b: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  b = await start();
});
afterAll(async () => {
  await b?.stop();
});

describe("codegen shim", () => {
  it("lets `npx convex codegen` generate a typed api against the local backend, offline", async () => {
    const proj = tmpDir("lb-codegen-");
    fs.cpSync(FIXTURE_DIR, path.join(proj, "convex"), {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}_generated`),
    });
    fs.writeFileSync(
      path.join(proj, "package.json"),
      JSON.stringify({ name: "codegen-test", private: true, type: "module", dependencies: { convex: "1.48.0" } }),
    );
    fs.mkdirSync(path.join(proj, "node_modules"));
    const convexPkg = fs.realpathSync(path.join(PKG_DIR, "node_modules/convex"));
    fs.symlinkSync(convexPkg, path.join(proj, "node_modules/convex"), "dir");
    fs.mkdirSync(path.join(proj, "node_modules/@types"));
    fs.symlinkSync(
      fs.realpathSync(path.join(PKG_DIR, "node_modules/@types/node")),
      path.join(proj, "node_modules/@types/node"),
      "dir",
    );
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      CONVEX_SELF_HOSTED_URL: b.url,
      CONVEX_SELF_HOSTED_ADMIN_KEY: b.adminKey,
    };
    delete env.CONVEX_DEPLOYMENT;
    delete env.CONVEX_DEPLOY_KEY;
    await run(process.execPath, [path.join(convexPkg, "bin/main.js"), "codegen", "--typecheck", "disable"], {
      cwd: proj,
      env,
      timeout: 90_000,
    });
    const apiDts = fs.readFileSync(path.join(proj, "convex/_generated/api.d.ts"), "utf8");
    expect(apiDts).toMatch(/messages: typeof messages/);
    expect(apiDts).not.toMatch(/AnyApi/);

    fs.writeFileSync(
      path.join(proj, "typetest.ts"),
      `import { api, internal } from "./convex/_generated/api";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
type SendArgs = FunctionArgs<typeof api.messages.send>;
const ok: SendArgs = { author: "a", body: "b" };
// @ts-expect-error wrong arg type
const bad: SendArgs = { author: 1, body: "b" };
// @ts-expect-error unknown function
api.messages.nope;
const r: FunctionReturnType<typeof api.items.lookup> = { found: 1, documentsRead: 1, bytesRead: 1 };
internal.jobs.record;
export { ok, bad, r };
`,
    );
    fs.writeFileSync(
      path.join(proj, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          target: "ES2022",
          module: "ESNext",
          moduleResolution: "Bundler",
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          types: ["node"],
          lib: ["ES2023", "DOM"],
        },
        files: ["typetest.ts"],
      }),
    );
    const tsc = path.join(PKG_DIR, "node_modules/typescript/bin/tsc");
    const res = await run(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: proj, timeout: 90_000 }).catch(
      (e) => e,
    );
    expect(res.stdout ?? "").toBe("");
    expect(res.code ?? 0).toBe(0);
  }, 120_000);
});

describe("codegen shim with components", () => {
  it("declares `components` for the app's component instances", async () => {
    const proj = tmpDir("lb-codegen-");
    const convexDir = path.join(proj, "convex");
    fs.mkdirSync(path.join(convexDir, "_generated"), { recursive: true });
    fs.writeFileSync(
      path.join(proj, "package.json"),
      JSON.stringify({ name: "cg", private: true, type: "module", dependencies: { convex: "1.48.0" } }),
    );
    fs.mkdirSync(path.join(proj, "node_modules/@fake"), { recursive: true });
    const convexPkg = fs.realpathSync(path.join(PKG_DIR, "node_modules/convex"));
    fs.symlinkSync(convexPkg, path.join(proj, "node_modules/convex"), "dir");
    const pkg = path.join(proj, "node_modules/@fake/ratelimit");
    fs.mkdirSync(path.join(pkg, "dist/component/_generated"), { recursive: true });
    fs.writeFileSync(
      path.join(pkg, "package.json"),
      JSON.stringify({
        name: "@fake/ratelimit",
        type: "module",
        exports: {
          "./convex.config.js": "./dist/component/convex.config.js",
          "./convex.config": "./dist/component/convex.config.js",
        },
      }),
    );
    fs.writeFileSync(
      path.join(pkg, "dist/component/convex.config.js"),
      `import { defineComponent } from "convex/server";\nexport default defineComponent("ratelimit");\n`,
    );
    fs.writeFileSync(
      path.join(pkg, "dist/component/_generated/server.js"),
      `export { mutationGeneric as mutation } from "convex/server";\n`,
    );
    fs.writeFileSync(
      path.join(pkg, "dist/component/lib.js"),
      `import { mutation } from "./_generated/server.js";\nexport const hit = mutation({ args: {}, handler: async () => 1 });\n`,
    );
    fs.writeFileSync(
      path.join(convexDir, "convex.config.ts"),
      `import { defineApp } from "convex/server";\nimport ratelimit from "@fake/ratelimit/convex.config";\nconst app = defineApp();\napp.use(ratelimit);\napp.use(ratelimit, { name: "limiter" });\nexport default app;\n`,
    );
    fs.writeFileSync(
      path.join(convexDir, "app.ts"),
      `import { queryGeneric } from "convex/server";\nexport const hello = queryGeneric(async () => "hi");\n`,
    );
    const backend = await startLocalBackend({
      functionsDir: convexDir,
      dataDir: path.join(proj, "data"),
      port: 0,
      sitePort: 0,
      quiet: true,
    });
    try {
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        CONVEX_SELF_HOSTED_URL: backend.url,
        CONVEX_SELF_HOSTED_ADMIN_KEY: backend.adminKey,
      };
      delete env.CONVEX_DEPLOYMENT;
      await run(process.execPath, [path.join(convexPkg, "bin/main.js"), "codegen", "--typecheck", "disable"], {
        cwd: proj,
        env,
        timeout: 90_000,
      });
      const apiDts = fs.readFileSync(path.join(convexDir, "_generated/api.d.ts"), "utf8").replace(/\s+/g, " ");
      expect(apiDts).toContain(
        `ratelimit: import("@fake/ratelimit/_generated/component.js").ComponentApi<"ratelimit">`,
      );
      expect(apiDts).toContain(`limiter: import("@fake/ratelimit/_generated/component.js").ComponentApi<"limiter">`);
      expect(fs.readFileSync(path.join(convexDir, "_generated/api.js"), "utf8")).toMatch(/componentsGeneric\(\)/);
    } finally {
      await backend.stop();
    }
  }, 120_000);
});
