/**
 * Fake OpenAI-compatible chat completions endpoint, deterministic so dev and tests run offline:
 * the same request always yields the same content and token counts.
 *
 * Shapes follow https://platform.openai.com/docs/api-reference/chat/create (request, response,
 * `usage`, streaming chunks) and https://platform.openai.com/docs/guides/error-codes (error body).
 */
import { createHash } from "node:crypto";
import type { ApiReq, ApiRes, ProviderModule, SimCore } from "../core";
import type { OpenAIAccount } from "../types";
import { bearer, isRecord, str } from "../util";

function openaiError(
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
  headers?: Record<string, string>,
): ApiRes {
  return { status, headers, json: { error: { message, type, param, code } } };
}

const ROLES = ["system", "developer", "user", "assistant", "tool", "function"];

/** Text of a message `content`: a string or an array of parts ({type:"text", text}). */
function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((p) => (isRecord(p) && p.type === "text" && typeof p.text === "string" ? p.text : ""))
      .filter(Boolean)
      .join("\n");
  }
  return "";
}

const TOKEN_RE = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Deterministic token count: words and punctuation marks (not OpenAI's BPE, but stable and documented). */
function countTokens(text: string): number {
  return text.match(TOKEN_RE)?.length ?? 0;
}

/** First `max` tokens of `text`, keeping the original spacing. */
function truncateTokens(text: string, max: number): string {
  let n = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    n += 1;
    if (n > max) return text.slice(0, m.index).trimEnd();
  }
  return text;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`;
}

const POSITIVE = ["thanks", "thank", "great", "love", "happy", "perfect", "awesome", "excellent", "good"];
const NEGATIVE = [
  "refund",
  "angry",
  "broken",
  "bad",
  "terrible",
  "cancel",
  "late",
  "never",
  "worst",
  "disappointed",
  "complaint",
];

/** Facts a deterministic "LLM" can pull out of text. */
function extractFacts(text: string) {
  const uniq = (xs: string[]) => [...new Set(xs)];
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  const pos = words.filter((w) => POSITIVE.includes(w)).length;
  const neg = words.filter((w) => NEGATIVE.includes(w)).length;
  return {
    emails: uniq(text.match(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? []),
    phones: uniq((text.match(/\+?\d[\d\s().-]{7,}\d/g) ?? []).map((p) => p.replace(/[^\d+]/g, ""))),
    urls: uniq(text.match(/https?:\/\/[^\s)]+/g) ?? []),
    amounts: uniq(
      text.match(/(?:[$€£]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:USD|EUR|GBP|dollars|euros))/gi) ?? [],
    ),
    dates: uniq(
      text.match(
        /\b(?:\d{4}-\d{2}-\d{2}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|next week|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{1,2})\b/gi,
      ) ?? [],
    ),
    sentiment: pos > neg ? "positive" : neg > pos ? "negative" : "neutral",
  };
}

function summarize(text: string): string {
  const s = sentences(text);
  if (s.length === 0) return "Summary: (empty conversation)";
  return `Summary: ${clip(s.slice(0, 2).join(" "), 240)}`;
}

function draftReply(text: string): string {
  const s = sentences(text);
  const topic = clip(s[0] ?? "your message", 100);
  const facts = extractFacts(text);
  const ack =
    facts.sentiment === "negative"
      ? "I'm sorry for the trouble, and I'm looking into it now."
      : "I'm happy to help with this.";
  return `Hi, thanks for reaching out about "${topic}". ${ack} I'll get back to you shortly with an update.`;
}

/**
 * A conversation sent as data: a JSON user message `{messages: [{from, text}], replyMaxChars?}` (how
 * Switchboard frames a thread for summaries and drafts), or null for any other text.
 */
function conversationOf(text: string): { messages: Array<{ from: string; text: string }>; maxChars?: number } | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(doc) || !Array.isArray(doc.messages)) return null;
  const messages = doc.messages
    .filter(isRecord)
    .map((m) => ({
      from: typeof m.from === "string" ? m.from : "unknown",
      text: typeof m.text === "string" ? m.text : "",
    }))
    .filter((m) => m.text);
  const maxChars = typeof doc.replyMaxChars === "number" && doc.replyMaxChars > 0 ? doc.replyMaxChars : undefined;
  return { messages, maxChars };
}

/** Deterministic summary of a conversation: its size, the customer's first ask, the latest word, who spoke last. */
function summarizeConversation(messages: Array<{ from: string; text: string }>): string {
  if (messages.length === 0) return "Summary: (empty conversation)";
  const customer = messages.filter((m) => m.from === "customer");
  const first = sentences(customer[0]?.text ?? messages[0]!.text)[0] ?? "";
  const last = messages[messages.length - 1]!;
  const parts = [
    `${messages.length} message${messages.length === 1 ? "" : "s"}.`,
    `The customer wrote: "${clip(first, 160)}".`,
  ];
  const latest = sentences(last.text)[0] ?? "";
  if (messages.length > 1 && latest !== first) parts.push(`Latest from the ${last.from}: "${clip(latest, 160)}".`);
  parts.push(last.from === "customer" ? "Waiting for a reply." : "The team replied last.");
  return parts.join(" ");
}

