/**
 * Unused uploads (messages/uploads.ts) with fake time: files claimed or uploaded and never sent
 * are deleted after 24 hours, blobs uploaded to an upload URL and never claimed after 2, in bounded
 * pages that continue themselves; a file a message names and inbound media are never touched.
 * An organization's pending uploads are capped: more upload URLs or direct uploads are refused
 * (dashboard: an error; REST: 429 too_many_pending_uploads with Retry-After), nothing stored.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { recordOwnedFile } from "../convex/messages/files";
import { MAX_PENDING_UPLOADS, SWEEP_BATCH, UNCLAIMED_BLOB_TTL_MS } from "../convex/messages/uploads";
import { type Backend, newBackend, type SeededOrg, seedOrg, storeUpload } from "./harness";
import { twilioSms } from "./signers";

const HOUR = 60 * 60_000;
const ENDPOINTS = {
  phone: "+14155550701",
  vonagePhone: "+14155550711",
  phoneNumberId: "700000000000001",
  inboundEmail: "support@uploads.example.com",
  customSlug: "crm-uploads",
  chatSlug: "site-uploads",
};

let t: Backend;
let a: SeededOrg;
let key: string;
let threadId: string;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(56).fill(1)]);
const org = () => ({ organizationId: a.organizationId });
const owner = () => t.withIdentity(a.identity);

const rest = (path: string, init: RequestInit = {}) =>
  t.fetch(path, {
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) },
  });
const uploadDirect = async () => {
  const res = await rest("/api/v1/files", { method: "POST", body: PNG, headers: { "content-type": "image/png" } });
  expect(res.status).toBe(201);
  return (await res.json()).id as Id<"_storage">;
};
/** The composer's flow: an upload URL, the bytes stored (as the URL would), then the claim. */
const dashboardUpload = async () => {
  await owner().mutation(api.messages.files.generateUploadUrl, org());
  const storageId = await storeUpload(t, PNG, "image/png");
  const claimed = await owner().mutation(api.messages.files.claim, { ...org(), storageId, filename: "a.png" });
  expect(claimed.ok).toBe(true);
  return storageId;
};

const exists = (id: Id<"_storage">) =>
  t.run(async (ctx) => ({
    blob: (await ctx.db.system.get(id)) !== null,
    owned:
      (await ctx.db
        .query("messageFiles")
        .withIndex("by_storage", (q) => q.eq("storageId", id))
        .first()) !== null,
  }));
const pendingRows = () => t.run(async (ctx) => (await ctx.db.query("pendingUploads").collect()).length);
const blobCount = () => t.run(async (ctx) => (await ctx.db.system.query("_storage").collect()).length);
const sweep = () => t.mutation(internal.messages.uploads.sweep, {});

beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-11-25T12:00:00Z"));
  t = newBackend();
  a = await seedOrg(t, "uploads", ENDPOINTS);
  key = (await owner().action(api.rest.apiKeys.create, { ...org(), name: "CRM" })).key;
  const r = twilioSms("+14155559977", ENDPOINTS.phone, "Send me the photo", "SM99990000000000000000000000000077");
  expect((await t.fetch(r.path, r.init)).status).toBe(200);
  threadId = (await (await rest("/api/v1/threads")).json()).data[0]._id;
});

afterEach(() => {
  vi.useRealTimers();
});

