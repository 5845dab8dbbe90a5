import type { ChannelId, ProviderId } from "@switchboard/channels/ids";
import type { Infer } from "convex/values";
import { v } from "convex/values";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { internalAction, internalMutation, internalQuery, type QueryCtx } from "../_generated/server";
import { insertRule } from "../automation/rules";
import { storeInboundMessage } from "../inbound/ingest";
import { recordOwnedFile } from "../messages/files";
import { queueReply } from "../outbound/replies";
import type { inboundMessage } from "../schema/validators";
import { recordRating, requestRating } from "../threads/csat";
import { attachLabel, catalogue, insertLabel } from "../threads/labels";
import { changeThreadStatus } from "../threads/model";
import { addNote } from "../threads/notes";
import { insertSavedReply, repliesOf } from "../threads/savedReplies";
import { loadPolicy, savePolicy } from "../threads/sla";
import { insertTeam, joinTeam, teamsOf } from "../threads/teams";
import { snoozeThread } from "../threads/threads";
import { setAssignee } from "../threads/workload";
import {
  DEMO_CONVERSATIONS,
  DEMO_LABELS,
  DEMO_MEMBERS,
  DEMO_PEOPLE,
  DEMO_SAVED_REPLIES,
  DEMO_SLA,
  DEMO_TEAMS,
  type DemoAgent,
  type DemoChannel,
  type DemoConversation,
  type DemoPerson,
} from "./demoData";
import { demoPdf, demoPng } from "./demoFiles";

/**
 * The demo organization's 90 days of history (`pnpm dev`, packages/dev/src/dev.ts), played from
 * seed/demoData.ts through the product's own code: inbound messages through the ingest path's
 * `storeInboundMessage` (contacts, identities, threads, routing, report counters, SLA timers, the
 * coalesced insight and automation hooks), replies through `queueReply`, then notes, labels,
 * assignment, close/snooze and CSAT through the helpers the inbox uses. What only takes "now"
 * there takes an explicit seed-only time here, so the history is backdated.
 *
 * Idempotent and resumable: one transaction per conversation, skipped when its first message
 * (a fixed provider id) is already stored; the configuration step creates only what is missing.
 */

const DAY_MS = 86_400_000;
const RATING_DELAY_MS = 2 * 3_600_000;

const CHANNEL: Record<DemoChannel, { channel: ChannelId; provider: ProviderId }> = {
  email: { channel: "email", provider: "resend" },
  twilio: { channel: "sms", provider: "twilio" },
  vonage: { channel: "sms", provider: "vonage" },
  whatsapp: { channel: "whatsapp", provider: "meta" },
  chat: { channel: "chat", provider: "native" },
  webhook: { channel: "webhook", provider: "generic" },
};

/** 18:00 UTC: late morning in the demo organization's zone (America/Los_Angeles). */
const ANCHOR_UTC_HOUR = 18;

/**
 * Where whole days are counted back from: the latest 18:00 UTC at or before `now`, so the older
 * history falls in office hours (the CRM's active hours, the reports' busiest hours) whatever the
 * time of the first start. Messages under a day old stay relative to `now`, so they look fresh and
 * their SLA timers are still running. Never after `now`, so a conversation keeps its order.
 */
export function workdayAnchor(now: number): number {
  const anchor = Math.floor(now / DAY_MS) * DAY_MS + ANCHOR_UTC_HOUR * 3_600_000;
  return anchor <= now ? anchor : anchor - DAY_MS;
}

/** The provider id of a conversation's i-th message (the idempotency key of the conversation). */
export const demoMessageId = (key: string, i: number) => `demo-${key}-${i}`;

/** Conversations in the order they started, so earlier stories exist when later ones name them. */
const ORDERED = [...DEMO_CONVERSATIONS].sort((a, b) => b.messages[0]!.d - a.messages[0]!.d);