/** The summary or the draft of a conversation document, else of the plain text. */
function summaryOf(text: string): string {
  const conv = conversationOf(text);
  return conv ? summarizeConversation(conv.messages) : summarize(text);
}
function draftOf(text: string): string {
  const conv = conversationOf(text);
  if (!conv) return draftReply(text);
  const lastCustomer = [...conv.messages].reverse().find((m) => m.from === "customer");
  const draft = draftReply(lastCustomer?.text ?? "");
  return conv.maxChars ? clip(draft, conv.maxChars) : draft;
}

/** Fill a JSON schema's properties by name from the extracted facts (unknown ones get a typed empty value). */
function fillSchema(schema: unknown, text: string): unknown {
  const facts = extractFacts(text);
  const byName = (name: string, type: unknown): unknown => {
    const n = name.toLowerCase();
    const pick = (xs: string[]) => (type === "array" ? xs : (xs[0] ?? null));
    if (n.includes("email")) return pick(facts.emails);
    if (n.includes("phone")) return pick(facts.phones);
    if (n.includes("url") || n.includes("link")) return pick(facts.urls);
    if (n.includes("amount") || n.includes("price")) return pick(facts.amounts);
    if (n.includes("date") || n.includes("due")) return pick(facts.dates);
    if (n.includes("sentiment")) return facts.sentiment;
    if (n.includes("summary")) return summaryOf(text);
    if (n.includes("draft") || n === "reply") return draftOf(text);
    if (n.includes("confidence")) return 0.9;
    if (type === "array") return [];
    if (type === "number" || type === "integer") return 0;
    if (type === "boolean") return false;
    if (type === "object") return {};
    return null;
  };
  if (!isRecord(schema) || !isRecord(schema.properties)) return { ...facts, summary: summarize(text) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema.properties)) out[k] = byName(k, isRecord(v) ? v.type : undefined);
  return out;
}

type Task = "extract" | "summary" | "draft" | "echo";

function answer(task: Task, text: string, responseFormat: Record<string, unknown> | undefined): string {
  switch (task) {
    case "extract": {
      const schema = isRecord(responseFormat?.json_schema) ? responseFormat.json_schema.schema : undefined;
      return JSON.stringify(fillSchema(schema, text));
    }
    case "summary":
      return summaryOf(text);
    case "draft":
      return draftOf(text);
    default:
      return `You said: ${clip(sentences(text)[0] ?? "", 200)}`;
  }
}

