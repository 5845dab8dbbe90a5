// The official Convex CLI (convex 1.48.0, `node node_modules/convex/bin/main.js`) as a client of
// a fresh local backend: deploy / dev --once push the CLI's own bundle, then run, data, env,
// logs and export, each checked by its effect (issue 16 item 6).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ConvexHttpClient } from "convex/browser";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killCli, PKG_DIR, spawnCli, start, tmpDir, waitFor } from "./helpers.js";

const execFileP = promisify(execFile);
const CONVEX_PKG = fs.realpathSync(path.join(PKG_DIR, "node_modules/convex"));
const CLI = path.join(CONVEX_PKG, "bin/main.js");

let b: Awaited<ReturnType<typeof start>>;
let proj: string;
let watchedDir: string;
const children: ChildProcess[] = [];

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONVEX_SELF_HOSTED_URL: b.url,
    CONVEX_SELF_HOSTED_ADMIN_KEY: b.adminKey,
    // offline: CI=1 keeps the CLI's Sentry off and its prompts non-interactive; the version check
    // (version.convex.dev, only for cloud deployments) is pointed at the local backend anyway
    CI: "1",
    CONVEX_VERSION_API_ORIGIN: b.url,
  };
  delete env.CONVEX_DEPLOYMENT;
  delete env.CONVEX_DEPLOY_KEY;
  return env;
}

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return await execFileP(process.execPath, [CLI, ...args], { cwd: proj, env: cliEnv(), timeout: 60_000 });
}
const httpClient = () => new ConvexHttpClient(b.url, { logger: false }); // the fixture's functions are public
const query = (name: string, args: Record<string, unknown> = {}) => httpClient().query(name as any, args);

beforeAll(async () => {
  proj = tmpDir("lb-cli-");
  fs.cpSync(path.join(PKG_DIR, "test/fixtures/cli-project"), proj, { recursive: true });
  fs.mkdirSync(path.join(proj, "node_modules"));
  fs.symlinkSync(CONVEX_PKG, path.join(proj, "node_modules/convex"), "dir");
  // the backend starts on a watched functions dir; the CLI's push must replace it
  watchedDir = tmpDir("lb-cli-watched-");
  fs.writeFileSync(
    path.join(watchedDir, "watched.ts"),
    `import { queryGeneric } from "convex/server";\nexport const hello = queryGeneric({ args: {}, handler: async () => "from the watched dir" });\n`,
  );
  fs.symlinkSync(path.join(proj, "node_modules"), path.join(watchedDir, "node_modules"), "dir");
  b = await start({ functionsDir: watchedDir, watch: true });
});
afterAll(async () => {
  for (const c of children) c.kill();
  await b?.stop();
});

