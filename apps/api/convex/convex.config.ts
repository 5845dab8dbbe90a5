import betterAuth from "@convex-dev/better-auth/convex.config";
import rateLimiter from "@convex-dev/rate-limiter/convex.config";
import workpool from "@convex-dev/workpool/convex.config";
import { defineApp } from "convex/server";

// Convex components used by this app. Better Auth keeps its tables (user, session, account,
// verification, jwks) inside the component, separate from the app's tables. The rate limiter
// keeps its token buckets in its own tables too (chat/rateLimits.ts). The webhook workpool queues
// and retries event deliveries to subscribed endpoints (webhooks/pool.ts).
const app = defineApp();
app.use(betterAuth);
app.use(rateLimiter);
app.use(workpool, { name: "webhookWorkpool" });

export default app;
