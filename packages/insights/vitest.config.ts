import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A hang guard, never a speed check (speed lives in `pnpm bench`). Many tests here run whole
    // labelled sets through the extractor, and `pnpm test` runs every package at once on two cores:
    // the corpus test took over 5 s (vitest's default) under that load in CI once.
    testTimeout: 60_000,
  },
});