function conversationOf(key: string): DemoConversation {
  const conv = DEMO_CONVERSATIONS.find((c) => c.key === key);
  if (!conv) throw new Error(`unknown demo conversation ${key}`);
  return conv;
}

/** How the provider names the sender (WhatsApp and Vonage send numbers without "+"). */
function senderOf(person: DemoPerson, channel: DemoChannel): string {
  const id =
    channel === "email"
      ? person.email
      : channel === "chat"
        ? person.visitorId
        : channel === "webhook"
          ? person.externalId
          : channel === "twilio"
            ? person.phone
            : person.phone?.replace(/^\+/, "");
  if (!id) throw new Error(`demo person ${person.name} has no ${channel} address`);
  return id;
}

async function demoMembers(ctx: QueryCtx, organizationId: Id<"organizations">) {
  const out: Partial<Record<DemoAgent, Doc<"members">>> = {};
  for (const [who, { email }] of Object.entries(DEMO_MEMBERS) as [DemoAgent, { email: string }][]) {
    const member = await ctx.db
      .query("members")
      .withIndex("by_org_email", (q) => q.eq("organizationId", organizationId).eq("email", email))
      .first();
    if (member) out[who] = member;
  }
  return out;
}

async function channelConfig(ctx: QueryCtx, organizationId: Id<"organizations">, channel: DemoChannel) {
  const want = CHANNEL[channel];
  const configs = await ctx.db
    .query("channelConfigs")
    .withIndex("by_org_channel", (q) => q.eq("organizationId", organizationId).eq("channel", want.channel))
    .take(20);
  const config = configs.find((c) => c.provider === want.provider);
  if (!config) throw new Error(`the demo organization has no ${want.provider} channel`);
  const endpoint = await ctx.db
    .query("channelEndpoints")
    .withIndex("by_config", (q) => q.eq("organizationId", organizationId).eq("channelConfigId", config._id))
    .first();
  if (!endpoint) throw new Error(`the ${want.provider} channel has no endpoint`);
  return { config, to: endpoint.identifier };
}

/** Teams (with the demo agents), labels, saved replies, the automation rule and service levels. */
export const configure = internalMutation({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const members = await demoMembers(ctx, organizationId);
    const labels = await catalogue(ctx, organizationId);
    for (const label of DEMO_LABELS) {
      if (!labels.some((l) => l.name === label.name)) await insertLabel(ctx, organizationId, label);
    }
    const teams = await teamsOf(ctx, organizationId);
    for (const team of DEMO_TEAMS) {
      const existing = teams.find((t) => t.name === team.name);
      const lead = team.lead ? members[team.lead] : undefined;
      const teamId =
        existing?._id ??
        (await insertTeam(ctx, organizationId, {
          name: team.name,
          policy: team.policy,
          channels: team.channels,
          leadMemberId: lead?._id,
        }));
      const doc = (await ctx.db.get(teamId))!;
      for (const who of team.members) {
        const member = members[who];
        if (member) await joinTeam(ctx, doc, member._id);
      }
    }
    const replies = await repliesOf(ctx, organizationId, "organization");
    for (const reply of DEMO_SAVED_REPLIES) {
      if (!replies.some((r) => r.shortcut === reply.shortcut))
        await insertSavedReply(ctx, organizationId, "organization", reply);
    }
    const rules = await ctx.db
      .query("automationRules")
      .withIndex("by_trigger", (q) => q.eq("organizationId", organizationId).eq("trigger", "message.received"))
      .take(50);
    const refundLabel = (await catalogue(ctx, organizationId)).find((l) => l.name === "Refund")!;
    if (!rules.some((r) => r.name === "Double charges to Refund")) {
      await insertRule(ctx, organizationId, {
        name: "Double charges to Refund",
        trigger: "message.received",
        conditions: [{ kind: "textMatches", pattern: "charged (twice|again|still)|still charged" }],
        actions: [{ kind: "addLabel", labelId: refundLabel._id }],
      });
    }
    if (!(await loadPolicy(ctx, organizationId))) await savePolicy(ctx, organizationId, DEMO_SLA);
    return null;
  },
});

