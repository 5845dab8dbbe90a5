/**
 * The functions folder the benchmarks load: a private copy of apps/api/convex (the working tree
 * by default; `SWITCHBOARD_BENCH_SOURCE=<git rev>` takes that commit via `git archive`, read-only)
 * plus the probe modules in packages/bench/convex-extra (as `benchProbe/*`): `metrics.ts` wraps
 * real functions to read `ctx.meta.getTransactionMetrics()` (the local backend exposes no
 * per-function read counts) and `seed.ts` creates existing contacts in bulk. Nothing else calls them.
 * The copy keeps a run independent of edits made while it runs. Its `node_modules` is a symlink
 * to apps/api/node_modules, so every import resolves exactly as in apps/api.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BENCH_DIR, REPO_ROOT } from "./backend";

export function prepareFunctionsDir(opts: { withProbe?: boolean; rev?: string } = {}): {
  dir: string;
  source: string;
  cleanup(): void;
} {
  const rev = opts.rev ?? (process.env.SWITCHBOARD_BENCH_SOURCE?.trim() || "worktree");
  const source = rev === "worktree" ? "working tree" : `git ${rev}`;
  removeStaleCopies();
  const root = path.join(BENCH_DIR, ".work", `functions-${process.pid}-${Date.now().toString(36)}`);
  const dir = path.join(root, "convex");
  fs.mkdirSync(root, { recursive: true });
  if (rev !== "worktree") {
    const tar = execFileSync("git", ["archive", "--format=tar", rev, "apps/api/convex"], {
      cwd: REPO_ROOT,
      maxBuffer: 256 * 2 ** 20,
    });
    execFileSync("tar", ["-x", "-C", root, "--strip-components=2"], { input: tar });
  } else {
    fs.cpSync(path.join(REPO_ROOT, "apps/api/convex"), dir, { recursive: true });
  }
  fs.symlinkSync(path.join(REPO_ROOT, "apps/api/node_modules"), path.join(root, "node_modules"), "dir");
  if (opts.withProbe !== false) {
    fs.mkdirSync(path.join(dir, "benchProbe"), { recursive: true });
    for (const f of fs.readdirSync(path.join(BENCH_DIR, "convex-extra")))
      fs.copyFileSync(path.join(BENCH_DIR, "convex-extra", f), path.join(dir, "benchProbe", f));
  }
  return { dir, source, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Copies left behind by runs that were killed (their process is gone). */
function removeStaleCopies() {
  const work = path.join(BENCH_DIR, ".work");
  if (!fs.existsSync(work)) return;
  for (const name of fs.readdirSync(work)) {
    const pid = Number(/^functions-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      fs.rmSync(path.join(work, name), { recursive: true, force: true });
    }
  }
}
