// `prepare` step: installs the pre-commit hook (simple-git-hooks -> lint-staged) for people who
// clone the repo. It never fails an install: CI, tarball checkouts without .git, and linked git
// worktrees (they share one hooks directory with the main checkout, so installing from one would
// change every other worktree) are skipped.
import { execFileSync, spawnSync } from "node:child_process";

function gitPath(args) {
  try {
    return execFileSync("git", ["rev-parse", ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

const skip = (why) => {
  console.log(`[git hooks] not installed: ${why}`);
  process.exit(0);
};

if (process.env.CI) skip("CI");
if (process.env.SKIP_INSTALL_SIMPLE_GIT_HOOKS) skip("SKIP_INSTALL_SIMPLE_GIT_HOOKS is set");
const gitDir = gitPath(["--absolute-git-dir"]);
if (!gitDir) skip("not a git checkout");
const commonDir = gitPath(["--path-format=absolute", "--git-common-dir"]);
if (commonDir && commonDir !== gitDir) skip("linked git worktree (hooks are shared with the main checkout)");

const result = spawnSync("simple-git-hooks", { stdio: "inherit", shell: process.platform === "win32" });
if (result.status !== 0) console.warn("[git hooks] simple-git-hooks failed; commits will not be checked locally");
