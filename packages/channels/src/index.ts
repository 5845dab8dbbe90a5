export * from "./ids";
export * from "./types";
export * from "./registry";
export * from "./descriptor";
export * from "./delivery";
export * from "./forms";
export { twilioDescriptor } from "./descriptors/twilio";
export { vonageDescriptor } from "./descriptors/vonage";
export { metaDescriptor, verifyTokenEndpoint } from "./descriptors/meta";
export { resendDescriptor } from "./descriptors/resend";
export { genericDescriptor } from "./descriptors/generic";
export { nativeDescriptor } from "./descriptors/native";
export * from "./identifiers";
export * from "./crypto";
export * from "./http";
export * from "./standardWebhooks";

export {
  twilioAdapter,
  twilioSignaturePayload,
  computeTwilioSignature,
  TWILIO_DEFAULT_BASE_URL,
  TWILIO_STATUS_MAP,
  TWILIO_ERROR_MESSAGES,
  twilioCredentialsSchema,
  twilioSettingsSchema,
} from "./adapters/twilio";
export {
  vonageAdapter,
  signHs256Jwt,
  verifyHs256Jwt,
  vonageNumber,
  VONAGE_DEFAULT_BASE_URL,
  VONAGE_DEFAULT_REST_URL,
  VONAGE_STATUS_MAP,
  vonageCredentialsSchema,
  vonageSettingsSchema,
  type VonageJwtClaims,
  type JwtVerification,
} from "./adapters/vonage";
export {
  metaAdapter,
  verifySubscription,
  isCustomerServiceWindowOpen,
  fetchMetaMedia,
  metaRoutingKeys,
  parseMetaDelivery,
  whatsappRecipient,
  buildMetaMessagePayload,
  CUSTOMER_SERVICE_WINDOW_MS,
  META_DEFAULT_BASE_URL,
  META_DEFAULT_API_VERSION,
  META_STATUS_MAP,
  metaCredentialsSchema,
  metaSettingsSchema,
} from "./adapters/meta";
export {
  resendAdapter,
  fetchReceivedEmail,
  buildResendEmail,
  parseMessageIds,
  htmlToText,
  RESEND_DEFAULT_BASE_URL,
  RESEND_EVENT_STATUS,
  resendCredentialsSchema,
  resendSettingsSchema,
} from "./adapters/resend";
export {
  genericAdapter,
  buildGenericPayload,
  genericEventSchema,
  genericMessageSchema,
  genericStatusSchema,
  genericAttachmentSchema,
  GENERIC_PATH_MARKER,
  genericCredentialsSchema,
  genericSettingsSchema,
  type GenericInboundEvent,
} from "./adapters/generic";
export {
  nativeAdapter,
  createVisitorToken,
  verifyVisitorToken,
  decodeVisitorToken,
  visitorTokenOf,
  DEFAULT_VISITOR_TOKEN_TTL_SECONDS,
  nativeCredentialsSchema,
  nativeSettingsSchema,
} from "./adapters/native";
