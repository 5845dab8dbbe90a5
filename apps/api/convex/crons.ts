import { cronJobs } from "convex/server";
import { internal } from "./_generated/api";

const crons = cronJobs();

// Channel health: healthCheck every enabled channel (send outcomes update it in between).
crons.interval("channel health", { minutes: 5 }, internal.channels.health.checkAll, {});
// Delivery status for sent messages whose provider never called back.
crons.interval("delivery status polling", { minutes: 2 }, internal.outbound.poll.run, {});
// Outbound queues with due work and nothing armed to wake them (after a crash or restart).
crons.interval("resume outbound queues", { minutes: 1 }, internal.outbound.recovery.resumeAll, {});
// Inbound gap recovery: ingest what providers that list received messages could not deliver.
crons.interval("reconcile inbound", { minutes: 1 }, internal.inbound.reconcile.sweep, {});
// Retention: raw inbound events past their window, stale orphan status callbacks.
crons.interval("retention sweep", { hours: 1 }, internal.inbound.retention.sweep, {});

// Retention: webhook deliveries past their log window (webhooks/deliveries.ts).
crons.interval("webhook delivery retention", { hours: 1 }, internal.webhooks.deliveries.sweep, {});

// Reports: fold finished days' shard rows into one row per day and key (reports/compaction.ts).
crons.interval("report bucket compaction", { hours: 1 }, internal.reports.compaction.run, {});

// Uploads never used: expired upload URLs, files claimed but never sent (24 h), blobs nobody claimed (messages/uploads.ts).
crons.interval("unused upload sweep", { hours: 1 }, internal.messages.uploads.sweep, {});

export default crons;
