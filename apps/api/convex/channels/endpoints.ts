import { getDescriptor } from "@switchboard/channels";
import type { ProviderId } from "@switchboard/channels/ids";
import { v } from "convex/values";
import { endpointKind } from "../schema/validators";

/** A routing endpoint as stored in channelEndpoints: its kind and normalised identifier. */
export const endpointValidator = v.object({ kind: endpointKind, identifier: v.string() });

/**
 * The normalised form of a receiving identifier, as stored in channelEndpoints.identifier. The
 * provider's descriptor decides (E.164 numbers, lower-cased addresses, ids kept as typed).
 */
export function normalizeEndpoint(provider: ProviderId, raw: string): string {
  return getDescriptor(provider).endpoints.normalize(raw);
}
