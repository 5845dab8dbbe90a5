// "use node" modules, the way Convex runs them (https://docs.convex.dev/functions/runtimes#nodejs-runtime):
// a module whose directive prologue holds "use node" runs in Node.js and may define actions only;
// the default runtime has no Node APIs, so the CLI's isolate bundle fails on a Node builtin.
import fs from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterAll, describe, expect, it } from "vitest";
import { type LocalBackend, startLocalBackend } from "../src/index.js";
import { hasUseNodeDirective, registerModules } from "../src/loader.js";
import { PKG_DIR, tmpDir } from "./helpers.js";

const api = anyApi as any;
const stops: LocalBackend[] = [];
afterAll(async () => {
  for (const b of stops) await b.stop();
});

/** `files` are relative to the functions dir (`../x` lands beside it, outside Convex's entry points). */
function project(files: Record<string, string>): { root: string; convexDir: string } {
  const root = tmpDir("lb-use-node-");
  const convexDir = path.join(root, "convex");
  fs.mkdirSync(convexDir, { recursive: true });
  fs.mkdirSync(path.join(root, "node_modules"), { recursive: true });
  fs.symlinkSync(
    fs.realpathSync(path.join(PKG_DIR, "node_modules/convex")),
    path.join(root, "node_modules/convex"),
    "dir",
  );
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(convexDir, rel)), { recursive: true });
    fs.writeFileSync(path.join(convexDir, rel), content);
  }
  return { root, convexDir };
}

const start = async (files: Record<string, string>) => {
  const { root, convexDir } = project(files);
  const b = await startLocalBackend({
    functionsDir: convexDir,
    dataDir: path.join(root, "data"),
    port: 0,
    sitePort: 0,
    quiet: true,
    workers: 0,
  });
  stops.push(b);
  return b;
};

const NODE_ACTIONS = `// Node.js runtime: the SDKs of providers need it.
"use node";
import { createHash } from "node:crypto";
import { actionGeneric, internalActionGeneric } from "convex/server";
import { v } from "convex/values";
export const digest = internalActionGeneric({
  args: { text: v.string() },
  handler: async (_ctx, { text }) => ({
    sha256: createHash("sha256").update(text).digest("hex"),
    base64: Buffer.from(text).toString("base64"),
    node: typeof process.versions.node,
  }),
});
export const publicDigest = actionGeneric({ args: {}, handler: async () => "node action" });
`;

