import betterAuth from "@convex-dev/better-auth/convex.config";
import { defineApp } from "convex/server";

// Convex components used by this app. Better Auth keeps its tables (user, session, account,
// verification, jwks) inside the component, separate from the app's tables.
const app = defineApp();
app.use(betterAuth);

export default app;