/** Keys of the conversations not seeded yet. */
export const pending = internalQuery({
  args: { organizationId: v.id("organizations") },
  handler: async (ctx, { organizationId }) => {
    const out: string[] = [];
    for (const conv of ORDERED) {
      const { channel } = CHANNEL[conv.channel];
      const first = await ctx.db
        .query("unifiedMessages")
        .withIndex("by_external", (q) =>
          q
            .eq("organizationId", organizationId)
            .eq("channel", channel)
            .eq("externalMessageId", demoMessageId(conv.key, 0)),
        )
        .first();
      if (!first) out.push(conv.key);
    }
    return out;
  },
});

const storedFile = v.object({ storageId: v.id("_storage"), contentType: v.string(), size: v.number() });

/**
 * One conversation, in one transaction: its messages in order at their backdated times, then its
 * assignment, labels, notes and ending. Returns false (and writes nothing) when it is already there.
 */
export const playConversation = internalMutation({
  args: {
    organizationId: v.id("organizations"),
    key: v.string(),
    /** The seed's "now": message times are days before it. */
    now: v.number(),
    files: v.object({ image: v.optional(storedFile), pdf: v.optional(storedFile) }),
  },
  handler: async (ctx, { organizationId, key, now, files }) => {
    const conv = conversationOf(key);
    const person: DemoPerson = DEMO_PEOPLE[conv.person];
    const { channel, provider } = CHANNEL[conv.channel];
    const org = (await ctx.db.get(organizationId))!;
    const { config, to } = await channelConfig(ctx, organizationId, conv.channel);
    const members = await demoMembers(ctx, organizationId);
    const at = (d: number) => Math.round((d >= 1 ? workdayAnchor(now) : now) - d * DAY_MS);
    const own = async (file: Infer<typeof storedFile>, filename: string) => {
      await recordOwnedFile(ctx, { organizationId, ...file, filename });
      return { storageId: file.storageId, contentType: file.contentType, size: file.size, filename };
    };

    let threadId: Id<"conversationThreads"> | null = null;
    for (const [i, m] of conv.messages.entries()) {
      if (m.from === "contact") {
        const event: Infer<typeof inboundMessage> = {
          kind: "message",
          channel,
          provider,
          externalMessageId: demoMessageId(key, i),
          from: { identifier: senderOf(person, conv.channel), displayName: person.name },
          to,
          text: m.text,
          ...(m.subject ? { subject: m.subject } : {}),
          attachments: [],
          sentAt: at(m.d),
        };
        // The message "arrives" at its own time: trusted, and every timer counts from it.
        const messageId = await storeInboundMessage(ctx, org, config, event, at(m.d));
        if (!messageId) {
          if (i === 0) return false; // seeded by an earlier run
          continue;
        }
        const message = (await ctx.db.get(messageId))!;
        threadId = message.threadId;
        if (m.attach === "image" && files.image) {
          // Inbound media lands in storage as the media fetch would store it (messages/attachments.ts).
          await ctx.db.patch(messageId, { attachments: [await own(files.image, "photo.png")] });
        }
      } else {
        if (!threadId) throw new Error(`demo conversation ${key} must start with the contact`);
        const member = members[m.from];
        const attachments = m.attach === "pdf" && files.pdf ? [await own(files.pdf, "proposal.pdf")] : [];
        await queueReply(
          ctx,
          { organizationId, threadId, text: m.text, attachments: attachments.map((a) => ({ storageId: a.storageId })) },
          { memberId: member?._id, name: member?.name ?? DEMO_MEMBERS[m.from].name },
          { at: at(m.d) },
        );
      }
    }
    if (!threadId) return false;
    const thread = async () => (await ctx.db.get(threadId))!;

    if (conv.assignee !== undefined) {
      await setAssignee(ctx, await thread(), conv.assignee ? members[conv.assignee]?._id : undefined);
    }
    const labels = await catalogue(ctx, organizationId);
    for (const name of conv.labels ?? []) {
      const label = labels.find((l) => l.name === name);
      if (label) await attachLabel(ctx, await thread(), (await ctx.db.get(label._id))!);
    }
    for (const note of conv.notes ?? []) {
      const author = members[note.by];
      await addNote(
        ctx,
        await thread(),
        { memberId: author?._id, name: author?.name ?? DEMO_MEMBERS[note.by].name },
        note.text,
        at(note.d),
      );
    }
    const end = conv.end;
    if (end?.status === "closed") {
      await changeThreadStatus(ctx, await thread(), "closed", { snoozedUntil: undefined }, at(end.d));
      // The rating request the close schedules, made now at the close's time (the scheduled one
      // then finds it and does nothing), so the customer's rating can follow in this transaction.
      await requestRating(ctx, threadId, at(end.d));
      const requestId = (await thread()).csat?.requestId;
      if (end.csat !== undefined && requestId) {
        await recordRating(ctx, requestId, end.csat, Math.min(now, at(end.d) + RATING_DELAY_MS));
      }
    } else if (end?.status === "snoozed") {
      await snoozeThread(ctx, await thread(), now + end.forDays * DAY_MS);
    } else if (end?.status === "pending") {
      await changeThreadStatus(ctx, await thread(), "pending");
    }
    return true;
  },
});