describe("the sweep", () => {
  test("deletes what was never claimed after 2 h and never sent after 24 h; keeps sent files and inbound media; idempotent", async () => {
    const start = Date.now();
    const sent = await uploadDirect();
    const res = await rest("/api/v1/messages", {
      method: "POST",
      body: JSON.stringify({ threadId, text: "Here", attachments: [{ fileId: sent }] }),
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(202);
    const unsentDirect = await uploadDirect();
    const unsentDashboard = await dashboardUpload();
    // A REST upload URL used, never claimed.
    expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status).toBe(200);
    const neverClaimed = await storeUpload(t, PNG, "image/png");
    // Inbound media: owned by the organization from the start (messages/attachments.ts recordMedia).
    const inbound = await t.run(async (ctx) => {
      const storageId = await ctx.storage.store(new Blob([PNG], { type: "image/png" }));
      await recordOwnedFile(ctx, {
        ...org(),
        storageId,
        contentType: "image/png",
        size: PNG.byteLength,
        filename: "in",
      });
      return storageId;
    });
    expect(await pendingRows()).toBe(3); // two unsent files and the REST URL (the dashboard's was claimed)

    // After the hour the upload URL is dead: its row goes; the blob is not yet two hours old.
    vi.setSystemTime(start + 90 * 60_000);
    expect(await sweep()).toEqual({ expiredUrls: 1, staleFiles: 0, unclaimed: 0, more: false });
    for (const id of [sent, unsentDirect, unsentDashboard, neverClaimed, inbound])
      expect((await exists(id)).blob).toBe(true);

    // Two hours on, nobody can claim the blob any more: it goes; the unsent files wait for their day.
    vi.setSystemTime(start + 2 * HOUR + 1000);
    expect(await sweep()).toEqual({ expiredUrls: 0, staleFiles: 0, unclaimed: 1, more: false });
    expect(await exists(neverClaimed)).toEqual({ blob: false, owned: false });
    for (const id of [unsentDirect, unsentDashboard]) expect(await exists(id)).toEqual({ blob: true, owned: true });

    // A blob stored just before the day's sweep is too young for it.
    vi.setSystemTime(start + 24 * HOUR + 30 * 60_000);
    const younger = await storeUpload(t, PNG, "image/png");
    vi.setSystemTime(start + 25 * HOUR);
    expect(await sweep()).toEqual({ expiredUrls: 0, staleFiles: 2, unclaimed: 0, more: false });
    expect(await exists(sent)).toEqual({ blob: true, owned: true });
    expect(await exists(inbound)).toEqual({ blob: true, owned: true });
    for (const id of [unsentDirect, unsentDashboard])
      expect(await exists(id), id).toEqual({ blob: false, owned: false });
    expect(await exists(younger)).toEqual({ blob: true, owned: false });
    expect(await pendingRows()).toBe(0);

    // Again: nothing to do. Later the younger one goes too, and the sent file still stays.
    expect(await sweep()).toEqual({ expiredUrls: 0, staleFiles: 0, unclaimed: 0, more: false });
    vi.setSystemTime(start + 27 * HOUR);
    expect(await sweep()).toMatchObject({ unclaimed: 1 });
    expect(await blobCount()).toBe(2); // sent + inbound
    // The sent message's attachment is still served from storage.
    const listed = await (await rest(`/api/v1/threads/${threadId}/messages?limit=1`)).json();
    expect(listed.data[0].attachments).toMatchObject([{ contentType: "image/png", size: PNG.byteLength }]);
  });

  test("a large backlog goes in pages of SWEEP_BATCH, each scheduling the next", async () => {
    const total = SWEEP_BATCH * 2 + 30;
    await t.run(async (ctx) => {
      for (let i = 0; i < total; i++) await ctx.storage.store(new Blob([PNG], { type: "image/png" }));
    });
    vi.setSystemTime(Date.now() + UNCLAIMED_BLOB_TTL_MS + 1000);
    expect(await sweep()).toEqual({ expiredUrls: 0, staleFiles: 0, unclaimed: SWEEP_BATCH, more: true });
    expect(await blobCount()).toBe(total - SWEEP_BATCH);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await blobCount()).toBe(0);
    const runs = await t.run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).filter((j) => j.name.endsWith("uploads:sweep")),
    );
    expect(runs.map((j) => j.state.kind)).toEqual(["success", "success"]); // the 2nd and 3rd page
  });
});

