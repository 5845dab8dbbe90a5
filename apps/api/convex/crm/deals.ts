import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { contactCard } from "../contacts/model";
import { memberQuery } from "../lib/functions";
import { dealStage } from "../schema/crm";
/** Deals the CRM derived from conversations. */

/** Deals, most recently changed first, optionally one stage. */
export const list = memberQuery({
  args: { stage: v.optional(dealStage), paginationOpts: paginationOptsValidator },
  handler: async (ctx, { organizationId, stage, paginationOpts }) => {
    const page = await (stage
      ? ctx.db.query("deals").withIndex("by_stage", (q) => q.eq("organizationId", organizationId).eq("stage", stage))
      : ctx.db.query("deals").withIndex("by_updated", (q) => q.eq("organizationId", organizationId))
    )
      .order("desc")
      .paginate(paginationOpts);
    const contacts = await Promise.all(page.page.map((d) => ctx.db.get(d.contactId)));
    return {
      ...page,
      page: page.page.map((d, i) => ({ ...d, contact: contacts[i] ? contactCard(contacts[i]!) : null })),
    };
  },
});
