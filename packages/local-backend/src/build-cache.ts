import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * esbuild's output kept across restarts (under the data dir's .build/_cache), reused only when
 * every input of the build that made it is byte-identical: the same entry points, options and
 * esbuild version (`key`), and the same content (sha-256, not mtime: a checkout or a copy keeps
 * no mtimes) of every file esbuild read (its metafile's inputs), plus the package.json and
 * tsconfig.json files above them, which steer how imports resolve. A new file can only change
 * the bundle if an input imports it, and then that input changed. Hand-written: esbuild has no
 * persistent cache of its own (its `incremental`/`context` rebuilds live in one process).
 */
export const BUILD_CACHE_DIR = "_cache";

interface Manifest {
  key: string;
  /** absolute path -> sha-256 of its content, or "" for a file that did not exist */
  inputs: Record<string, string>;
  /** output files relative to the output dir */
  outputs: string[];
  /** the build's inputs as esbuild reported them (absolute), for the watcher */
  bundled: string[];
}

const sha256 = (file: string): string => {
  try {
    return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  } catch {
    return "";
  }
};

/** The build's own inputs and the package.json/tsconfig.json files of their directories and above. */
function hashedFiles(bundled: string[]): string[] {
  const files = new Set(bundled);
  const seen = new Set<string>();
  for (const f of bundled) {
    for (let d = path.dirname(f); !seen.has(d); d = path.dirname(d)) {
      seen.add(d);
      files.add(path.join(d, "package.json"));
      files.add(path.join(d, "tsconfig.json"));
      if (path.dirname(d) === d) break;
    }
  }
  return [...files].sort();
}

/** The cache entry (a directory name under BUILD_CACHE_DIR) of the build described by `key`. */
export const cacheEntryName = (key: string) => createHash("sha256").update(key).digest("hex").slice(0, 24);

const entryDir = (buildRoot: string, key: string) => path.join(buildRoot, BUILD_CACHE_DIR, cacheEntryName(key));

/** Remove the cache entries (and half-written ones) not in `used`: builds of other entry lists or options. */
export function pruneBuilds(buildRoot: string, used: Set<string>): void {
  const root = path.join(buildRoot, BUILD_CACHE_DIR);
  if (!fs.existsSync(root)) return;
  for (const e of fs.readdirSync(root))
    if (!used.has(e)) fs.rmSync(path.join(root, e), { recursive: true, force: true });
}

/**
 * Copy the cached output of the build described by `key` into `outdir` and return the files it
 * bundled, or null (nothing cached for `key`, or an input changed): then build.
 */
export function restoreBuild(buildRoot: string, key: string, outdir: string): string[] | null {
  const dir = entryDir(buildRoot, key);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, "manifest.json"), "utf8"));
  } catch {
    return null;
  }
  if (manifest.key !== key) return null;
  for (const [file, hash] of Object.entries(manifest.inputs)) if (sha256(file) !== hash) return null;
  try {
    for (const rel of manifest.outputs) {
      const to = path.join(outdir, rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(dir, "files", rel), to);
    }
  } catch {
    return null; // a cache entry missing files: build again
  }
  return manifest.bundled;
}

/**
 * Remember a build's output (`outputs` relative to `outdir`) that started at `startedAt`
 * (Date.now()). Not when an input was written since (the hashes, taken now, might not be what
 * esbuild read); the 50 ms margin covers file systems' coarse timestamps. Written aside and
 * renamed into place, so a process killed mid-write leaves no half entry.
 */
export function saveBuild(
  buildRoot: string,
  key: string,
  startedAt: number,
  outdir: string,
  outputs: string[],
  bundled: string[],
): void {
  const dir = entryDir(buildRoot, key);
  const tmp = `${dir}.tmp`;
  try {
    for (const f of bundled) if (fs.statSync(f).mtimeMs >= startedAt - 50) return;
    fs.rmSync(tmp, { recursive: true, force: true });
    for (const rel of outputs) {
      const to = path.join(tmp, "files", rel);
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.copyFileSync(path.join(outdir, rel), to);
    }
    const inputs: Record<string, string> = {};
    for (const f of hashedFiles(bundled)) inputs[f] = sha256(f);
    const manifest: Manifest = { key, inputs, outputs, bundled };
    fs.writeFileSync(path.join(tmp, "manifest.json"), JSON.stringify(manifest));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    console.error(`[local-backend] could not cache the build: ${(e as Error).message}`);
  }
}