/**
 * Seeds the demo history into an organization (its channels and the two demo members must
 * exist). Safe to run on every start: configured parts and seeded conversations are skipped.
 */
export const run = internalAction({
  args: {
    organizationId: v.id("organizations"),
    now: v.optional(v.number()),
    /** Only these conversations (tests play them one by one, letting the hooks run in between). */
    only: v.optional(v.array(v.string())),
    /**
     * Only finish a history an earlier run began: a demo organization made before the history
     * existed (an older `.data/`) is left as it is rather than mixed with it.
     */
    resumeOnly: v.optional(v.boolean()),
  },
  handler: async (ctx, { organizationId, now, only, resumeOnly }): Promise<{ seeded: number; untouched: boolean }> => {
    const start = now ?? Date.now();
    const pendingKeys = await ctx.runQuery(internal.seed.history.pending, { organizationId });
    if (resumeOnly && pendingKeys.length === ORDERED.length) return { seeded: 0, untouched: true };
    await ctx.runMutation(internal.seed.history.configure, { organizationId });
    const keys = pendingKeys.filter((key) => !only || only.includes(key));
    let seeded = 0;
    for (const key of keys) {
      const conv = conversationOf(key);
      const stored: Id<"_storage">[] = [];
      const store = async (bytes: Uint8Array, contentType: string) => {
        const storageId = await ctx.storage.store(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: contentType }));
        stored.push(storageId);
        return { storageId, contentType, size: bytes.byteLength };
      };
      const files = {
        ...(conv.messages.some((m) => m.attach === "image") ? { image: await store(demoPng(), "image/png") } : {}),
        ...(conv.messages.some((m) => m.attach === "pdf")
          ? {
              pdf: await store(
                demoPdf(["Demo Co - Annual plan proposal", "120 seats, analytics add-on", "Valid for 30 days"]),
                "application/pdf",
              ),
            }
          : {}),
      };
      let played = false;
      try {
        played = await ctx.runMutation(internal.seed.history.playConversation, {
          organizationId,
          key,
          now: start,
          files,
        });
      } finally {
        // A conversation seeded meanwhile (or a failure) keeps no orphan file.
        if (!played) for (const id of stored) await ctx.storage.delete(id);
      }
      if (played) seeded++;
    }
    return { seeded, untouched: false };
  },
});
