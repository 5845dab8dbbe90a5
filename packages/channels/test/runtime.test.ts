import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The package runs inside Convex's V8 isolate: Web APIs only, no Node built-ins or SDKs. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** `@switchboard/channels/node` (src/node.ts, src/node/) is for Convex Node actions only: the official SDKs. */
const isNodeOnly = (file: string) => /[/\\]src[/\\](node\.ts$|node[/\\])/.test(file);

describe("runtime constraints", () => {
  const all = sourceFiles(join(__dirname, "..", "src"));
  const files = all.filter((f) => !isNodeOnly(f));
  it("keeps the Node-only SDK transports apart: no isolate file imports them", () => {
    expect(all.filter(isNodeOnly).length).toBeGreaterThan(0);
    for (const file of files) {
      const src = readFileSync(file, "utf8");
      expect(src, file).not.toMatch(/from\s+["'](\.\.?\/)+node(\/[^"']*)?["']/);
    }
  });
  it.each(files.map((f) => [f.slice(f.indexOf("src")), f]))("%s uses only isolate-safe APIs", (_name, file) => {
    // Strip comments so documentation mentioning e.g. "no Buffer" does not count.
    const src = readFileSync(file, "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/^\s*\/\/.*$/gm, "");
    expect(src).not.toMatch(/from\s+["']node:/);
    expect(src).not.toMatch(/\brequire\(/);
    expect(src).not.toMatch(/\bBuffer\b/);
    expect(src).not.toMatch(/\bprocess\.\w/);
    // @noble/hashes is pure JS (audited, no dependencies): MD5 for Vonage signatures, which Web Crypto lacks.
    // jose is Web Crypto only ("for Node.js, Browser, Cloudflare Workers, Deno, Bun, and other
    // Web-interoperable runtimes", https://github.com/panva/jose), with no dependencies.
    const imports = [...src.matchAll(/from\s+["']([^"']+)["']/g)].map((m) => m[1]!);
    for (const spec of imports) {
      expect(
        spec.startsWith(".") ||
          spec === "zod" ||
          spec === "libphonenumber-js" ||
          spec === "jose" ||
          spec.startsWith("@noble/hashes/"),
        `${file} imports ${spec}`,
      ).toBe(true);
    }
  });
});
