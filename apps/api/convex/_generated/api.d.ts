/* eslint-disable */
/**
 * Generated `api` utility.
 *
 * THIS CODE IS AUTOMATICALLY GENERATED.
 *
 * To regenerate, run `npx convex dev`.
 * @module
 */

import type {
  ApiFromModules,
  FilterApi,
  FunctionReference,
} from "convex/server";
import type * as ai_endpoint from "../ai/endpoint.js";
import type * as ai_reviews from "../ai/reviews.js";
import type * as ai_settings from "../ai/settings.js";
import type * as auth from "../auth.js";
import type * as automation_events from "../automation/events.js";
import type * as automation_rules from "../automation/rules.js";
import type * as automation_runs from "../automation/runs.js";
import type * as automation_triggers from "../automation/triggers.js";
import type * as channels_configs from "../channels/configs.js";
import type * as channels_endpoints from "../channels/endpoints.js";
import type * as channels_health from "../channels/health.js";
import type * as channels_runtime from "../channels/runtime.js";
import type * as channels_sdk from "../channels/sdk.js";
import type * as channels_settings from "../channels/settings.js";
import type * as channels_transport from "../channels/transport.js";
import type * as channels_whatsappTemplates from "../channels/whatsappTemplates.js";
import type * as chat_messages from "../chat/messages.js";
import type * as chat_origins from "../chat/origins.js";
import type * as chat_rateLimits from "../chat/rateLimits.js";
import type * as chat_sessions from "../chat/sessions.js";
import type * as chat_visitor from "../chat/visitor.js";
import type * as contacts_claims from "../contacts/claims.js";
import type * as contacts_contacts from "../contacts/contacts.js";
import type * as contacts_identities from "../contacts/identities.js";
import type * as contacts_mergeSuggestions from "../contacts/mergeSuggestions.js";
import type * as contacts_merges from "../contacts/merges.js";
import type * as contacts_model from "../contacts/model.js";
import type * as contacts_relationships from "../contacts/relationships.js";
import type * as contacts_resolve from "../contacts/resolve.js";
import type * as crm_commitments from "../crm/commitments.js";
import type * as crm_contactInsights from "../crm/contactInsights.js";
import type * as crm_corrections from "../crm/corrections.js";
import type * as crm_deals from "../crm/deals.js";
import type * as crm_insights from "../crm/insights.js";
import type * as crm_insights_commitments from "../crm/insights/commitments.js";
import type * as crm_insights_context from "../crm/insights/context.js";
import type * as crm_insights_dealStage from "../crm/insights/dealStage.js";
import type * as crm_insights_facts from "../crm/insights/facts.js";
import type * as crm_insights_jobChange from "../crm/insights/jobChange.js";
import type * as crm_insights_messageInsight from "../crm/insights/messageInsight.js";
import type * as crm_insights_profile from "../crm/insights/profile.js";
import type * as crm_insights_relationships from "../crm/insights/relationships.js";
import type * as crm_insights_signature from "../crm/insights/signature.js";
import type * as crm_profile from "../crm/profile.js";
import type * as crm_recompute from "../crm/recompute.js";
import type * as crm_timeline from "../crm/timeline.js";
import type * as crons from "../crons.js";
import type * as http from "../http.js";
import type * as inbound_coalesce from "../inbound/coalesce.js";
import type * as inbound_handshake from "../inbound/handshake.js";
import type * as inbound_hooks from "../inbound/hooks.js";
import type * as inbound_hydrate from "../inbound/hydrate.js";
import type * as inbound_ingest from "../inbound/ingest.js";
import type * as inbound_reconcile from "../inbound/reconcile.js";
import type * as inbound_retention from "../inbound/retention.js";
import type * as inbound_routes from "../inbound/routes.js";
import type * as inbound_routing from "../inbound/routing.js";
import type * as inbound_unroutable from "../inbound/unroutable.js";
import type * as inbound_webhooks from "../inbound/webhooks.js";
import type * as lib_auth from "../lib/auth.js";
import type * as lib_crypto from "../lib/crypto.js";
import type * as lib_functions from "../lib/functions.js";
import type * as lib_http from "../lib/http.js";
import type * as lib_mediaUrl from "../lib/mediaUrl.js";
import type * as lib_timezone from "../lib/timezone.js";
import type * as lib_values from "../lib/values.js";
import type * as messages_attachments from "../messages/attachments.js";
import type * as messages_files from "../messages/files.js";
import type * as messages_reactions from "../messages/reactions.js";
import type * as messages_status from "../messages/status.js";
import type * as ops_cli from "../ops/cli.js";
import type * as orgs_admin from "../orgs/admin.js";
import type * as orgs_invitations from "../orgs/invitations.js";
import type * as orgs_members from "../orgs/members.js";
import type * as orgs_model from "../orgs/model.js";
import type * as orgs_organizations from "../orgs/organizations.js";
import type * as outbound_dispatch from "../outbound/dispatch.js";
import type * as outbound_policy from "../outbound/policy.js";
import type * as outbound_poll from "../outbound/poll.js";
import type * as outbound_queue from "../outbound/queue.js";
import type * as outbound_recovery from "../outbound/recovery.js";
import type * as outbound_replies from "../outbound/replies.js";
import type * as passwordPolicy from "../passwordPolicy.js";
import type * as reports_backfill from "../reports/backfill.js";
import type * as reports_buckets from "../reports/buckets.js";
import type * as reports_compaction from "../reports/compaction.js";
import type * as reports_histogram from "../reports/histogram.js";
import type * as reports_reports from "../reports/reports.js";
import type * as rest_apiKeys from "../rest/apiKeys.js";
import type * as rest_inbox from "../rest/inbox.js";
import type * as rest_resources from "../rest/resources.js";
import type * as rest_routes from "../rest/routes.js";
import type * as rest_schemas from "../rest/schemas.js";
import type * as rest_teams from "../rest/teams.js";
import type * as schema_ai from "../schema/ai.js";
import type * as schema_api from "../schema/api.js";
import type * as schema_automation from "../schema/automation.js";
import type * as schema_channels from "../schema/channels.js";
import type * as schema_contacts from "../schema/contacts.js";
import type * as schema_crm from "../schema/crm.js";
import type * as schema_inbound from "../schema/inbound.js";
import type * as schema_inbox from "../schema/inbox.js";
import type * as schema_messages from "../schema/messages.js";
import type * as schema_orgs from "../schema/orgs.js";
import type * as schema_outbound from "../schema/outbound.js";
import type * as schema_presence from "../schema/presence.js";
import type * as schema_reconcile from "../schema/reconcile.js";
import type * as schema_reports from "../schema/reports.js";
import type * as schema_serviceLevels from "../schema/serviceLevels.js";
import type * as schema_teams from "../schema/teams.js";
import type * as schema_validators from "../schema/validators.js";
import type * as schema_webhooks from "../schema/webhooks.js";
import type * as search_search from "../search/search.js";
import type * as search_snippet from "../search/snippet.js";
import type * as seed_demo from "../seed/demo.js";
import type * as signInLockout from "../signInLockout.js";
import type * as threads_assignment from "../threads/assignment.js";
import type * as threads_autoAssign from "../threads/autoAssign.js";
import type * as threads_bulk from "../threads/bulk.js";
import type * as threads_csat from "../threads/csat.js";
import type * as threads_emailMessageIds from "../threads/emailMessageIds.js";
import type * as threads_inbox from "../threads/inbox.js";
import type * as threads_labels from "../threads/labels.js";
import type * as threads_model from "../threads/model.js";
import type * as threads_notes from "../threads/notes.js";
import type * as threads_notifications from "../threads/notifications.js";
import type * as threads_reads from "../threads/reads.js";
import type * as threads_savedReplies from "../threads/savedReplies.js";
import type * as threads_sla from "../threads/sla.js";
import type * as threads_teams from "../threads/teams.js";
import type * as threads_threads from "../threads/threads.js";
import type * as threads_typing from "../threads/typing.js";
import type * as threads_views from "../threads/views.js";
import type * as threads_workload from "../threads/workload.js";
import type * as webhooks_deliveries from "../webhooks/deliveries.js";
import type * as webhooks_endpoints from "../webhooks/endpoints.js";
import type * as webhooks_events from "../webhooks/events.js";
import type * as webhooks_pool from "../webhooks/pool.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  "ai/endpoint": typeof ai_endpoint;
  "ai/reviews": typeof ai_reviews;
  "ai/settings": typeof ai_settings;
  auth: typeof auth;
  "automation/events": typeof automation_events;
  "automation/rules": typeof automation_rules;
  "automation/runs": typeof automation_runs;
  "automation/triggers": typeof automation_triggers;
  "channels/configs": typeof channels_configs;
  "channels/endpoints": typeof channels_endpoints;
  "channels/health": typeof channels_health;
  "channels/runtime": typeof channels_runtime;
  "channels/sdk": typeof channels_sdk;
  "channels/settings": typeof channels_settings;
  "channels/transport": typeof channels_transport;
  "channels/whatsappTemplates": typeof channels_whatsappTemplates;
  "chat/messages": typeof chat_messages;
  "chat/origins": typeof chat_origins;
  "chat/rateLimits": typeof chat_rateLimits;
  "chat/sessions": typeof chat_sessions;
  "chat/visitor": typeof chat_visitor;
  "contacts/claims": typeof contacts_claims;
  "contacts/contacts": typeof contacts_contacts;
  "contacts/identities": typeof contacts_identities;
  "contacts/mergeSuggestions": typeof contacts_mergeSuggestions;
  "contacts/merges": typeof contacts_merges;
  "contacts/model": typeof contacts_model;
  "contacts/relationships": typeof contacts_relationships;
  "contacts/resolve": typeof contacts_resolve;
  "crm/commitments": typeof crm_commitments;
  "crm/contactInsights": typeof crm_contactInsights;
  "crm/corrections": typeof crm_corrections;
  "crm/deals": typeof crm_deals;
  "crm/insights": typeof crm_insights;
  "crm/insights/commitments": typeof crm_insights_commitments;
  "crm/insights/context": typeof crm_insights_context;
  "crm/insights/dealStage": typeof crm_insights_dealStage;
  "crm/insights/facts": typeof crm_insights_facts;
  "crm/insights/jobChange": typeof crm_insights_jobChange;
  "crm/insights/messageInsight": typeof crm_insights_messageInsight;
  "crm/insights/profile": typeof crm_insights_profile;
  "crm/insights/relationships": typeof crm_insights_relationships;
  "crm/insights/signature": typeof crm_insights_signature;
  "crm/profile": typeof crm_profile;
  "crm/recompute": typeof crm_recompute;
  "crm/timeline": typeof crm_timeline;
  crons: typeof crons;
  http: typeof http;
  "inbound/coalesce": typeof inbound_coalesce;
  "inbound/handshake": typeof inbound_handshake;
  "inbound/hooks": typeof inbound_hooks;
  "inbound/hydrate": typeof inbound_hydrate;
  "inbound/ingest": typeof inbound_ingest;
  "inbound/reconcile": typeof inbound_reconcile;
  "inbound/retention": typeof inbound_retention;
  "inbound/routes": typeof inbound_routes;
  "inbound/routing": typeof inbound_routing;
  "inbound/unroutable": typeof inbound_unroutable;
  "inbound/webhooks": typeof inbound_webhooks;
  "lib/auth": typeof lib_auth;
  "lib/crypto": typeof lib_crypto;
  "lib/functions": typeof lib_functions;
  "lib/http": typeof lib_http;
  "lib/mediaUrl": typeof lib_mediaUrl;
  "lib/timezone": typeof lib_timezone;
  "lib/values": typeof lib_values;
  "messages/attachments": typeof messages_attachments;
  "messages/files": typeof messages_files;
  "messages/reactions": typeof messages_reactions;
  "messages/status": typeof messages_status;
  "ops/cli": typeof ops_cli;
  "orgs/admin": typeof orgs_admin;
  "orgs/invitations": typeof orgs_invitations;
  "orgs/members": typeof orgs_members;
  "orgs/model": typeof orgs_model;
  "orgs/organizations": typeof orgs_organizations;
  "outbound/dispatch": typeof outbound_dispatch;
  "outbound/policy": typeof outbound_policy;
  "outbound/poll": typeof outbound_poll;
  "outbound/queue": typeof outbound_queue;
  "outbound/recovery": typeof outbound_recovery;
  "outbound/replies": typeof outbound_replies;
  passwordPolicy: typeof passwordPolicy;
  "reports/backfill": typeof reports_backfill;
  "reports/buckets": typeof reports_buckets;
  "reports/compaction": typeof reports_compaction;
  "reports/histogram": typeof reports_histogram;
  "reports/reports": typeof reports_reports;
  "rest/apiKeys": typeof rest_apiKeys;
  "rest/inbox": typeof rest_inbox;
  "rest/resources": typeof rest_resources;
  "rest/routes": typeof rest_routes;
  "rest/schemas": typeof rest_schemas;
  "rest/teams": typeof rest_teams;
  "schema/ai": typeof schema_ai;
  "schema/api": typeof schema_api;
  "schema/automation": typeof schema_automation;
  "schema/channels": typeof schema_channels;
  "schema/contacts": typeof schema_contacts;
  "schema/crm": typeof schema_crm;
  "schema/inbound": typeof schema_inbound;
  "schema/inbox": typeof schema_inbox;
  "schema/messages": typeof schema_messages;
  "schema/orgs": typeof schema_orgs;
  "schema/outbound": typeof schema_outbound;
  "schema/presence": typeof schema_presence;
  "schema/reconcile": typeof schema_reconcile;
  "schema/reports": typeof schema_reports;
  "schema/serviceLevels": typeof schema_serviceLevels;
  "schema/teams": typeof schema_teams;
  "schema/validators": typeof schema_validators;
  "schema/webhooks": typeof schema_webhooks;
  "search/search": typeof search_search;
  "search/snippet": typeof search_snippet;
  "seed/demo": typeof seed_demo;
  signInLockout: typeof signInLockout;
  "threads/assignment": typeof threads_assignment;
  "threads/autoAssign": typeof threads_autoAssign;
  "threads/bulk": typeof threads_bulk;
  "threads/csat": typeof threads_csat;
  "threads/emailMessageIds": typeof threads_emailMessageIds;
  "threads/inbox": typeof threads_inbox;
  "threads/labels": typeof threads_labels;
  "threads/model": typeof threads_model;
  "threads/notes": typeof threads_notes;
  "threads/notifications": typeof threads_notifications;
  "threads/reads": typeof threads_reads;
  "threads/savedReplies": typeof threads_savedReplies;
  "threads/sla": typeof threads_sla;
  "threads/teams": typeof threads_teams;
  "threads/threads": typeof threads_threads;
  "threads/typing": typeof threads_typing;
  "threads/views": typeof threads_views;
  "threads/workload": typeof threads_workload;
  "webhooks/deliveries": typeof webhooks_deliveries;
  "webhooks/endpoints": typeof webhooks_endpoints;
  "webhooks/events": typeof webhooks_events;
  "webhooks/pool": typeof webhooks_pool;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;

export declare const components: {
  "betterAuth": import("@convex-dev/better-auth/_generated/component.js").ComponentApi<"betterAuth">;
  "rateLimiter": import("@convex-dev/rate-limiter/_generated/component.js").ComponentApi<"rateLimiter">;
  "webhookWorkpool": import("@convex-dev/workpool/_generated/component.js").ComponentApi<"webhookWorkpool">;
};
