import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Convex's default runtime is a V8 isolate; edge-runtime is the closest vitest environment.
    environment: "edge-runtime",
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    server: { deps: { inline: ["convex-test"] } },
  },
});