describe("pending uploads are capped per organization and source", () => {
  test("upload URLs and direct uploads beyond MAX_PENDING_UPLOADS are refused, nothing stored; the API's and the dashboard's are apart; they free up", async () => {
    const firstAt = Date.now() + 6_000;
    // The API's allowance, an upload URL every 6 s (the key's bucket refills one each 6 s).
    for (let i = 0; i < MAX_PENDING_UPLOADS; i++) {
      vi.setSystemTime(Date.now() + 6_000);
      expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status, `url ${i}`).toBe(200);
    }
    vi.setSystemTime(Date.now() + 6_000);
    const url = await rest("/api/v1/files/upload-url", { method: "POST" });
    expect(url.status).toBe(429);
    expect((await url.json()).error.code).toBe("too_many_pending_uploads");
    // Retry-After: when the oldest URL expires and frees a slot.
    expect(Number(url.headers.get("retry-after"))).toBe(Math.ceil((firstAt + HOUR - Date.now()) / 1000));
    const blobs = await blobCount();
    const direct = await rest("/api/v1/files", { method: "POST", body: PNG, headers: { "content-type": "image/png" } });
    expect(direct.status).toBe(429);
    expect(await blobCount()).toBe(blobs);
    expect(await pendingRows()).toBe(MAX_PENDING_UPLOADS);

    // The integration has not used up the agents' allowance; they have their own.
    for (let i = 0; i < MAX_PENDING_UPLOADS; i++) await owner().mutation(api.messages.files.generateUploadUrl, org());
    await expect(owner().mutation(api.messages.files.generateUploadUrl, org())).rejects.toThrow(/uploads are pending/);

    // A claim turns a URL into a file: still pending, still capped.
    const storageId = await storeUpload(t, PNG, "image/png");
    const claimed = await rest("/api/v1/files/claim", {
      method: "POST",
      body: JSON.stringify({ storageId }),
      headers: { "content-type": "application/json" },
    });
    expect(claimed.status).toBe(201);
    expect(await pendingRows()).toBe(2 * MAX_PENDING_UPLOADS);
    vi.setSystemTime(Date.now() + 6_000);
    expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status).toBe(429);

    // Sending the claimed file frees its slot (one, for the API only).
    const sent = await rest("/api/v1/messages", {
      method: "POST",
      body: JSON.stringify({ threadId, attachments: [{ fileId: storageId }] }),
      headers: { "content-type": "application/json" },
    });
    expect(sent.status).toBe(202);
    vi.setSystemTime(Date.now() + 6_000);
    expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status).toBe(200);
    vi.setSystemTime(Date.now() + 6_000);
    expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status).toBe(429);
    await expect(owner().mutation(api.messages.files.generateUploadUrl, org())).rejects.toThrow(/pending/);

    // Unused URLs stop counting once they expire (an hour), before any sweep: the oldest left is
    // the second (the claim used up the first).
    vi.setSystemTime(firstAt + 6_000 + HOUR - 1000);
    expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status).toBe(429);
    vi.setSystemTime(firstAt + 6_000 + HOUR + 1000);
    expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status).toBe(200);
  });

  test("a direct upload that passed the early check is refused where it is recorded when others filled the cap meanwhile: its blob is deleted", async () => {
    // Concurrent uploads all pass the check made before the body is read; the recording mutation
    // decides. Here the cap fills between the two (one URL short, then the last slot taken).
    for (let i = 0; i < MAX_PENDING_UPLOADS - 1; i++) {
      vi.setSystemTime(Date.now() + 6_000);
      expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status, `url ${i}`).toBe(200);
    }
    const raced = await storeUpload(t, PNG, "image/png");
    vi.setSystemTime(Date.now() + 6_000);
    expect((await rest("/api/v1/files/upload-url", { method: "POST" })).status).toBe(200);
    const recorded = await t.mutation(internal.rest.files.record, {
      ...org(),
      storageId: raced,
      contentType: "image/png",
    });
    expect(recorded).toMatchObject({ refused: { message: expect.stringMatching(/uploads are pending/) } });
    expect(await exists(raced)).toEqual({ blob: false, owned: false });
    expect(await pendingRows()).toBe(MAX_PENDING_UPLOADS);
    // Under the cap the same mutation records the file, as the route answers it.
    await t.run(async (ctx) => {
      const url = await ctx.db.query("pendingUploads").first();
      if (url) await ctx.db.delete(url._id);
    });
    const kept = await storeUpload(t, PNG, "image/png");
    const ok = await t.mutation(internal.rest.files.record, { ...org(), storageId: kept, contentType: "image/png" });
    expect(ok).toMatchObject({ file: { id: kept, contentType: "image/png", size: PNG.byteLength } });
    expect(await exists(kept)).toEqual({ blob: true, owned: true });
  });
});
