/** Shared setup for the CRM tests (crm*.test.ts). */
import { afterEach, beforeEach, vi } from "vitest";
import type { Id, TableNames } from "../convex/_generated/dataModel";
import { type Backend, newBackend, type SeededOrg, seedOrg } from "./harness";
import { resendRequest, type SignedRequest } from "./signers";

export const ORG_A = {
  phone: "+14155550100",
  vonagePhone: "+14155550101",
  phoneNumberId: "100000000000001",
  inboundEmail: "support@a.example.com",
  customSlug: "a-crm",
  chatSlug: "a-site",
};
export const ORG_B = {
  phone: "+14155550200",
  vonagePhone: "+14155550201",
  phoneNumberId: "100000000000002",
  inboundEmail: "support@b.example.com",
  customSlug: "b-crm",
  chatSlug: "b-site",
};

export async function post(t: Backend, req: SignedRequest) {
  const res = await t.fetch(req.path, req.init);
  if (res.status !== 200) throw new Error(`webhook ${req.path} answered ${res.status}: ${await res.text()}`);
  return res;
}

export function asMember(t: Backend, org: SeededOrg) {
  return t.withIdentity(org.identity);
}

export interface CrmEnv {
  t: Backend;
  a: SeededOrg;
  asA: ReturnType<typeof asMember>;
}

async function setup(): Promise<CrmEnv> {
  const t = newBackend();
  const a = await seedOrg(t, "org-a", ORG_A);
  return { t, a, asA: asMember(t, a) };
}

/**
 * Per-test backend with org A seeded, under fake timers (optionally at a fixed time). Scheduled
 * batches and webhooks make these tests heavier than unit tests, hence the generous wall-clock
 * budget (no assertion depends on time).
 */
export function useCrmBackend(ready: (env: CrmEnv) => void, opts: { now?: string } = {}) {
  vi.setConfig({ testTimeout: 60_000 });
  beforeEach(async () => {
    vi.useFakeTimers();
    if (opts.now) vi.setSystemTime(new Date(opts.now));
    ready(await setup());
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Runs every scheduled function (coalescing flush, hooks, merge batches) to completion. */
export async function drain(t: Backend) {
  await t.finishAllScheduledFunctions(vi.runAllTimers);
}

let emailSeq = 0;
/** A signed Resend inbound email with optional cc. */
export function email(from: string, subject: string, text: string, opts: { cc?: string[]; to?: string } = {}) {
  const id = `email-${++emailSeq}-${Math.random().toString(36).slice(2, 8)}`;
  return resendRequest({
    type: "email.received",
    created_at: new Date().toISOString(),
    data: {
      email_id: id,
      created_at: new Date().toISOString(),
      from,
      to: [opts.to ?? ORG_A.inboundEmail],
      cc: opts.cc ?? [],
      bcc: [],
      subject,
      text,
      message_id: `<${id}@mail.example.com>`,
      attachments: [],
    },
  });
}

export async function contactByIdentifier(
  t: Backend,
  organizationId: Id<"organizations">,
  kind: "phone" | "email",
  identifier: string,
) {
  return t.run(async (ctx) => {
    const identity = await ctx.db
      .query("contactIdentities")
      .withIndex("by_kind_identifier", (q) =>
        q.eq("organizationId", organizationId).eq("kind", kind).eq("identifier", identifier),
      )
      .first();
    return identity ? (await ctx.db.get(identity.contactId))! : null;
  });
}

/** Every row of the organization in the tables a merge touches (for before/after comparisons). */
const SNAPSHOT_TABLES = [
  ["contacts", "by_org_last_message"],
  ["contactIdentities", "by_contact"],
  ["unifiedMessages", "by_contact"],
  ["conversationThreads", "by_org_last"],
  ["contactEvents", "by_contact_at"],
  ["contactRelationships", "by_from"],
  ["messageInsights", "by_contact_at"],
  ["commitments", "by_contact_status"],
  ["deals", "by_contact"],
  ["contactProfiles", "by_contact"],
  ["companyDomains", "by_contact"],
  ["csatRequests", "by_contact"],
  ["mergeSuggestions", "by_pair"],
] as const satisfies readonly (readonly [TableNames, string])[];

export async function snapshot(t: Backend, organizationId: Id<"organizations">) {
  return t.run(async (ctx) => {
    const out: Record<string, unknown[]> = {};
    for (const [table, index] of SNAPSHOT_TABLES) {
      const rows = await (ctx.db.query(table) as any)
        .withIndex(index, (q: any) => q.eq("organizationId", organizationId))
        .collect();
      out[table] = rows.sort((x: { _id: string }, y: { _id: string }) => (x._id < y._id ? -1 : 1));
    }
    return out;
  });
}