describe("the official Convex CLI against the local backend", () => {
  it("deploy pushes the CLI's bundle: the runtime runs it, with the schema's indexes, instead of the watched dir", async () => {
    expect(await query("watched:hello")).toBe("from the watched dir"); // before the push
    const { stdout, stderr } = await cli("deploy", "--codegen", "disable", "--typecheck", "disable", "-y");
    expect(stdout + stderr).toContain("notes.by_author");
    expect(stdout + stderr).toContain("Deployed Convex functions");
    expect(stdout + stderr).toContain("Installed component counter");
    expect(await query("notes:version")).toBe("PUSHED_VERSION_1");
    await expect(query("watched:hello")).rejects.toThrow(/Could not find/);
    // the uploaded modules are what runs, kept in the data dir for restarts
    const state = JSON.parse(fs.readFileSync(path.join(b.dataDir, "push/current.json"), "utf8"));
    const app = state.definitions.find((d: any) => d.definitionPath === "");
    expect(app.modules.map((m: any) => m.path)).toContain("notes.js");
    expect(app.modules.find((m: any) => m.path === "notes.js").source).toContain("PUSHED_VERSION_1");
    expect(fs.existsSync(path.join(proj, "convex/_generated"))).toBe(false);
  });

  it("run calls the pushed functions; data lists tables and rows", async () => {
    const added = await cli("run", "notes:add", JSON.stringify({ body: "hello", author: "ann" }));
    const id = JSON.parse(added.stdout.trim());
    expect(typeof id).toBe("string");
    expect(await query("notes:byAuthor", { author: "ann" })).toMatchObject([{ _id: id, body: "hello" }]);
    expect((await cli("data")).stdout).toMatch(/^notes$/m);
    const rows = (await cli("data", "notes", "--format", "jsonArray")).stdout;
    expect(JSON.parse(rows)).toMatchObject([{ _id: id, author: "ann", body: "hello" }]);
  });

  it("pushes a component as its own bundle: app code calls it, data and run reach it with --component", async () => {
    expect(JSON.parse((await cli("run", "counted:bump", JSON.stringify({ name: "a" }))).stdout)).toBe(1);
    expect(JSON.parse((await cli("run", "counted:bump", JSON.stringify({ name: "a" }))).stdout)).toBe(2);
    expect((await cli("data", "--component", "counter")).stdout).toMatch(/^counts$/m);
    expect((await cli("data")).stdout).not.toMatch(/^counts$/m); // the component's tables are its own
    expect(
      JSON.parse((await cli("run", "--component", "counter", "lib:get", JSON.stringify({ name: "a" }))).stdout),
    ).toBe(2);
  });

  it("env set/list/get: values are listed, persisted and visible to function code", async () => {
    await cli("env", "set", "GREETING_NAME", "world");
    expect((await cli("env", "list")).stdout).toMatch(/^GREETING_NAME=world$/m);
    expect((await cli("env", "get", "GREETING_NAME")).stdout.trim()).toBe("world");
    expect(JSON.parse((await cli("run", "notes:greeting")).stdout)).toBe("hello world");
    expect(JSON.parse(fs.readFileSync(path.join(b.dataDir, "environment-variables.json"), "utf8"))).toEqual({
      GREETING_NAME: "world",
    });
  });

  it("logs streams function executions with their console lines", async () => {
    const child = spawn(process.execPath, [CLI, "logs", "--history", "50", "--success"], { cwd: proj, env: cliEnv() });
    children.push(child);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    await waitFor(
      () => out,
      (o) => o.includes("adding note by") && o.includes("notes:add"),
      20_000,
    );
    // and new executions arrive while it streams
    await httpClient().mutation("notes:add" as any, { body: "live", author: "bob" });
    await waitFor(
      () => out,
      (o) => o.includes("'bob'"),
      20_000,
    );
    child.kill();
  });

  it("export writes a snapshot zip with the documents", async () => {
    const zipPath = path.join(tmpDir("lb-cli-export-"), "snapshot.zip");
    await cli("export", "--path", zipPath);
    const files = unzipSync(fs.readFileSync(zipPath));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        "notes/documents.jsonl",
        "_tables/documents.jsonl",
        "_components/counter/counts/documents.jsonl",
      ]),
    );
    const docs = Buffer.from(files["notes/documents.jsonl"]!)
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(docs.map((d) => d.author).sort()).toEqual(["ann", "bob"]);
    expect(Buffer.from(files["_tables/documents.jsonl"]!).toString()).toContain('"notes"');
  });

  it('pushes a "use node" module as the CLI bundles it: its action runs in Node; a mutation in it fails the push', async () => {
    // A CommonJS package like the SDKs (twilio): the CLI bundles it into the ESM module, and its
    // builtin requires, one of them lazy, stay require() calls that need Convex's global require.
    const dep = path.join(proj, "node_modules/cjs-sdk");
    fs.mkdirSync(dep, { recursive: true });
    fs.writeFileSync(path.join(dep, "package.json"), '{"name":"cjs-sdk","version":"1.0.0","main":"index.js"}');
    fs.writeFileSync(
      path.join(dep, "index.js"),
      `const util = require("util");\nexports.shout = (s) => util.format("%s!", s);\nexports.later = () => require("os").EOL.length;\n`,
    );
    const file = path.join(proj, "convex/nodeHash.ts");
    const good = `"use node";
import { createHash } from "node:crypto";
import { actionGeneric } from "convex/server";
import { v } from "convex/values";
import { later, shout } from "cjs-sdk";
export const sha1 = actionGeneric({ args: { text: v.string() }, handler: async (_ctx, { text }) => createHash("sha1").update(text).digest("hex") });
export const viaCjs = actionGeneric({ args: {}, handler: async () => [shout("ok"), later()] });
`;
    fs.writeFileSync(file, good);
    await cli("deploy", "--codegen", "disable", "--typecheck", "disable", "-y");
    expect(await httpClient().action("nodeHash:sha1" as any, { text: "x" })).toBe(
      "11f6ad8ec52a2984abaafd7c3b516503785c2072",
    );
    // In its own process (vitest's module runner would lend the bundle a `require` of its own):
    // a backend on a copy of this data dir imports the pushed bundle natively.
    const copy = tmpDir("lb-cli-node-");
    fs.cpSync(b.dataDir, copy, { recursive: true });
    const own = await spawnCli([
      "--data",
      copy,
      "--functions",
      watchedDir,
      "--port",
      "0",
      "--site-port",
      "0",
      "--quiet",
    ]);
    try {
      const viaCjs = await new ConvexHttpClient(own.url, { logger: false }).action("nodeHash:viaCjs" as any, {});
      expect(viaCjs).toEqual(["ok!", 1]);
    } finally {
      await killCli(own);
    }

    fs.writeFileSync(
      file,
      `${good}import { mutationGeneric } from "convex/server";\nexport const save = mutationGeneric({ args: {}, handler: async () => null });\n`,
    );
    const failed = await cli("deploy", "--codegen", "disable", "--typecheck", "disable", "-y").catch((e) => e);
    expect(failed.code).not.toBe(0);
    expect(`${failed.stdout}${failed.stderr}`).toContain(
      "`save` defined in `nodeHash.js` is a Mutation function. Only actions can be defined in Node.js.",
    );
    // the running code stays
    expect(await httpClient().action("nodeHash:sha1" as any, { text: "x" })).toBe(
      "11f6ad8ec52a2984abaafd7c3b516503785c2072",
    );
    fs.writeFileSync(file, good);
  });

  it("dev --once pushes changed code; a schema the data does not match is refused and the running code stays", async () => {
    const notes = path.join(proj, "convex/notes.ts");
    fs.writeFileSync(notes, fs.readFileSync(notes, "utf8").replace("PUSHED_VERSION_1", "PUSHED_VERSION_2"));
    await cli("dev", "--once", "--codegen", "disable", "--typecheck", "disable");
    expect(await query("notes:version")).toBe("PUSHED_VERSION_2");

    const schema = path.join(proj, "convex/schema.ts");
    const good = fs.readFileSync(schema, "utf8");
    fs.writeFileSync(schema, good.replace("body: v.string()", "body: v.number()"));
    fs.writeFileSync(notes, fs.readFileSync(notes, "utf8").replace("PUSHED_VERSION_2", "PUSHED_VERSION_3"));
    const failed = await cli("deploy", "--codegen", "disable", "--typecheck", "disable", "-y").catch((e) => e);
    expect(failed.code).not.toBe(0);
    expect(`${failed.stdout}${failed.stderr}`).toMatch(/Schema validation failed[\s\S]*does not match the schema/);
    expect(await query("notes:version")).toBe("PUSHED_VERSION_2");
    fs.writeFileSync(schema, good);
  });

  it("the pushed bundle and env vars survive a restart", async () => {
    const { dataDir } = b;
    await b.stop();
    b = await start({ functionsDir: watchedDir, dataDir });
    expect(await query("notes:version")).toBe("PUSHED_VERSION_2");
    expect(await query("notes:greeting")).toBe("hello world");
    expect((await query("notes:byAuthor", { author: "bob" })) as unknown[]).toHaveLength(1);
    expect(await httpClient().mutation("counted:bump" as any, { name: "a" })).toBe(3); // the component and its data too
  });
});
