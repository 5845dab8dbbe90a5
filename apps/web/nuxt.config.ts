// Offline by construction: no telemetry, no devtools, icons served from the local lucide bundle
// (fallbackToApi:false, otherwise @nuxt/icon calls the Iconify API), fonts from @fontsource.
// Nuxt UI is the component kit; `ui.fonts: false` keeps it from adding @nuxt/fonts (which would
// fetch Google/Bunny fonts at build time), and it registers the Tailwind Vite plugin itself.
export default defineNuxtConfig({
  compatibilityDate: "2026-11-01",
  // An authenticated app: the session lives in the browser (localStorage), so a server render can
  // only ever produce the signed-out shell, which then mismatches on hydration (OrgSwitcher,
  // layout, settings gate). Render on the client only; the server serves the SPA shell + assets.
  ssr: false,
  devtools: { enabled: false },
  telemetry: false,
  modules: ["@nuxt/ui", "@nuxt/icon"],
  ui: { fonts: false, colorMode: false },
  css: ["~/assets/main.css"],
  icon: {
    provider: "server",
    fallbackToApi: false,
    serverBundle: { collections: ["lucide"] },
    clientBundle: {
      scan: true,
      sizeLimitKb: 256,
      // Names built at runtime (channel, status and health icons) that the scanner cannot see.
      icons: [
        "lucide:message-square",
        "lucide:message-circle",
        "lucide:mail",
        "lucide:messages-square",
        "lucide:webhook",
        "lucide:circle",
        "lucide:clock",
        "lucide:loader-circle",
        "lucide:check",
        "lucide:check-check",
        "lucide:circle-alert",
        "lucide:circle-help",
        "lucide:inbox",
        "lucide:users",
        "lucide:settings",
        "lucide:radio",
        "lucide:key-round",
        "lucide:sparkles",
        "lucide:chart-column",
        "lucide:alarm-clock",
        "lucide:alarm-clock-off",
        "lucide:smile",
        "lucide:frown",
        "lucide:meh",
        "lucide:minus",
      ],
    },
  },
  runtimeConfig: {
    public: {
      convexUrl: process.env.CONVEX_URL ?? "http://127.0.0.1:3210",
      convexSiteUrl: process.env.CONVEX_SITE_URL ?? "http://127.0.0.1:3211",
    },
  },
});
