// Deployment environment variables set with `npx convex env set/remove` (the CLI's
// `/api/update_environment_variables`). Kept in `<dataDir>/environment-variables.json` (mode
// 0600: values are often secrets) over the env the backend was started with, and applied to
// `process.env`, which function workers share (worker_threads SHARE_ENV).
import fs from "node:fs";
import path from "node:path";

const ENV_FILE = "environment-variables.json";
const NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,39}$/;
const MAX_VALUE_BYTES = 8 * 1024; // Convex: "Environment variable values: 8 KiB"
const MAX_VARS = 100; // Convex: "Environment variables: 100 per deployment"
const RESERVED = new Set(["CONVEX_CLOUD_URL", "CONVEX_SITE_URL"]);

export class EnvVarStore {
  /** name → value, or null where `env remove` deleted a variable given at start */
  private overrides: Record<string, string | null> = {};
  constructor(
    private dataDir: string,
    private startEnv: Record<string, string>,
  ) {
    try {
      const parsed = JSON.parse(fs.readFileSync(path.join(dataDir, ENV_FILE), "utf8"));
      if (parsed && typeof parsed === "object") this.overrides = parsed;
    } catch {
      /* none yet */
    }
  }

  /** What functions see (besides CONVEX_CLOUD_URL / CONVEX_SITE_URL). */
  all(): Record<string, string> {
    const out: Record<string, string> = { ...this.startEnv };
    for (const [k, v] of Object.entries(this.overrides)) {
      if (v === null) delete out[k];
      else out[k] = v;
    }
    return out;
  }

  list(): { name: string; value: string }[] {
    return Object.entries(this.all())
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, value]) => ({ name, value }));
  }

  apply() {
    for (const [k, v] of Object.entries(this.overrides)) {
      if (v === null) delete process.env[k];
      else process.env[k] = v;
    }
  }

  /** `changes: [{name, value}]`; a missing/null value removes. All validated before any applies. */
  update(changes: unknown): void {
    if (!Array.isArray(changes) || changes.length > MAX_VARS)
      throw new Error("`changes` must be an array of at most 100 changes");
    const next = { ...this.overrides };
    for (const c of changes as ({ name?: unknown; value?: unknown } | null)[]) {
      if (typeof c?.name !== "string" || !NAME.test(c.name))
        throw new Error(`Invalid environment variable name ${JSON.stringify(c?.name)}`);
      if (RESERVED.has(c.name)) throw new Error(`${c.name} is set by the deployment and cannot be changed`);
      if (c.value === undefined || c.value === null) next[c.name] = null;
      else if (typeof c.value !== "string" || Buffer.byteLength(c.value) > MAX_VALUE_BYTES)
        throw new Error(`Invalid value for ${c.name} (a string of at most 8 KiB)`);
      else next[c.name] = c.value;
    }
    const before = this.all();
    const previous = this.overrides;
    this.overrides = next;
    if (Object.keys(this.all()).length > MAX_VARS) {
      this.overrides = previous;
      throw new Error("At most 100 environment variables per deployment");
    }
    const file = path.join(this.dataDir, ENV_FILE);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(this.overrides), { mode: 0o600 });
    fs.renameSync(`${file}.tmp`, file);
    for (const k of Object.keys(before)) if (!(k in this.all())) delete process.env[k];
    this.apply();
  }
}