function chatCompletion(core: SimCore, req: ApiReq): ApiRes {
  const b = req.body;
  if (!isRecord(b))
    return openaiError(400, "We could not parse the JSON body of your request.", "invalid_request_error", null);
  const model = str(b.model);
  if (!model) return openaiError(400, "you must provide a model parameter", "invalid_request_error", null, "model");
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    return openaiError(400, "'messages' must contain at least one message.", "invalid_request_error", null, "messages");
  }
  const msgs: Array<{ role: string; text: string }> = [];
  for (const [i, m] of b.messages.entries()) {
    if (!isRecord(m) || typeof m.role !== "string" || !ROLES.includes(m.role)) {
      return openaiError(
        400,
        `Invalid value for 'messages[${i}].role'.`,
        "invalid_request_error",
        "invalid_value",
        `messages[${i}].role`,
      );
    }
    msgs.push({ role: m.role, text: contentText(m.content) });
  }
  const n = b.n === undefined ? 1 : Number(b.n);
  if (!Number.isInteger(n) || n < 1 || n > 8)
    return openaiError(400, "n must be between 1 and 8", "invalid_request_error", null, "n");
  const responseFormat = isRecord(b.response_format) ? b.response_format : undefined;
  const jsonMode = responseFormat?.type === "json_object" || responseFormat?.type === "json_schema";
  const instructions = msgs
    .filter((m) => m.role === "system" || m.role === "developer")
    .map((m) => m.text)
    .join("\n");
  const userText = msgs
    .filter((m) => m.role === "user")
    .map((m) => m.text)
    .join("\n");
  const lastUser = [...msgs].reverse().find((m) => m.role === "user")?.text ?? "";
  const cue = `${instructions}\n${lastUser}`.toLowerCase();
  const task: Task = jsonMode
    ? "extract"
    : /summar/.test(cue)
      ? "summary"
      : /\bdraft|\breply|\brespond/.test(cue)
        ? "draft"
        : "echo";
  // The conversation to work on: user content, minus a leading instruction line when the prompt is all in one message.
  const text = instructions
    ? userText
    : userText.replace(/^(please )?(summari[sz]e|draft|write|reply)[^\n:]*[:\n]\s*/i, "");

  let content = answer(task, text, responseFormat);
  let finish = "stop";
  const maxRaw = b.max_completion_tokens ?? b.max_tokens;
  if (maxRaw !== undefined && maxRaw !== null) {
    const max = Number(maxRaw);
    if (!Number.isInteger(max) || max < 1)
      return openaiError(400, "max_tokens must be a positive integer", "invalid_request_error", null, "max_tokens");
    if (countTokens(content) > max) {
      content = truncateTokens(content, max);
      finish = "length";
    }
  }
  // OpenAI's documented accounting: ~3 tokens of overhead per message plus 3 priming the reply.
  const promptTokens = 3 + msgs.reduce((sum, m) => sum + 3 + countTokens(m.text), 0);
  const completionTokens = countTokens(content) * n;
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
  const id = `chatcmpl-${createHash("sha256").update(req.rawBody).digest("base64url").slice(0, 29)}`;
  const created = Math.floor(Date.now() / 1000);
  const headers = {
    "openai-model": model,
    "openai-processing-ms": "1",
    "x-request-id": `req_${createHash("sha1").update(`${req.record.seq}`).digest("hex").slice(0, 32)}`,
    "x-ratelimit-limit-requests": "10000",
    "x-ratelimit-remaining-requests": "9999",
  };
  core.recordUsage(model, usage.total_tokens);

  if (b.stream === true) {
    const base = { id, object: "chat.completion.chunk", created, model, system_fingerprint: "fp_provider_sim" };
    const ev = (o: unknown) => `data: ${JSON.stringify(o)}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < n; i++) {
      chunks.push(
        ev({
          ...base,
          choices: [
            { index: i, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null },
          ],
        }),
      );
      for (const piece of content.match(/\S+\s*/g) ?? []) {
        chunks.push(
          ev({ ...base, choices: [{ index: i, delta: { content: piece }, logprobs: null, finish_reason: null }] }),
        );
      }
      chunks.push(ev({ ...base, choices: [{ index: i, delta: {}, logprobs: null, finish_reason: finish }] }));
    }
    if (isRecord(b.stream_options) && b.stream_options.include_usage === true)
      chunks.push(ev({ ...base, choices: [], usage }));
    chunks.push("data: [DONE]\n\n");
    return { status: 200, headers, stream: chunks };
  }

  return {
    status: 200,
    headers,
    json: {
      id,
      object: "chat.completion",
      created,
      model,
      choices: Array.from({ length: n }, (_, index) => ({
        index,
        message: { role: "assistant", content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: finish,
      })),
      usage,
      service_tier: "default",
      system_fingerprint: "fp_provider_sim",
    },
  };
}

function authenticate(core: SimCore, req: ApiReq): OpenAIAccount | ApiRes {
  const token = bearer(req.headers.authorization);
  if (!token) {
    return openaiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      "invalid_request_error",
      null,
    );
  }
  const acc = core.accountByKey("openai", token);
  if (!acc) {
    const shown = token.length > 8 ? `${token.slice(0, 3)}*****${token.slice(-4)}` : "*****";
    return openaiError(401, `Incorrect API key provided: ${shown}.`, "invalid_request_error", "invalid_api_key");
  }
  return acc;
}

const notApplicable = (what: string) => {
  throw new Error(`provider-sim: openai has no ${what}`);
};

export const openai: ProviderModule<"openai"> = {
  id: "openai",
  accountKey: (a) => a.apiKey,
  ownsAddress: () => false,

  handle(core, req) {
    const acc = authenticate(core, req);
    if ("status" in acc) return acc;
    if (req.path === "/v1/chat/completions") {
      if (req.method !== "POST") return openaiError(405, "Method not allowed", "invalid_request_error", null);
      return chatCompletion(core, req);
    }
    if (req.path === "/v1/models" && req.method === "GET") {
      return {
        status: 200,
        json: {
          object: "list",
          data: (acc.models ?? []).map((id) => ({
            id,
            object: "model",
            created: 1_700_000_000,
            owned_by: "provider-sim",
          })),
        },
      };
    }
    return openaiError(404, `Invalid URL (${req.method} ${req.path})`, "invalid_request_error", null);
  },

  faultResponse(_core, mode, retryAfterSeconds) {
    if (mode === "429") {
      return openaiError(
        429,
        "Rate limit reached for requests. Please try again later.",
        "requests",
        "rate_limit_exceeded",
        null,
        {
          "retry-after": String(retryAfterSeconds),
          "x-ratelimit-remaining-requests": "0",
          "x-ratelimit-reset-requests": `${retryAfterSeconds}s`,
          "x-ratelimit-remaining": "0",
        },
      );
    }
    return openaiError(503, "The server is overloaded or not ready yet.", "server_error", null);
  },

  inbound: async () => notApplicable("inbound messages"),
  status: async () => notApplicable("status callbacks"),
  autoStatuses: () => [],
  placeholder: () => notApplicable("messages"),
};
