/**
 * WhatsApp message templates: the Message Templates API list and the validation of template sends.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/template-management
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-account/message-template-api
 * Error codes 132000/132001/132012/132015/132016:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/
 */
import type { ApiReq, ApiRes } from "../core";
import type { MetaTemplate } from "../types";
import { isRecord, str } from "../util";

/** A realistic template list: Meta's own hello_world sample, utility templates with variables, and non-approved ones. */
export const DEFAULT_META_TEMPLATES: MetaTemplate[] = [
  {
    id: "1192339204654487",
    name: "hello_world",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    components: [
      { type: "HEADER", format: "TEXT", text: "Hello World" },
      {
        type: "BODY",
        text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.",
      },
      { type: "FOOTER", text: "WhatsApp Business Platform sample message" },
    ],
  },
  {
    id: "1345098733321770",
    name: "follow_up",
    language: "en",
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Hi! We have an update on your request. Reply to this message to continue the conversation.",
      },
    ],
  },
  {
    id: "1345098733321774",
    name: "follow_up",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Hi! We have an update on your request. Reply to this message to continue the conversation.",
      },
    ],
  },
  {
    id: "1345098733321771",
    name: "reopen_conversation",
    language: "en",
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    components: [
      { type: "BODY", text: "Hello, we tried to reach you about your recent message. Reply when it suits you." },
    ],
  },
  {
    id: "1345098733321772",
    name: "request_update",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Hi {{1}}, there is an update on your request {{2}}: {{3}}. Reply to this message to continue the conversation.",
        example: { body_text: [["Maria", "#1042", "the replacement part has shipped"]] },
      },
      { type: "FOOTER", text: "Reply STOP to opt out" },
    ],
  },
  {
    id: "1345098733321773",
    name: "request_update",
    language: "es",
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "Hola {{1}}, hay novedades sobre tu solicitud {{2}}: {{3}}. Responde a este mensaje para continuar la conversación.",
        example: { body_text: [["María", "#1042", "la pieza de repuesto ya fue enviada"]] },
      },
    ],
  },
  {
    id: "870245911230514",
    name: "appointment_reminder",
    language: "en_US",
    status: "APPROVED",
    category: "UTILITY",
    parameter_format: "POSITIONAL",
    components: [
      { type: "HEADER", format: "TEXT", text: "Reminder for {{1}}", example: { header_text: ["Maria"] } },
      {
        type: "BODY",
        text: "Your appointment is on {{1}} at {{2}}. Reply to this message if you need to change it.",
        example: { body_text: [["Tuesday, Dec 1", "10:30"]] },
      },
      {
        type: "BUTTONS",
        buttons: [
          { type: "QUICK_REPLY", text: "Confirm" },
          { type: "QUICK_REPLY", text: "Reschedule" },
        ],
      },
    ],
  },
  {
    id: "870245911230515",
    name: "verification_code",
    language: "en_US",
    status: "APPROVED",
    category: "AUTHENTICATION",
    parameter_format: "POSITIONAL",
    components: [
      {
        type: "BODY",
        text: "*{{1}}* is your verification code. For your security, do not share this code.",
        add_security_recommendation: true,
      },
      { type: "FOOTER", text: "This code expires in 10 minutes.", code_expiration_minutes: 10 },
      { type: "BUTTONS", buttons: [{ type: "OTP", otp_type: "COPY_CODE", text: "Copy code" }] },
    ],
  },
  {
    id: "566110283377201",
    name: "winter_sale",
    language: "en_US",
    status: "PAUSED",
    category: "MARKETING",
    parameter_format: "POSITIONAL",
    components: [
      {
        type: "HEADER",
        format: "IMAGE",
        example: { header_handle: ["https://scontent.whatsapp.net/v/t61/sample.jpg"] },
      },
      {
        type: "BODY",
        text: "Hi {{1}}, our winter sale starts today: {{2}} off everything.",
        example: { body_text: [["Maria", "20%"]] },
      },
    ],
  },
  {
    id: "566110283377202",
    name: "feedback_survey",
    language: "en_US",
    status: "PENDING",
    category: "MARKETING",
    parameter_format: "POSITIONAL",
    components: [
      { type: "BODY", text: "How did we do, {{1}}? Rate us from 1 to 5.", example: { body_text: [["Maria"]] } },
    ],
  },
  {
    id: "566110283377203",
    name: "free_gift",
    language: "en_US",
    status: "REJECTED",
    category: "MARKETING",
    parameter_format: "POSITIONAL",
    components: [{ type: "BODY", text: "Click here for a FREE gift!!!" }],
  },
];

function component(t: MetaTemplate, type: string): Record<string, unknown> | undefined {
  return t.components.find((c) => String(c.type).toUpperCase() === type);
}

/** Number of distinct positional ({{1}}) or named ({{name}}) variables in a text. */
function variableCount(text: string | undefined): number {
  if (!text) return 0;
  return new Set([...text.matchAll(/\{\{\s*([\w]+)\s*\}\}/g)].map((m) => m[1])).size;
}

const DEFAULT_FIELDS = ["name", "parameter_format", "components", "language", "status", "category", "id"];

const cursor = (i: number) => Buffer.from(`sim:${i}`).toString("base64url");
const fromCursor = (c: string): number | null => {
  const m = /^sim:(\d+)$/.exec(Buffer.from(c, "base64url").toString());
  return m ? Number(m[1]) : null;
};

/**
 * GET /{version}/{waba-id}/message_templates: `fields`, `limit` (default 25), `after`/`before`
 * cursors, filters `name` (substring), `status`, `category`, `language`. Graph paging:
 * `paging: {cursors: {before, after}, next?, previous?}`.
 */
