// Nuxt UI theme: the dashboard's existing indigo accent on slate neutrals.
export default defineAppConfig({
  ui: { colors: { primary: "indigo", neutral: "slate" } },
});
