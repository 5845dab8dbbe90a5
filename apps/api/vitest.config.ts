import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Convex's default runtime is a V8 isolate; edge-runtime is the closest vitest environment.
    environment: "edge-runtime",
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    server: { deps: { inline: ["convex-test"] } },
    // A file's first sign-up loads the password dictionaries (convex/passwordPolicy.ts, ~1 s) and
    // every sign-in hashes a password: under a full parallel run the 5 s default is too tight.
    testTimeout: 20_000,
    // beforeEach hooks seed an organization with signed-in members (password hashes too).
    hookTimeout: 30_000,
  },
});