describe('"use node" modules', () => {
  it("reads the directive prologue like the Convex CLI", () => {
    expect(hasUseNodeDirective(`"use node";\nexport {}`)).toBe(true);
    expect(hasUseNodeDirective(`'use node'\nexport {}`)).toBe(true);
    expect(hasUseNodeDirective(`/* header */\n// why\n"use strict";\n"use node";\nexport {}`)).toBe(true);
    expect(hasUseNodeDirective(`import x from "y";\n"use node";`)).toBe(false);
    expect(hasUseNodeDirective(`// "use node";\nexport {}`)).toBe(false);
    expect(hasUseNodeDirective(`const s = "use node";`)).toBe(false);
    expect(hasUseNodeDirective(`"use nodes";`)).toBe(false);
  });

  it("runs a Node action with Node's builtins and globals, called from an isolate action", async () => {
    const b = await start({
      "sdk.ts": NODE_ACTIONS,
      "caller.ts": `import { actionGeneric, makeFunctionReference } from "convex/server";
export const viaNode = actionGeneric({
  args: {},
  handler: async (ctx) => ctx.runAction(makeFunctionReference<"action">("sdk:digest") as any, { text: "hi" }),
});
`,
    });
    const http = new ConvexHttpClient(b.url);
    expect(await http.action(api.caller.viaNode, {})).toEqual({
      sha256: "8f434346648f6b96df89dda901c5176b10a6d83961dd3c1ac88b59b2dc327aa4",
      base64: "aGk=",
      node: "string",
    });
    expect(await http.action(api.sdk.publicDigest, {})).toBe("node action");
  });

  it("refuses a query, a mutation or an HTTP action in a Node module with Convex's error", async () => {
    for (const [builder, kind] of [
      ["mutationGeneric", "Mutation"],
      ["queryGeneric", "Query"],
    ] as const) {
      await expect(
        start({
          "sdk.ts": `${NODE_ACTIONS}import { ${builder} } from "convex/server";\nexport const save = ${builder}({ args: {}, handler: async () => null });\n`,
        }),
      ).rejects.toThrow(
        `\`save\` defined in \`sdk.js\` is a ${kind} function. Only actions can be defined in Node.js. See https://docs.convex.dev/functions/actions for more details.`,
      );
    }
    await expect(
      start({
        "nested/hook.ts": `"use node";\nimport { httpActionGeneric } from "convex/server";\nexport const hook = httpActionGeneric(async () => new Response("x"));\n`,
      }),
    ).rejects.toThrow(
      "`hook` defined in `nested/hook.js` is a HTTP action function. Only actions can be defined in Node.js.",
    );
  });

  it('refuses "use node" in http.ts, crons.ts and schema.ts', async () => {
    await expect(
      start({
        "http.ts": `"use node";\nimport { httpRouter } from "convex/server";\nexport default httpRouter();\n`,
      }),
    ).rejects.toThrow('"use node" directive is not allowed for http.ts.');
  });

  // Every file in convex/ is an entry point (a helper there that imports node:crypto fails on its own,
  // on Convex too), so the shared helper lives outside it, like a workspace package.
  it('fails to bundle a default-runtime module that imports a Node builtin, recommending "use node"', async () => {
    const failed = await start({
      "../lib/hash.ts": `import { createHash } from "node:crypto";\nexport const hash = (s: string) => createHash("sha1").update(s).digest("hex");\n`,
      "plain.ts": `import { queryGeneric } from "convex/server";\nimport { hash } from "../lib/hash";\nexport const h = queryGeneric({ args: {}, handler: async () => hash("x") });\n`,
    }).catch((e: Error) => e);
    expect(failed).toBeInstanceOf(Error);
    const message = (failed as Error).message;
    expect(message).toContain('Could not resolve "node:crypto"');
    expect(message).toContain("Are you trying to bundle for node?");
    expect(message).toContain('It looks like you are using Node APIs from a file without the "use node" directive.');
    // The same helper is fine from a Node module.
    const ok = await start({
      "../lib/hash.ts": `import { createHash } from "node:crypto";\nexport const hash = (s: string) => createHash("sha1").update(s).digest("hex");\n`,
      "hashing.ts": `"use node";\nimport { actionGeneric } from "convex/server";\nimport { hash } from "../lib/hash";\nexport const h = actionGeneric({ args: {}, handler: async () => hash("x") });\n`,
    });
    expect(await new ConvexHttpClient(ok.url).action(api.hashing.h, {})).toBe(
      "11f6ad8ec52a2984abaafd7c3b516503785c2072",
    );
  });

  it("applies the same rule to pushed modules by their declared environment", async () => {
    const dir = tmpDir("lb-use-node-push-");
    const file = path.join(dir, "pushed.mjs");
    fs.symlinkSync(fs.realpathSync(path.join(PKG_DIR, "node_modules")), path.join(dir, "node_modules"), "dir");
    fs.writeFileSync(
      file,
      `import { mutationGeneric } from "convex/server";\nexport const save = mutationGeneric({ args: {}, handler: async () => null });\n`,
    );
    const isolate = await registerModules([{ rel: "pushed.js", file, environment: "isolate" }], "");
    expect([...isolate.functions.keys()]).toEqual(["pushed:save"]);
    await expect(registerModules([{ rel: "pushed.js", file, environment: "node" }], "")).rejects.toThrow(
      "is a Mutation function. Only actions can be defined in Node.js.",
    );
  });
});
