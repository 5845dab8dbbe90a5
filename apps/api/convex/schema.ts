import { defineSchema } from "convex/server";
import { aiTables } from "./schema/ai";
import { apiTables } from "./schema/api";
import { channelsTables } from "./schema/channels";
import { contactsTables } from "./schema/contacts";
import { crmTables } from "./schema/crm";
import { messagesTables } from "./schema/messages";
import { orgTables } from "./schema/orgs";
import { outboundTables } from "./schema/outbound";

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
  ...crmTables,
  ...outboundTables,
  ...apiTables,
  ...aiTables,
});
