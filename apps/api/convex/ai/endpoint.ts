/**
 * The organization's OpenAI-compatible endpoint: which base URLs are accepted, and one bounded
 * chat-completions call. Hand-written instead of the `openai` SDK: Convex's default runtime has
 * fetch, and the SDK would add retries and a client we would have to bound the same way.
 *
 * URL rules: the same policy as every admin-entered provider URL (packages/channels urlPolicy:
 * https to a public host; loopback/private only for origins in SWITCHBOARD_PRIVATE_ORIGIN_ALLOWLIST).
 * Convex functions cannot resolve DNS, so a public name that resolves to a private address is a
 * residual risk (see SECURITY.md); redirects are never followed.
 */
import { checkOutboundUrl, urlPolicyFromEnv } from "@switchboard/channels/urlPolicy";
import { z } from "zod";

export const AI_TIMEOUT_MS = 20_000;
/** Largest answer body read from the endpoint. */
export const AI_MAX_RESPONSE_BYTES = 256 * 1024;
export const DEFAULT_MAX_TOKENS = 800;

/** The normalised base URL, or an error saying which rule it breaks (the shared URL policy). */
export function checkBaseUrl(raw: string): { ok: true; url: string } | { ok: false; error: string } {
  const checked = checkOutboundUrl(raw, urlPolicyFromEnv(process.env));
  if (!checked.ok) return { ok: false, error: `The URL is refused: ${checked.reason}` };
  const u = checked.url;
  if (u.search || u.hash) return { ok: false, error: "The URL must not have a query or fragment" };
  return { ok: true, url: `${u.origin}${u.pathname.replace(/\/+$/, "")}` };
}

/** fetch, with the network cause in the message ("fetch failed" alone says nothing), never the body. */
async function fetchOrExplain(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why =
      err instanceof Error && err.name === "TimeoutError"
        ? "timed out"
        : (cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)));
    throw new Error(`endpoint unreachable: ${why}`);
  }
}

const completionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable() }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() })
    .partial()
    .optional(),
  model: z.string().optional(),
});

export interface ChatResult {
  content: string;
  finishReason: string | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number };
}

/** One chat completion with a JSON-schema answer format. Throws with a short reason (never the key or the body). */
export async function chatCompletion(opts: {
  baseUrl: string;
  apiKey: string;
  model: string;
  messages: Array<{ role: "system" | "user"; content: string }>;
  schema: { name: string; schema: unknown };
  maxTokens?: number;
}): Promise<ChatResult> {
  const checked = checkBaseUrl(opts.baseUrl); // again at call time: the allowlist may have changed
  if (!checked.ok) throw new Error(`endpoint refused: ${checked.error}`);
  const res = await fetchOrExplain(`${checked.url}/chat/completions`, {
    method: "POST",
    redirect: "manual",
    signal: AbortSignal.timeout(AI_TIMEOUT_MS),
    headers: { "content-type": "application/json", authorization: `Bearer ${opts.apiKey}` },
    body: JSON.stringify({
      model: opts.model,
      temperature: 0,
      max_tokens: opts.maxTokens ?? DEFAULT_MAX_TOKENS,
      response_format: {
        type: "json_schema",
        json_schema: { name: opts.schema.name, strict: true, schema: opts.schema.schema },
      },
      messages: opts.messages,
    }),
  });
  if (res.status >= 300 && res.status < 400)
    throw new Error(`endpoint answered a redirect (${res.status}), not followed`);
  if (!res.ok) throw new Error(`endpoint answered HTTP ${res.status}`);
  const text = await res.text();
  if (text.length > AI_MAX_RESPONSE_BYTES) throw new Error("endpoint answer too large");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error("endpoint answer is not JSON");
  }
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) throw new Error("endpoint answer is not a chat completion");
  const choice = parsed.data.choices[0]!;
  const u = parsed.data.usage ?? {};
  return {
    content: choice.message.content ?? "",
    finishReason: choice.finish_reason ?? null,
    usage: {
      promptTokens: u.prompt_tokens ?? 0,
      completionTokens: u.completion_tokens ?? 0,
      totalTokens: u.total_tokens ?? (u.prompt_tokens ?? 0) + (u.completion_tokens ?? 0),
    },
  };
}
