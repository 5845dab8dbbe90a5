/**
 * Tenant isolation, GENERATED from the function list: every exported, registered, PUBLIC query,
 * mutation and action under convex/ is called by a member of organization B with arguments built
 * from its own `exportArgs()` validator, where every id is a real document of organization A.
 *
 *   1. organizationId = B (B's own org), ids = A's: the call is refused (throws) or returns
 *      nothing of A's (no A document id and no A organizationId anywhere in the result), and
 *      A's documents are unchanged afterwards.
 *   2. organizationId = A as B's member: the call throws.
 *
 * A new public function is covered automatically. When arguments cannot be built for one (an
 * unknown validator shape, an id of a table that cannot be populated), the test fails and
 * lists it. The REST API gets the same treatment: every /api/v1 route (from the OpenAPI
 * document, generated from the Hono routes) with B's key and A's ids -> 404.
 */

import { hmacSha256Hex } from "@switchboard/channels/crypto";
import { makeFunctionReference } from "convex/server";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import { openApiDocument } from "../convex/rest/routes";
import schema from "../convex/schema";
import { postChat, startSession, viewOf } from "./chatWidget";
import { type Backend, newBackend, SECRETS, type SeededOrg, seedOrg, storeUpload } from "./harness";
import {
  genericRequest,
  metaRequest,
  metaText,
  resendInbound,
  resendRequest,
  type SignedRequest,
  twilioSms,
} from "./signers";

type VJSON =
  | { type: "null" | "number" | "bigint" | "boolean" | "string" | "bytes" | "any" | "commitTs" | "float64" | "int64" }
  | { type: "literal"; value: unknown }
  | { type: "id"; tableName: string }
  | { type: "array"; value: VJSON }
  | { type: "record"; keys: VJSON; values: { fieldType: VJSON } | VJSON }
  | { type: "object"; value: Record<string, { fieldType: VJSON; optional: boolean }> }
  | { type: "union"; value: VJSON[] };

interface PublicFunction {
  path: string;
  kind: "query" | "mutation" | "action";
  args: VJSON | null;
}

// ------------------------------------------------------------------------- the function list
// convex.config.ts (component wiring) only evaluates inside the Convex bundler, like the CLI treats it.
const loaded = import.meta.glob(["../convex/**/*.ts", "!../convex/**/convex.config.ts"], { eager: true }) as Record<
  string,
  Record<string, unknown>
>;

