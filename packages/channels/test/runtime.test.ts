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

describe("runtime constraints", () => {
  const files = sourceFiles(join(__dirname, "..", "src"));
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
