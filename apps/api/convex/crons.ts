import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Channel health: healthCheck every enabled channel (send outcomes update it in between).
crons.interval("channel health", { minutes: 5 }, internal.channels.health.checkAll, {});
// Delivery status for sent messages whose provider never called back.
crons.interval("delivery status polling", { minutes: 2 }, internal.outbound.poll.run, {});
// Retention: raw inbound events past their window, stale orphan status callbacks.
crons.interval("retention sweep", { hours: 1 }, internal.inbound.retention.sweep, {});

export default crons;
