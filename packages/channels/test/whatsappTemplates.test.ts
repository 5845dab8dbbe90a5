/**
 * Template listing and filling. Response shape from Meta's message templates API
 * (developers.facebook.com/docs/graph-api/reference/whats-app-business-account/message_templates):
 * `{data:[{id, name, language, status, category, parameter_format, components}], paging:{cursors:{before, after}, next?}}`.
 */
import { describe, expect, it } from "vitest";
import { listWhatsAppTemplates } from "../src/adapters/metaTemplates";
import type { AdapterContext } from "../src/types";
import {
  parseMetaTemplate,
  renderTemplate,
  templateComponents,
  templateValueErrors,
  templateVariables,
} from "../src/whatsappTemplates";

const requestUpdate = {
  id: "1345098733321772",
  name: "request_update",
  language: "en_US",
  status: "APPROVED",
  category: "UTILITY",
  parameter_format: "POSITIONAL",
  components: [
    { type: "HEADER", format: "TEXT", text: "Update for {{1}}" },
    { type: "BODY", text: "Hi {{1}}, your request {{2}}: {{3}}. Reply to continue." },
    { type: "FOOTER", text: "Reply STOP to opt out" },
    { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Thanks" }] },
  ],
};

function ctxWith(pages: Record<string, unknown>[], seen: string[]): AdapterContext {
  return {
    credentials: { accessToken: "EAAtoken" },
    settings: { wabaId: "102290129340398", apiBaseUrl: "https://graph.test" },
    fetch: async (input, init) => {
      const url = new URL(String(input));
      seen.push(url.pathname + url.search);
      expect((init?.headers ?? {}) as Record<string, string>).toHaveProperty("authorization", "Bearer EAAtoken");
      const after = url.searchParams.get("after");
      const index = after ? Number(after.replace("c", "")) + 1 : 0;
      return Response.json(pages[index] ?? { data: [] });
    },
  };
}

describe("parseMetaTemplate", () => {
  it("keeps approved text templates with their variables", () => {
    const t = parseMetaTemplate(requestUpdate)!;
    expect(t).toMatchObject({
      name: "request_update",
      language: "en_US",
      header: "Update for {{1}}",
      headerVariables: ["1"],
      bodyVariables: ["1", "2", "3"],
      buttons: ["Thanks"],
      footer: "Reply STOP to opt out",
    });
  });

  it("drops what an agent cannot send from the composer", () => {
    expect(parseMetaTemplate({ ...requestUpdate, status: "PAUSED" })).toBeNull();
    expect(parseMetaTemplate({ ...requestUpdate, status: "PENDING" })).toBeNull();
    expect(parseMetaTemplate({ ...requestUpdate, category: "AUTHENTICATION" })).toBeNull();
    expect(
      parseMetaTemplate({
        ...requestUpdate,
        components: [
          { type: "HEADER", format: "IMAGE" },
          { type: "BODY", text: "x" },
        ],
      }),
    ).toBeNull();
    expect(parseMetaTemplate({ name: "x", language: "en", status: "APPROVED", components: [] })).toBeNull();
    expect(parseMetaTemplate("junk")).toBeNull();
  });
});

describe("filling a template", () => {
  const t = parseMetaTemplate(requestUpdate)!;
  it("renders a preview and the send components", () => {
    const values = { header: ["Maya"], body: ["Maya", "#1042", "shipped"] };
    expect(renderTemplate(t, values)).toBe(
      "Update for Maya\n\nHi Maya, your request #1042: shipped. Reply to continue.\n\nReply STOP to opt out",
    );
    expect(templateComponents(t, values)).toEqual([
      { type: "header", parameters: [{ type: "text", text: "Maya" }] },
      {
        type: "body",
        parameters: [
          { type: "text", text: "Maya" },
          { type: "text", text: "#1042" },
          { type: "text", text: "shipped" },
        ],
      },
    ]);
    expect(templateValueErrors(t, values)).toEqual([]);
  });

  it("shows placeholders and reports missing or invalid values", () => {
    expect(renderTemplate(t, { header: [], body: ["Maya"] })).toContain("your request [2]: [3]");
    expect(templateValueErrors(t, { header: [""], body: ["a", "b\nc", "x".repeat(2000)] })).toEqual([
      "Header variable {{1}} is empty",
      "Body variable {{2}} has a new line, tab or 5 spaces",
      "Body variable {{3}} is too long",
    ]);
  });

  it("sends named parameters with their names", () => {
    const named = parseMetaTemplate({
      ...requestUpdate,
      parameter_format: "NAMED",
      components: [{ type: "BODY", text: "Hi {{first_name}}, order {{order}} ({{first_name}})" }],
    })!;
    expect(templateVariables(named.body)).toEqual(["first_name", "order"]);
    expect(templateComponents(named, { header: [], body: ["Ann", "7"] })).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "first_name", text: "Ann" },
          { type: "text", parameter_name: "order", text: "7" },
        ],
      },
    ]);
  });
});

describe("listWhatsAppTemplates", () => {
  it("follows the after cursor and stops at the last page", async () => {
    const seen: string[] = [];
    const pages = [
      { data: [requestUpdate], paging: { cursors: { before: "b0", after: "c0" }, next: "https://graph.test/next" } },
      {
        data: [
          { ...requestUpdate, language: "es" },
          { ...requestUpdate, name: "paused", status: "PAUSED" },
        ],
        paging: { cursors: { before: "b1", after: "c1" } },
      },
    ];
    const out = await listWhatsAppTemplates(ctxWith(pages, seen));
    expect(out.ok && out.templates.map((t) => `${t.name}/${t.language}`)).toEqual([
      "request_update/en_US",
      "request_update/es",
    ]);
    expect(out.ok && out.truncated).toBe(false);
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatch(/^\/v21\.0\/102290129340398\/message_templates\?fields=/);
    expect(seen[1]).toContain("after=c0");
  });

  it("reads at most maxPages pages and says the list was cut", async () => {
    const seen: string[] = [];
    const endless = Array.from({ length: 50 }, (_, i) => ({
      data: [{ ...requestUpdate, name: `t${i}` }],
      paging: { cursors: { after: `c${i}` }, next: "https://graph.test/next" },
    }));
    const out = await listWhatsAppTemplates(ctxWith(endless, seen), { maxPages: 3 });
    expect(seen).toHaveLength(3);
    expect(out).toMatchObject({ ok: true, truncated: true });
  });

  it("reports Graph errors and a missing WABA id without calling out", async () => {
    const seen: string[] = [];
    const ctx = ctxWith([], seen);
    expect(await listWhatsAppTemplates({ ...ctx, settings: {} })).toMatchObject({ ok: false });
    expect(seen).toHaveLength(0);
    const failing: AdapterContext = {
      ...ctx,
      fetch: async () =>
        Response.json(
          { error: { message: "Invalid OAuth access token.", type: "OAuthException", code: 190 } },
          { status: 401 },
        ),
    };
    expect(await listWhatsAppTemplates(failing)).toEqual({ ok: false, error: "Invalid OAuth access token." });
  });
});
