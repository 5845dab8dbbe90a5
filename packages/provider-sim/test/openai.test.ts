/**
 * Deterministic OpenAI-compatible chat completions, with the official `openai` SDK as client.
 * https://platform.openai.com/docs/api-reference/chat/create
 * https://platform.openai.com/docs/api-reference/chat/streaming
 * https://platform.openai.com/docs/guides/error-codes
 */
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./helpers";

let h: Harness;
let ai: OpenAI;
beforeAll(async () => {
  h = await startHarness();
  ai = new OpenAI({ apiKey: h.acc.openai.apiKey, baseURL: h.sim.baseUrls.openai, maxRetries: 0, timeout: 5_000 });
});
afterAll(async () => {
  await h.close();
});
beforeEach(() => {
  h.sim.reset();
});

const conversation =
  "My order #1042 arrived broken and I want a refund. You can reach me at ana@example.com or +1 415 555 0100. I need it resolved by Friday.";

describe("chat completions", () => {
  it("answers a summary derived from the input, echoes the model and counts tokens deterministically", async () => {
    const req = {
      model: "my-org-model",
      messages: [
        { role: "system" as const, content: "Summarize the conversation." },
        { role: "user" as const, content: conversation },
      ],
    };
    const a = await ai.chat.completions.create(req);
    expect(a.model).toBe("my-org-model");
    expect(a.object).toBe("chat.completion");
    expect(a.choices[0]!.finish_reason).toBe("stop");
    expect(a.choices[0]!.message.content).toBe(
      "Summary: My order #1042 arrived broken and I want a refund. You can reach me at ana@example.com or +1 415 555 0100.",
    );
    const b = await ai.chat.completions.create(req);
    expect(b.usage).toEqual(a.usage);
    expect(b.choices[0]!.message.content).toBe(a.choices[0]!.message.content);
    expect(a.usage!.total_tokens).toBe(a.usage!.prompt_tokens + a.usage!.completion_tokens);
    expect(h.sim.aiUsage()).toEqual({ "my-org-model": { requests: 2, totalTokens: 2 * a.usage!.total_tokens } });
    // The recorded request carries the SDK's Bearer key.
    expect(h.sim.requests("openai")[0]!.headers.authorization).toBe(`Bearer ${h.acc.openai.apiKey}`);
  });

  it("counts prompt tokens as 3 + per message (3 + words and punctuation)", async () => {
    const r = await ai.chat.completions.create({
      model: "m",
      messages: [
        { role: "system", content: "Be brief." }, // Be, brief, . = 3
        { role: "user", content: "Hello world!" }, // Hello, world, ! = 3
      ],
    });
    expect(r.usage!.prompt_tokens).toBe(3 + (3 + 3) + (3 + 3));
    expect(r.choices[0]!.message.content).toBe("You said: Hello world!");
    expect(r.usage!.completion_tokens).toBe(6); // You, said, :, Hello, world, !
  });

  it("drafts a reply that quotes the customer's topic", async () => {
    const r = await ai.chat.completions.create({
      model: "m",
      messages: [
        { role: "system", content: "Draft a reply to the customer." },
        { role: "user", content: conversation },
      ],
    });
    const text = r.choices[0]!.message.content!;
    expect(text).toContain('"My order #1042 arrived broken and I want a refund."');
    expect(text).toContain("sorry");
  });

  it("JSON mode answers extraction prompts with parseable JSON", async () => {
    const obj = await ai.chat.completions.create({
      model: "m",
      response_format: { type: "json_object" },
      messages: [
        { role: "system", content: "Extract contact details as JSON." },
        { role: "user", content: conversation },
      ],
    });
    const facts = JSON.parse(obj.choices[0]!.message.content!);
    expect(facts).toMatchObject({
      emails: ["ana@example.com"],
      phones: ["+14155550100"],
      sentiment: "negative",
      dates: ["Friday"],
    });

    const schema = await ai.chat.completions.create({
      model: "m",
      response_format: {
        type: "json_schema",
        json_schema: {
          name: "contact",
          schema: {
            type: "object",
            properties: {
              email: { type: "string" },
              phoneNumbers: { type: "array" },
              dueDate: { type: "string" },
              jobTitle: { type: "string" },
            },
          },
        },
      },
      messages: [{ role: "user", content: conversation }],
    });
    expect(JSON.parse(schema.choices[0]!.message.content!)).toEqual({
      email: "ana@example.com",
      phoneNumbers: ["+14155550100"],
      dueDate: "Friday",
      jobTitle: null,
    });
  });

  it("summarises and drafts from a conversation document (json_schema), deterministically", async () => {
    const doc = (task: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        task,
        ...extra,
        messages: [
          { from: "customer", text: "My parcel never arrived. Order 77." },
          { from: "agent", text: "Sorry! Checking with the courier." },
          { from: "customer", text: "It is late again, I want a refund. Today please." },
        ],
      });
    const ask = async (field: string, content: string) => {
      const r = await ai.chat.completions.create({
        model: "m",
        messages: [
          { role: "system", content: "Answer with the JSON object." },
          { role: "user", content },
        ],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: field,
            strict: true,
            schema: { type: "object", properties: { [field]: { type: "string" } }, required: [field] },
          },
        },
      });
      return JSON.parse(r.choices[0]!.message.content!) as Record<string, string>;
    };
    expect(await ask("summary", doc("summary"))).toEqual({
      summary:
        '3 messages. The customer wrote: "My parcel never arrived.". Latest from the customer: "It is late again, I want a refund.". Waiting for a reply.',
    });
    const { draft } = await ask("draft", doc("draft"));
    // Answers the last customer message (negative: apologetic), not the first one.
    expect(draft).toBe(
      "Hi, thanks for reaching out about \"It is late again, I want a refund.\". I'm sorry for the trouble, and I'm looking into it now. I'll get back to you shortly with an update.",
    );
    // replyMaxChars bounds the draft (the SMS length hint).
    const short = await ask("draft", doc("draft", { replyMaxChars: 40 }));
    expect([...short.draft!].length).toBeLessThanOrEqual(40);
    expect(await ask("draft", doc("draft"))).toEqual({ draft });
  });

  it("streams the same content, with usage when asked", async () => {
    const plain = await ai.chat.completions.create({
      model: "m",
      messages: [{ role: "user", content: `Summarize this: ${conversation}` }],
    });
    const stream = await ai.chat.completions.create({
      model: "m",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: `Summarize this: ${conversation}` }],
    });
    let text = "";
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(plain.choices[0]!.message.content);
    // The instruction line is not part of the summarised text.
    expect(text).toBe(
      "Summary: My order #1042 arrived broken and I want a refund. You can reach me at ana@example.com or +1 415 555 0100.",
    );
    expect(usage).toMatchObject({
      prompt_tokens: plain.usage!.prompt_tokens,
      completion_tokens: plain.usage!.completion_tokens,
    });
  });

  it("honours max_tokens with finish_reason length", async () => {
    const r = await ai.chat.completions.create({
      model: "m",
      max_tokens: 4,
      messages: [
        { role: "system", content: "Summarize." },
        { role: "user", content: conversation },
      ],
    });
    expect(r.choices[0]!.finish_reason).toBe("length");
    expect(r.choices[0]!.message.content).toBe("Summary: My order");
    expect(r.usage!.completion_tokens).toBe(4);
  });

  it("rejects a wrong key and a missing model with OpenAI's error shape", async () => {
    const bad = new OpenAI({ apiKey: "sk-wrong-key-123456", baseURL: h.sim.baseUrls.openai, maxRetries: 0 });
    await expect(
      bad.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({
      status: 401,
      code: "invalid_api_key",
    });
    const res = await fetch(`${h.sim.baseUrls.openai}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.acc.openai.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: "x" }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        message: "you must provide a model parameter",
        type: "invalid_request_error",
        param: "model",
        code: null,
      },
    });
    expect(h.sim.aiUsage()).toEqual({});
  });

  it("lists models", async () => {
    const list = await ai.models.list();
    expect(list.data.map((m) => m.id)).toEqual(["sim-gpt-4o-mini"]);
  });
});

describe("chat completion faults", () => {
  it("5xx and 429 like the other providers, then healthy", async () => {
    h.sim.fail("openai", { mode: "5xx", count: 1 });
    await expect(
      ai.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toMatchObject({
      status: 503,
    });
    h.sim.fail("openai", { mode: "429", count: 1, retryAfterSeconds: 3 });
    const res = await fetch(`${h.sim.baseUrls.openai}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.acc.openai.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "x" }] }),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("rate_limit_exceeded");
    const ok = await ai.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] });
    expect(ok.choices[0]!.message.content).toBe("You said: x");
  });

  it("slow: answers normally after the delay; a client timeout fires first", async () => {
    h.sim.fail("openai", { mode: "slow", delayMs: 400, count: 2 });
    const t0 = Date.now();
    const r = await ai.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);
    expect(r.choices[0]!.message.content).toBe("You said: x");
    const impatient = new OpenAI({
      apiKey: h.acc.openai.apiKey,
      baseURL: h.sim.baseUrls.openai,
      maxRetries: 0,
      timeout: 100,
    });
    await expect(
      impatient.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] }),
    ).rejects.toThrow(/timed out/i);
  });
});