export function listTemplates(templates: MetaTemplate[], req: ApiReq, selfUrl: string): ApiRes {
  const q = req.query;
  const limit = Math.min(Math.max(Number(q.get("limit") ?? 25) || 25, 1), 1000);
  const fields = q.get("fields");
  const wanted = new Set([
    "id",
    ...(fields
      ? fields
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean)
      : DEFAULT_FIELDS),
  ]);
  const name = q.get("name")?.toLowerCase();
  const status = q.get("status")?.toUpperCase();
  const category = q.get("category")?.toUpperCase();
  const language = q.get("language");
  const all = templates.filter(
    (t) =>
      (!name || t.name.toLowerCase().includes(name)) &&
      (!status || t.status === status) &&
      (!category || t.category === category) &&
      (!language || t.language === language),
  );
  let start = 0;
  const after = q.get("after");
  const before = q.get("before");
  if (after) start = (fromCursor(after) ?? -1) + 1;
  else if (before) start = Math.max((fromCursor(before) ?? 0) - limit, 0);
  const page = all.slice(start, start + limit);
  const data = page.map((t) => Object.fromEntries(Object.entries(t).filter(([k]) => wanted.has(k))));
  const paging: Record<string, unknown> = {};
  if (page.length > 0) {
    paging.cursors = { before: cursor(start), after: cursor(start + page.length - 1) };
    const link = (key: "after" | "before", value: string) => {
      const u = new URL(selfUrl);
      u.searchParams.delete("after");
      u.searchParams.delete("before");
      u.searchParams.set("limit", String(limit));
      u.searchParams.set(key, value);
      return u.toString();
    };
    if (start + page.length < all.length) paging.next = link("after", cursor(start + page.length - 1));
    if (start > 0) paging.previous = link("before", cursor(start));
  }
  return { status: 200, json: { data, paging } };
}

export interface TemplateCheck {
  ok: boolean;
  /** Graph error code, HTTP status, message and details when not ok. */
  error?: { status: number; code: number; message: string; details: string };
  /** Body text with the parameters filled in. */
  rendered?: string;
}

function paramTexts(components: unknown, type: string): unknown[] | undefined {
  if (!Array.isArray(components)) return undefined;
  const c = components.find((x) => isRecord(x) && String(x.type).toLowerCase() === type);
  return isRecord(c) && Array.isArray(c.parameters) ? c.parameters : undefined;
}

function paramValue(p: unknown): string {
  if (!isRecord(p)) return "";
  if (p.type === "text") return str(p.text) ?? "";
  if (p.type === "currency" && isRecord(p.currency)) return str(p.currency.fallback_value) ?? "";
  if (p.type === "date_time" && isRecord(p.date_time)) return str(p.date_time.fallback_value) ?? "";
  return str(p.text) ?? "";
}

/** Validate a `template` send object against the WABA's templates, as the Cloud API does. */
export function checkTemplateSend(templates: MetaTemplate[], t: Record<string, unknown>): TemplateCheck {
  const name = str(t.name) ?? "";
  const lang = isRecord(t.language) ? (str(t.language.code) ?? "") : "";
  const tpl = templates.find((x) => x.name === name && x.language === lang);
  const fail = (status: number, code: number, message: string, details: string): TemplateCheck => ({
    ok: false,
    error: { status, code, message: `(#${code}) ${message}`, details },
  });
  if (!tpl || tpl.status === "PENDING" || tpl.status === "REJECTED") {
    return fail(
      404,
      132001,
      "Template name does not exist in the translation",
      `template name (${name}) does not exist in ${lang}`,
    );
  }
  if (tpl.status === "PAUSED")
    return fail(400, 132015, "Template is Paused", `Template ${name} is paused due to low quality.`);
  if (tpl.status === "DISABLED")
    return fail(400, 132016, "Template is disabled", `Template ${name} has been disabled.`);

  const header = component(tpl, "HEADER");
  const headerParams = paramTexts(t.components, "header") ?? [];
  if (header?.format && header.format !== "TEXT") {
    const fmt = String(header.format).toLowerCase();
    const p = headerParams[0];
    if (!isRecord(p) || p.type !== fmt || !isRecord(p[fmt])) {
      return fail(
        400,
        132012,
        "Parameter format does not match format in the created template",
        `header: Format mismatch, expected ${header.format}, received ${isRecord(p) ? String(p.type).toUpperCase() : "UNKNOWN"}`,
      );
    }
  } else {
    const expected = variableCount(header ? str(header.text) : undefined);
    if (headerParams.length !== expected) {
      return fail(
        400,
        132000,
        "Number of parameters does not match the expected number of params",
        `header: number of localizable_params (${headerParams.length}) does not match the expected number of params (${expected})`,
      );
    }
  }
  const body = component(tpl, "BODY");
  const bodyText = body ? (str(body.text) ?? "") : "";
  const bodyParams = paramTexts(t.components, "body") ?? [];
  const expected = variableCount(bodyText);
  if (bodyParams.length !== expected) {
    return fail(
      400,
      132000,
      "Number of parameters does not match the expected number of params",
      `body: number of localizable_params (${bodyParams.length}) does not match the expected number of params (${expected})`,
    );
  }
  const values = bodyParams.map(paramValue);
  const named = tpl.parameter_format === "NAMED";
  const rendered = bodyText.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, key: string) => {
    if (named) {
      const p = bodyParams.find((x) => isRecord(x) && x.parameter_name === key);
      return p ? paramValue(p) : "";
    }
    return values[Number(key) - 1] ?? "";
  });
  return { ok: true, rendered };
}
