import { defineVitestConfig } from "@nuxt/test-utils/config";

// Component tests run in the Nuxt environment (auto-imports, components, @nuxt/icon) on happy-dom.
export default defineVitestConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "nuxt",
    environmentOptions: { nuxt: { domEnvironment: "happy-dom" } },
    passWithNoTests: false,
    // A file's first mount loads Nuxt UI's components and icons (seconds on a busy 2-core machine).
    testTimeout: 30_000,
  },
});
