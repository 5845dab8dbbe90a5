import { defineSchema } from "convex/server";
import { aiTables } from "./schema/ai";
import { apiTables } from "./schema/api";
import { automationTables } from "./schema/automation";
import { channelsTables } from "./schema/channels";
import { contactsTables } from "./schema/contacts";
import { crmTables } from "./schema/crm";
import { inboundTables } from "./schema/inbound";
import { inboxTables } from "./schema/inbox";
import { messagesTables } from "./schema/messages";
import { orgTables } from "./schema/orgs";
import { outboundTables } from "./schema/outbound";
import { presenceTables } from "./schema/presence";
import { reconcileTables } from "./schema/reconcile";
import { reportsTables } from "./schema/reports";
import { serviceLevelTables } from "./schema/serviceLevels";
import { teamsTables } from "./schema/teams";
import { webhooksTables } from "./schema/webhooks";

/**
 * Every table carries organizationId, and every index a public function reads starts with it.
 * The only indexes that don't are used by internal functions that *find* the organization
 * (webhook routing, membership lookup by user, retention sweeps); each says so.
 */
export default defineSchema({
  ...orgTables,
  ...channelsTables,
  ...contactsTables,
  ...messagesTables,
  ...inboundTables,
  ...crmTables,
  ...outboundTables,
  ...reconcileTables,
  ...apiTables,
  ...aiTables,
  ...inboxTables,
  ...presenceTables,
  ...webhooksTables,
  ...reportsTables,
  ...serviceLevelTables,
  ...automationTables,
  ...teamsTables,
});
