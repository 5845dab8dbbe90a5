import betterAuth from "@convex-dev/better-auth/convex.config";
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import { defineApp } from "convex/server";

// Convex components used by this app. Better Auth keeps its tables (user, session, account,
// verification, jwks) inside the component, separate from the app's tables. The rate limiter
// keeps its token buckets in its own tables too (chat/rateLimits.ts).
const app = defineApp();
app.use(betterAuth);
app.use(rateLimiter);

export default app;