function listPublicFunctions(): PublicFunction[] {
  const out: PublicFunction[] = [];
  for (const [file, mod] of Object.entries(loaded)) {
    const rel = file.replace(/^\.\.\/convex\//, "").replace(/\.ts$/, "");
    if (rel.startsWith("_generated/")) continue;
    for (const [name, value] of Object.entries(mod)) {
      const fn = value as {
        isQuery?: boolean;
        isMutation?: boolean;
        isAction?: boolean;
        isPublic?: boolean;
        isRouter?: boolean;
        exportArgs?: () => string;
      };
      if (!fn || (typeof fn !== "object" && typeof fn !== "function") || fn.isRouter) continue;
      const kind = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : null;
      if (!kind || !fn.isPublic) continue;
      const args = typeof fn.exportArgs === "function" ? (JSON.parse(fn.exportArgs()) as VJSON) : null;
      out.push({ path: `${rel}:${name}`, kind, args });
    }
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

const FUNCTIONS = listPublicFunctions();
const SCHEMA = JSON.parse((schema as unknown as { export(): string }).export()) as {
  tables: { tableName: string; documentType: VJSON | null }[];
};

// ------------------------------------------------------------------------------- fixtures
const ENDPOINTS = (n: number) => ({
  phone: `+1415555070${n}`,
  vonagePhone: `+1415555071${n}`,
  phoneNumberId: `30000000000000${n}`,
  inboundEmail: `support@tenant${n}.example.com`,
  customSlug: `tenant-crm-${n}`,
  chatSlug: `tenant-site-${n}`,
});
const A_PHONE = "+14155557777";
/** A file A uploaded and claimed for a reply. */
let aFile = "";
/** A real visitor token of A's chat widget: visitor functions get it as their `token`. */
let aVisitorToken = "";
const A_EMAIL = "maya@northwind.example";

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;
/** table -> ids of A's documents (created by real flows, else generated from the schema). */
const aIds = new Map<string, string[]>();
let aIdSet = new Set<string>();
const unbuildable: string[] = [];

class CannotBuild extends Error {}

const asMember = (org: SeededOrg) => t.withIdentity(org.identity);

async function post(req: SignedRequest) {
  const res = await t.fetch(req.path, req.init);
  if (res.status !== 200) throw new Error(`${req.path} answered ${res.status}: ${await res.text()}`);
}

/** Every document of organization A (its org row included), for snapshots and id lookups. */
async function snapshotA(): Promise<Map<string, string>> {
  const entries = await t.run(async (ctx) => {
    const out: [string, string][] = [];
    for (const { tableName } of SCHEMA.tables) {
      for (const doc of await ctx.db.query(tableName as never).collect()) {
        const d = doc as { _id: string; organizationId?: string };
        if (d._id === a.organizationId || d.organizationId === a.organizationId) out.push([d._id, JSON.stringify(doc)]);
      }
    }
    return out;
  });
  return new Map(entries);
}

async function indexA() {
  const docs = await t.run(async (ctx) => {
    const out: [string, string][] = [];
    for (const { tableName } of SCHEMA.tables) {
      for (const doc of await ctx.db.query(tableName as never).collect()) {
        const d = doc as { _id: string; organizationId?: string };
        if (d._id === a.organizationId || d.organizationId === a.organizationId) out.push([tableName, d._id]);
      }
    }
    return out;
  });
  aIds.clear();
  for (const [table, id] of docs) aIds.set(table, [...(aIds.get(table) ?? []), id]);
  aIdSet = new Set(docs.map(([, id]) => id));
}

// ------------------------------------------------------------------------ argument builder
interface BuildCtx {
  /** organizationId for the call (B's or A's). */
  organizationId: string;
  /** What the value is for, for messages. */
  where: string;
  /** How many ids of each table this argument object used so far (two contact ids differ). */
  used?: Map<string, number>;
}

/** A's document in `table`, creating one from the schema's document validator when A has none. */
async function idOf(table: string, where: string, depth = 0, used?: Map<string, number>): Promise<string> {
  if (table === "organizations") return a.organizationId;
  const existing = aIds.get(table);
  if (existing?.length) {
    const k = used?.get(table) ?? 0;
    used?.set(table, k + 1);
    return existing[k % existing.length]!;
  }
  if (depth > 6) throw new CannotBuild(`${where}: id chain too deep at table "${table}"`);
  if (table === "_storage") {
    // A's own claimed reply attachment (messages/files.ts): B may neither claim nor send it.
    if (aFile) return aFile;
    const id = await t.run((ctx) => ctx.storage.store(new Blob(["tenancy"])));
    aIds.set(table, [id]);
    return id;
  }
  const def = SCHEMA.tables.find((x) => x.tableName === table);
  if (!def)
    throw new CannotBuild(`${where}: id of table "${table}", which has no schema to generate an org-A document from`);
  if (def.documentType?.type !== "object")
    throw new CannotBuild(`${where}: table "${table}" has no object document validator`);
  const doc = (await build(
    def.documentType,
    "",
    { organizationId: a.organizationId, where: `${where} -> new ${table} document` },
    depth + 1,
    true,
  )) as Record<string, unknown>;
  if (!("organizationId" in doc))
    throw new CannotBuild(`${where}: table "${table}" has no organizationId, so it has no org-A documents`);
  const id = await t.run((ctx) => ctx.db.insert(table as never, doc as never));
  aIds.set(table, [id as string]);
  aIdSet.add(id as string);
  return id as string;
}

function sampleString(field: string): string {
  const f = field.toLowerCase();
  if (f.includes("email")) return A_EMAIL;
  if (f.includes("phone") || f === "identifier" || f === "value" || f === "query" || f === "search") return A_PHONE;
  // full-text search terms: a word of A's first SMS, so B's search has A's message as a candidate
  if (f === "q") return "contract";
  if (f.includes("url")) return "https://tenancy.example/x";
  // Inbox tools: a label colour and a saved-reply shortcut in their valid shapes, so the calls
  // reach the tenant checks instead of stopping at validation.
  if (f === "color") return "#3366ff";
  if (f === "shortcut") return "tenancy";
  if (f === "cursor") return "";
  if (f === "token" && aVisitorToken) return aVisitorToken;
  if (f.includes("timezone")) return "UTC";
  if (f.includes("region")) return "US";
  return "tenancy_probe";
}

async function build(v: VJSON, field: string, ctx: BuildCtx, depth = 0, forDoc = false): Promise<unknown> {
  switch (v.type) {
    case "id":
      return v.tableName === "organizations" ? ctx.organizationId : idOf(v.tableName, ctx.where, depth, ctx.used);
    case "string":
      return sampleString(field);
    case "number":
    case "float64":
      if (field.toLowerCase().includes("numitems")) return 10;
      // Timestamps (snooze until, due dates) in the future; other numbers small.
      return /until|At$|due/i.test(field) ? Date.now() + 86_400_000 : 1;
    case "bigint":
    case "int64":
      return 1n;
    case "boolean":
      return true;
    case "null":
      return null;
    case "literal":
      return v.value;
    case "any":
      return {};
    case "bytes":
      return new ArrayBuffer(8);
    case "array":
      return [await build(v.value, field, ctx, depth, forDoc)];
    case "record":
      return {};
    case "union": {
      // Prefer a branch that carries ids (more attack surface), else the first buildable one.
      const order = [...v.value].sort(
        (x, y) => Number(JSON.stringify(y).includes('"id"')) - Number(JSON.stringify(x).includes('"id"')),
      );
      let last: unknown;
      for (const branch of order) {
        try {
          return await build(branch, field, ctx, depth, forDoc);
        } catch (e) {
          last = e;
        }
      }
      throw last instanceof Error ? last : new CannotBuild(`${ctx.where}: empty union at "${field}"`);
    }
    case "object": {
      if (field === "paginationOpts" || ("numItems" in v.value && "cursor" in v.value))
        return { numItems: 10, cursor: null };
      const out: Record<string, unknown> = {};
      for (const [name, { fieldType, optional }] of Object.entries(v.value)) {
        // Optional fields are left out, except in function args where they carry ids.
        if (optional && (forDoc || !JSON.stringify(fieldType).includes('"id"'))) continue;
        if (optional && JSON.stringify(fieldType).includes('"_scheduled_functions"')) continue;
        out[name] = await build(fieldType, name, ctx, depth, forDoc);
      }
      return out;
    }
    default:
      throw new CannotBuild(`${ctx.where}: unknown validator type "${(v as { type: string }).type}" at "${field}"`);
  }
}

function hasOrganizationArg(fn: PublicFunction): boolean {
  return fn.args?.type === "object" && "organizationId" in fn.args.value;
}

async function argsFor(fn: PublicFunction, organizationId: string): Promise<Record<string, unknown>> {
  if (!fn.args) return {};
  if (fn.args.type !== "object")
    throw new CannotBuild(`${fn.path}: args validator is "${fn.args.type}", not an object`);
  return (await build(fn.args, "", { organizationId, where: fn.path, used: new Map() })) as Record<string, unknown>;
}

async function call(
  fn: PublicFunction,
  args: Record<string, unknown>,
  as: SeededOrg = b,
): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  const asB = asMember(as);
  try {
    const value =
      fn.kind === "query"
        ? await asB.query(makeFunctionReference<"query">(fn.path), args)
        : fn.kind === "mutation"
          ? await asB.mutation(makeFunctionReference<"mutation">(fn.path), args)
          : await asB.action(makeFunctionReference<"action">(fn.path), args);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error };
  }
}

function leakedIds(value: unknown): string[] {
  const found = new Set<string>();
  const walk = (x: unknown) => {
    if (typeof x === "string") {
      if (x === a.organizationId || aIdSet.has(x)) found.add(x);
    } else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") Object.values(x).forEach(walk);
  };
  walk(value);
  return [...found];
}

// ------------------------------------------------------------------------------------ setup
beforeAll(async () => {
  // No public function may reach the network on behalf of another tenant's ids.
  vi.stubGlobal("fetch", async () => {
    throw new Error("network disabled in the tenancy test");
  });
  t = newBackend();
  a = await seedOrg(t, "tenant-a", ENDPOINTS(1));
  b = await seedOrg(t, "tenant-b", ENDPOINTS(2));
  const A = ENDPOINTS(1);
  // Real org-A data through the real pipeline: contacts, identities, threads, messages, events.
  await post(
    twilioSms(A_PHONE, A.phone, "Hi, I'll send the signed contract by Friday", "SM7777000000000000000000000000000A"),
  );
  await post(twilioSms("+14155557778", A.phone, "Second customer here", "SM7777000000000000000000000000000B"));
  await post(
    metaRequest(
      metaText(A.phoneNumberId, "14155557777", "Maya Chen", [{ id: "wamid.tenancy.1", body: "WhatsApp hello" }]),
    ),
  );
  await post(
    resendRequest(
      resendInbound(
        `Maya Chen <${A_EMAIL}>`,
        A.inboundEmail,
        "Renewal",
        "Let's renew. Maya Chen, Northwind",
        "em-tenancy-1",
      ),
    ),
  );
  await post(
    genericRequest(A.customSlug, { id: "gen-tenancy-1", from: { id: "crm-user-1", name: "Ops" }, text: "CRM note" }),
  );
  // A's SLA policy (business hours, targets, CSAT on): B's threads/sla get and save must neither
  // read nor overwrite it, and A's chat thread below gets real SLA timers.
  await asMember(a).mutation(api.threads.sla.save, {
    organizationId: a.organizationId,
    businessHours: {
      timeZone: "Europe/Paris",
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, startMinute: 540, endMinute: 1020 })),
      holidays: ["2026-12-25"],
    },
    firstResponseMinutes: 60,
    nextResponseMinutes: 120,
    resolutionMinutes: 2880,
    csatEnabled: true,
  });
  // A's team with its own SLA policy: B's teamPolicies must not list it, B's saveTeam/removeTeam must not touch it.
  const aTeam = await asMember(a).mutation(api.threads.teams.create, {
    organizationId: a.organizationId,
    name: "A team",
    policy: "manual",
    channels: ["sms"],
  });
  await asMember(a).mutation(api.threads.sla.saveTeam, {
    organizationId: a.organizationId,
    teamId: aTeam,
    firstResponseMinutes: 30,
  });
  // A chat visitor of A (verified), typing, and A's owner reading the thread: real rows of the
  // chat, typing-indicator and read-marker tables, and a real token for the visitor functions.
  const userHash = await hmacSha256Hex(SECRETS.chatIdentitySecret, "tenancy-user");
  const session = await startSession(t, A.chatSlug, { userId: "tenancy-user", userHash, email: A_EMAIL });
  aVisitorToken = session.token;
  const chat = await postChat(t, A.chatSlug, session.token, { clientMessageId: "tenancy-1", text: "Chat hello" });
  if (chat.status !== 200) throw new Error(`chat answered ${chat.status}`);
  await t.mutation(api.chat.visitor.setTyping, { ...viewOf(session), typing: true });
  const chatThread = (await t.query(api.chat.visitor.listMessages, viewOf(session))).messages[0]!;
  const threadId = await t.run(async (ctx) => (await ctx.db.get(chatThread._id))!.threadId);
  await asMember(a).mutation(api.threads.typing.setTyping, {
    organizationId: a.organizationId,
    threadId,
    typing: true,
  });
  await asMember(a).mutation(api.threads.threads.markRead, { organizationId: a.organizationId, threadId });
  // Typing rows expire by a scheduled job 6 s later, which would delete them in the middle of some
  // later function's snapshot: keep them for the whole file (cancel the expiries, extend the rows).
  await t.run(async (ctx) => {
    for (const job of await ctx.db.system.query("_scheduled_functions").collect()) {
      if (job.name.includes("typing") && job.state.kind === "pending") await ctx.scheduler.cancel(job._id);
    }
    for (const row of await ctx.db.query("typingIndicators").collect()) {
      await ctx.db.patch(row._id, { typingUntil: Date.now() + 24 * 3_600_000 });
    }
  });
  await asMember(a).action(api.rest.apiKeys.create, { organizationId: a.organizationId, name: "A key" });
  // An automation rule of A naming A's label, and a real run of it (the run log B must not read).
  const aLabel = await asMember(a).mutation(api.threads.labels.create, {
    organizationId: a.organizationId,
    name: "tenancy",
    color: "#3366ff",
  });
  await asMember(a).mutation(api.automation.rules.create, {
    organizationId: a.organizationId,
    name: "A's rule",
    trigger: "thread.statusChanged",
    conditions: [{ kind: "label", labelId: aLabel }],
    actions: [{ kind: "setPriority", priority: "high" }],
  });
  await asMember(a).mutation(api.threads.labels.addToThread, {
    organizationId: a.organizationId,
    threadId,
    labelId: aLabel,
  });
  const ran = await t.mutation(internal.automation.triggers.evaluate, {
    organizationId: a.organizationId,
    eventId: "tenancy-event",
    trigger: "thread.statusChanged",
    threadId,
  });
  if (ran !== 1) throw new Error(`A's rule ran ${ran} times`);
  const upload = await storeUpload(t, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]), "image/png");
  const claimed = await asMember(a).mutation(api.messages.files.claim, {
    organizationId: a.organizationId,
    storageId: upload,
    filename: "a.png",
  });
  if (!claimed.ok) throw new Error(claimed.error);
  aFile = upload;
  await indexA();
});

