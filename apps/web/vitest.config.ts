import { defineVitestConfig } from "@nuxt/test-utils/config";

// Component tests run in the Nuxt environment (auto-imports, components, @nuxt/icon) on happy-dom.
export default defineVitestConfig({
  test: {
    include: ["test/unit/**/*.test.ts"],
    environment: "nuxt",
    environmentOptions: { nuxt: { domEnvironment: "happy-dom" } },
    passWithNoTests: false,
  },
});
