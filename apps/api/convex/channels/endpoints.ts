import { v } from "convex/values";
import { endpointKind } from "../schema/validators";

/**
 * A routing endpoint as stored in channelEndpoints: its kind and its identifier, normalised by
 * the provider's descriptor (`endpoints.derive`: E.164 numbers, lower-cased addresses, ids as typed).
 */
export const endpointValidator = v.object({ kind: endpointKind, identifier: v.string() });
