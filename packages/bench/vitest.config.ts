import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["reliability/**/*.test.ts"],
    // Each file drives a backend child process that needs both cores: one file at a time.
    fileParallelism: false,
    // Hang guards only (nothing asserts time); generous because `pnpm test` runs other packages alongside.
    testTimeout: 900_000,
    hookTimeout: 300_000,
  },
});