afterAll(() => {
  vi.unstubAllGlobals();
});

// ------------------------------------------------------------------------------------ tests
describe("tenant isolation of every public function (generated)", () => {
  test("the function list is found", () => {
    expect(FUNCTIONS.length).toBeGreaterThan(10);
    console.log(`[tenancy] ${FUNCTIONS.length} public functions:`, FUNCTIONS.map((f) => f.path).join(", "));
  });

  test.each(FUNCTIONS.map((f) => [f.path, f] as const))(
    "%s: B's member with A's ids is refused or sees nothing of A's",
    async (_path, fn) => {
      let args: Record<string, unknown>;
      try {
        args = await argsFor(fn, b.organizationId);
      } catch (e) {
        if (e instanceof CannotBuild) {
          unbuildable.push(`${fn.path}: ${e.message}`);
          throw new Error(`cannot build arguments for ${fn.path}: ${e.message}`);
        }
        throw e;
      }
      await indexA();
      const before = await snapshotA();
      const result = await call(fn, args);
      const after = await snapshotA();
      if (result.ok) {
        expect(leakedIds(result.value), `${fn.path} returned org A's data to B's member`).toEqual([]);
      }
      const changed = [...before].filter(([id, json]) => after.get(id) !== json).map(([id]) => id);
      const added = [...after.keys()].filter((id) => !before.has(id));
      expect({ changed, added }, `${fn.path} modified org A's data on behalf of B's member`).toEqual({
        changed: [],
        added: [],
      });
    },
  );

  test.each(FUNCTIONS.filter(hasOrganizationArg).map((f) => [f.path, f] as const))(
    "%s: organizationId = A as B's member throws",
    async (_path, fn) => {
      let args: Record<string, unknown>;
      try {
        args = await argsFor(fn, a.organizationId);
      } catch (e) {
        if (e instanceof CannotBuild) throw new Error(`cannot build arguments for ${fn.path}: ${e.message}`);
        throw e;
      }
      const before = await snapshotA();
      const result = await call(fn, args);
      expect(
        result.ok,
        `${fn.path} accepted organizationId of another tenant: ${result.ok ? JSON.stringify(result.value)?.slice(0, 300) : ""}`,
      ).toBe(false);
      const after = await snapshotA();
      expect([...before].filter(([id, json]) => after.get(id) !== json).map(([id]) => id)).toEqual([]);
    },
  );

  test("arguments could be built for every public function", () => {
    expect(unbuildable, `no arguments for:\n${unbuildable.join("\n")}`).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------- REST API
describe("REST API v1: B's key with A's ids", () => {
  let keyB = "";
  const ID_TABLES = ["conversationThreads", "contacts", "unifiedMessages", "contactIdentities", "channelConfigs"];
  // A's claimed file too: B's key can neither claim it (POST /api/v1/files/claim) nor name it.
  const aRefIds = () => [...ID_TABLES.flatMap((tb) => (aIds.get(tb) ?? []).slice(0, 1)), aFile];
  const rest = (method: string, path: string, body?: unknown) =>
    t.fetch(path, {
      method,
      headers: {
        authorization: `Bearer ${keyB}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });

  beforeAll(async () => {
    keyB = (await asMember(b).action(api.rest.apiKeys.create, { organizationId: b.organizationId, name: "B key" })).key;
    await indexA();
  });

  /** Every (method, path template) of the API: the OpenAPI document plus registered extra routes. */
  function routes(): { method: string; template: string; requestSchema?: JsonSchema }[] {
    const doc = openApiDocument("https://tenancy.test") as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
    };
    const out: { method: string; template: string; requestSchema?: JsonSchema }[] = [];
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!["get", "post", "patch", "put", "delete"].includes(method)) continue;
        out.push({
          method: method.toUpperCase(),
          template,
          requestSchema: op.requestBody?.content["application/json"]?.schema,
        });
      }
    }
    return out;
  }

  type JsonSchema = {
    type?: string | string[];
    properties?: Record<string, JsonSchema>;
    required?: string[];
    items?: JsonSchema;
    enum?: unknown[];
    format?: string;
    minItems?: number;
  };

  function bodyFrom(schema: JsonSchema | undefined, idValue: string, field = ""): unknown {
    if (!schema) return {};
    if (schema.enum) return schema.enum[0];
    const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === "object" || schema.properties) {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(k) || /Id$/.test(k) || k === "text" || k === "displayName")
          out[k] = bodyFrom(s, idValue, k);
      }
      return out;
    }
    if (type === "array") return [bodyFrom(schema.items, idValue, field)];
    if (type === "number" || type === "integer") return 1;
    if (type === "boolean") return true;
    if (/Id$/.test(field)) return idValue;
    if (field === "channel") return "sms";
    if (field === "identifier") return A_PHONE;
    return "tenancy probe";
  }

  test("the route list is found", () => {
    const list = routes();
    expect(list.length).toBeGreaterThan(3);
    console.log(`[tenancy] REST routes:`, list.map((r) => `${r.method} ${r.template}`).join(", "));
  });

  test("every route with a path id of A answers 404 and changes nothing", async () => {
    const failures: string[] = [];
    for (const r of routes().filter((x) => x.template.includes("{"))) {
      for (const id of aRefIds()) {
        const path = r.template.replace(/\{[^}]+\}/g, id);
        const before = await snapshotA();
        const res = await rest(r.method, path, r.method === "GET" ? undefined : bodyFrom(r.requestSchema, id));
        const text = await res.text();
        if (res.status !== 404) failures.push(`${r.method} ${path} -> ${res.status} ${text.slice(0, 200)}`);
        const leaked = leakedIds(text.length ? safeJson(text) : null);
        if (leaked.length) failures.push(`${r.method} ${path} leaked ${leaked.join(",")}`);
        const after = await snapshotA();
        if ([...before].some(([k, v]) => after.get(k) !== v))
          failures.push(`${r.method} ${path} modified org A's data`);
      }
    }
    expect(failures).toEqual([]);
  });

  test("every route without a path id: A's ids in the body -> 404, lists show nothing of A's", async () => {
    const failures: string[] = [];
    for (const r of routes().filter((x) => !x.template.includes("{"))) {
      if (r.template.endsWith("openapi.json")) continue;
      if (r.method === "GET") {
        const res = await rest("GET", r.template);
        const text = await res.text();
        if (res.status >= 500) failures.push(`GET ${r.template} -> ${res.status}`);
        const leaked = leakedIds(safeJson(text));
        if (leaked.length) failures.push(`GET ${r.template} leaked ${leaked.join(",")}`);
        continue;
      }
      const probeBody = bodyFrom(r.requestSchema, aRefIds()[0]!) as Record<string, unknown>;
      const carriesId = Object.keys(probeBody).some((k) => /Id$/.test(k));
      for (const id of carriesId ? aRefIds() : [aRefIds()[0]!]) {
        const before = await snapshotA();
        const res = await rest(r.method, r.template, bodyFrom(r.requestSchema, id));
        const text = await res.text();
        if (carriesId && res.status !== 404)
          failures.push(`${r.method} ${r.template} with A's ${id} -> ${res.status} ${text.slice(0, 200)}`);
        if (res.status >= 500) failures.push(`${r.method} ${r.template} -> ${res.status}`);
        // A conflict naming A's contact would reveal that A knows this identifier.
        const leaked = leakedIds(safeJson(text));
        if (leaked.length) failures.push(`${r.method} ${r.template} leaked ${leaked.join(",")}`);
        const after = await snapshotA();
        if ([...before].some(([k, v]) => after.get(k) !== v) || after.size !== before.size)
          failures.push(`${r.method} ${r.template} modified org A's data`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe("control", () => {
  // Control, run last because it may change A's data: the generated arguments are good enough
  // that A's own member gets through with them for most functions, so the refusals above come
  // from the tenant checks, not from arguments every caller would be refused with.
  test("control: A's own member is accepted by most functions with the same generated arguments", async () => {
    const accepted: string[] = [];
    const refused: string[] = [];
    for (const fn of FUNCTIONS) {
      const result = await call(fn, await argsFor(fn, a.organizationId), a);
      if (result.ok) accepted.push(fn.path);
      else
        refused.push(
          `${fn.path}: ${String((result.error as Error)?.message ?? result.error)
            .split("\n")[0]!
            .slice(0, 160)}`,
        );
    }
    console.log(
      `[tenancy] control: ${accepted.length}/${FUNCTIONS.length} accepted for A's own member; refused:\n  ${refused.join("\n  ")}`,
    );
    expect(accepted.length / FUNCTIONS.length).toBeGreaterThanOrEqual(0.6);
  });
});

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
