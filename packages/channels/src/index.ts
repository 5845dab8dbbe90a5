export {
  buildGenericPayload,
  GENERIC_PATH_MARKER,
  type GenericInboundEvent,
  genericAdapter,
  genericAttachmentSchema,
  genericCredentialsSchema,
  genericEventSchema,
  genericMessageSchema,
  genericSettingsSchema,
  genericStatusSchema,
} from "./adapters/generic";
export {
  buildMetaMessagePayload,
  CUSTOMER_SERVICE_WINDOW_MS,
  fetchMetaMedia,
  isCustomerServiceWindowOpen,
  META_DEFAULT_API_VERSION,
  META_DEFAULT_BASE_URL,
  META_STATUS_MAP,
  metaAdapter,
  metaCredentialsSchema,
  metaRoutingKeys,
  metaSettingsSchema,
  parseMetaDelivery,
  verifySubscription,
  whatsappRecipient,
} from "./adapters/meta";
export {
  listWhatsAppTemplates,
  TEMPLATE_MAX_PAGES,
  TEMPLATE_PAGE_SIZE,
  type TemplateListing,
} from "./adapters/metaTemplates";
export {
  createVisitorToken,
  DEFAULT_VISITOR_TOKEN_TTL_SECONDS,
  decodeVisitorToken,
  nativeAdapter,
  nativeCredentialsSchema,
  nativeSettingsSchema,
  type VisitorClaims,
  verifyUserHash,
  verifyVisitorToken,
  visitorIdForUser,
  visitorTokenOf,
} from "./adapters/native";
export {
  buildResendEmail,
  fetchReceivedEmail,
  htmlToText,
  parseMessageIds,
  RESEND_DEFAULT_BASE_URL,
  RESEND_EVENT_STATUS,
  resendAdapter,
  resendCredentialsSchema,
  resendSettingsSchema,
} from "./adapters/resend";
export {
  computeTwilioSignature,
  TWILIO_DEFAULT_BASE_URL,
  TWILIO_ERROR_MESSAGES,
  TWILIO_STATUS_MAP,
  twilioAdapter,
  twilioCredentialsSchema,
  twilioSettingsSchema,
  twilioSignaturePayload,
} from "./adapters/twilio";
export {
  type JwtVerification,
  signHs256Jwt,
  VONAGE_DEFAULT_BASE_URL,
  VONAGE_DEFAULT_REST_URL,
  VONAGE_STATUS_MAP,
  type VonageJwtClaims,
  verifyHs256Jwt,
  vonageAdapter,
  vonageCredentialsSchema,
  vonageNumber,
  vonageSettingsSchema,
} from "./adapters/vonage";
export * from "./crypto";
export * from "./delivery";
export * from "./descriptor";
export { genericDescriptor } from "./descriptors/generic";
export { metaDescriptor, verifyTokenEndpoint } from "./descriptors/meta";
export { nativeDescriptor } from "./descriptors/native";
export { resendDescriptor } from "./descriptors/resend";
export { twilioDescriptor } from "./descriptors/twilio";
export { vonageDescriptor } from "./descriptors/vonage";
export * from "./forms";
export * from "./http";
export * from "./identifiers";
export * from "./ids";
export * from "./inboundList";
export * from "./media";
export * from "./registry";
export * from "./sdkTransport";
export * from "./standardWebhooks";
export * from "./timestamps";
export * from "./types";
export * from "./whatsappTemplates";
