import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { loadPolicy } from "../threads/sla";
import { teamsOf } from "../threads/teams";
import { MAX_ENDPOINTS } from "../webhooks/events";

/**
 * The organization's rows that storing an inbound message reads further down, each in a helper of
 * another module and one after the other: the reports' live-since row (reports/buckets.ts
 * `liveSince`), the SLA policy (threads/sla.ts), the event-webhook endpoints (webhooks/events.ts
 * `emitEvent`, once per domain event), the teams a new thread is routed to (threads/autoAssign.ts)
 * and a rule listening to new threads (automation/events.ts). Read here together, they reach the
 * database in one round trip with the ingest's first reads (`Promise.all`), and the helpers'
 * identical queries later in the transaction are answered from what it already read: the local
 * backend replays a query its transaction ran to the end (packages/local-backend README,
 * "Performance notes"); each of these was a round trip to its main thread, ~0.1-0.2 ms of CPU
 * per webhook each (`pnpm --filter @switchboard/bench budget`). On Convex they are reads in
 * parallel. The queries must stay the helpers' own, shape for shape, or the later ones go to the
 * database again (slower, not wrong).
 */
export async function readOrganizationLookups(ctx: MutationCtx, organizationId: Id<"organizations">): Promise<void> {
  await Promise.all([
    ctx.db
      .query("reportState")
      .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
      .unique(),
    loadPolicy(ctx, organizationId),
    ctx.db
      .query("webhookEndpoints")
      .withIndex("by_org", (q) => q.eq("organizationId", organizationId))
      .take(MAX_ENDPOINTS),
    teamsOf(ctx, organizationId),
    ctx.db
      .query("automationRules")
      .withIndex("by_trigger", (q) =>
        q.eq("organizationId", organizationId).eq("trigger", "thread.created").eq("enabled", true),
      )
      .first(),
  ]);
}
