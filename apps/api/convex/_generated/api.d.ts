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
import type * as channels_configs from "../channels/configs.js";
import type * as contacts_queries from "../contacts/queries.js";
import type * as contacts_resolve from "../contacts/resolve.js";
import type * as http from "../http.js";
import type * as inbound_coalesce from "../inbound/coalesce.js";
import type * as inbound_endpoints from "../inbound/endpoints.js";
import type * as inbound_hooks from "../inbound/hooks.js";
import type * as inbound_ingest from "../inbound/ingest.js";
import type * as inbound_metaSubscribe from "../inbound/metaSubscribe.js";
import type * as inbound_routing from "../inbound/routing.js";
import type * as inbound_webhooks from "../inbound/webhooks.js";
import type * as inbox_link from "../inbox/link.js";
import type * as inbox_threads from "../inbox/threads.js";
import type * as lib_auth from "../lib/auth.js";
import type * as lib_crypto from "../lib/crypto.js";
import type * as lib_http from "../lib/http.js";
import type * as orgs_admin from "../orgs/admin.js";
import type * as schema_validators from "../schema/validators.js";
import type * as seed_demo from "../seed/demo.js";

/**
 * A utility for referencing Convex functions in your app's API.
 *
 * Usage:
 * ```js
 * const myFunctionReference = api.myModule.myFunction;
 * ```
 */
declare const fullApi: ApiFromModules<{
  "channels/configs": typeof channels_configs;
  "contacts/queries": typeof contacts_queries;
  "contacts/resolve": typeof contacts_resolve;
  http: typeof http;
  "inbound/coalesce": typeof inbound_coalesce;
  "inbound/endpoints": typeof inbound_endpoints;
  "inbound/hooks": typeof inbound_hooks;
  "inbound/ingest": typeof inbound_ingest;
  "inbound/metaSubscribe": typeof inbound_metaSubscribe;
  "inbound/routing": typeof inbound_routing;
  "inbound/webhooks": typeof inbound_webhooks;
  "inbox/link": typeof inbox_link;
  "inbox/threads": typeof inbox_threads;
  "lib/auth": typeof lib_auth;
  "lib/crypto": typeof lib_crypto;
  "lib/http": typeof lib_http;
  "orgs/admin": typeof orgs_admin;
  "schema/validators": typeof schema_validators;
  "seed/demo": typeof seed_demo;
}>;
export declare const api: FilterApi<
  typeof fullApi,
  FunctionReference<any, "public">
>;
export declare const internal: FilterApi<
  typeof fullApi,
  FunctionReference<any, "internal">
>;
