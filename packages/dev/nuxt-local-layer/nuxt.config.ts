// Nuxt layer that `pnpm dev` adds with `nuxt dev --extends` (see src/dev.ts): it keeps every port
// of the dashboard's dev server on loopback without touching apps/web/nuxt.config.ts. Vite's HMR
// WebSocket servers listen on `server.hmr.host`, on all interfaces when it is unset; Nuxt runs one
// for the client build and one for the server build (@nuxt/vite-builder's "nuxt:server-hmr-port"
// plugin turns the server build's `hmr: false` into a port), so both get the host.
const hmr = { host: "127.0.0.1" };
export default {
  vite: {
    server: { hmr },
    $server: { server: { hmr } },
  },
};
