import tailwindcss from "@tailwindcss/vite";

// Offline by construction: no telemetry, no devtools, icons served from the local lucide bundle
// (fallbackToApi:false, otherwise @nuxt/icon calls the Iconify API), fonts from @fontsource.
export default defineNuxtConfig({
  compatibilityDate: "2026-11-01",
  devtools: { enabled: false },
  telemetry: false,
  modules: ["@nuxt/icon"],
  css: ["~/assets/main.css"],
  vite: { plugins: [tailwindcss()] },
  icon: {
    provider: "server",
    fallbackToApi: false,
    serverBundle: { collections: ["lucide"] },
    clientBundle: { scan: true, sizeLimitKb: 256 },
  },
  runtimeConfig: {
    public: {
      convexUrl: process.env.CONVEX_URL ?? "http://127.0.0.1:3210",
      convexSiteUrl: process.env.CONVEX_SITE_URL ?? "http://127.0.0.1:3211",
    },
  },
});
