/**
 * REST v1 attachments over real HTTP: POST /api/v1/files stores a file for the key's organization
 * (type from Content-Type, size counted from the body, limits of the channel's descriptor: Twilio
 * MMS 5 MB, https://www.twilio.com/docs/sms/accepted-mime-types), and POST /api/v1/messages sends
 * it by id; larger files go to an upload URL and are claimed (POST /api/v1/files/claim). Refusals
 * (no key, wrong type, too large, another organization's file) store nothing.
 */
import { beforeEach, describe, expect, test } from "vitest";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { REST_UPLOAD_MAX_BYTES } from "../convex/rest/files";
import { type Backend, newBackend, type SeededOrg, seedOrg, storeUpload } from "./harness";
import { twilioSms } from "./signers";

const MB = 1024 * 1024;
const ENDPOINTS = (n: number) => ({
  phone: `+1415555040${n}`,
  vonagePhone: `+1415555041${n}`,
  phoneNumberId: `30000000000000${n}`,
  inboundEmail: `support@files${n}.example.com`,
  customSlug: `crm-files-${n}`,
  chatSlug: `site-files-${n}`,
});

let t: Backend;
let a: SeededOrg;
let b: SeededOrg;
let keyA: string;
let keyB: string;
let threadA: string;

/** PNG signature and padding: `size` bytes in all. */
const png = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return bytes;
};

const upload = (key: string | null, body: BodyInit, contentType: string, query = "") =>
  t.fetch(`/api/v1/files${query}`, {
    method: "POST",
    body,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), "content-type": contentType },
  });

const send = (key: string, body: object) =>
  t.fetch("/api/v1/messages", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
  });

/** Stored blobs, the organizations' file rows and outbound messages: what a refusal must leave alone. */
const stored = () =>
  t.run(async (ctx) => ({
    blobs: (await ctx.db.system.query("_storage").collect()).length,
    files: (await ctx.db.query("messageFiles").collect()).length,
    outbound: (await ctx.db.query("unifiedMessages").collect()).filter((m) => m.direction === "outbound").length,
  }));

beforeEach(async () => {
  t = newBackend();
  a = await seedOrg(t, "files-a", ENDPOINTS(1));
  b = await seedOrg(t, "files-b", ENDPOINTS(2));
  const owner = (org: SeededOrg) => t.withIdentity(org.identity);
  keyA = (await owner(a).action(api.rest.apiKeys.create, { organizationId: a.organizationId, name: "CRM" })).key;
  keyB = (await owner(b).action(api.rest.apiKeys.create, { organizationId: b.organizationId, name: "B" })).key;
  const r = twilioSms("+14155559998", ENDPOINTS(1).phone, "Send me the photo", "SM99990000000000000000000000000002");
  expect((await t.fetch(r.path, r.init)).status).toBe(200);
  const threads = await (await t.fetch("/api/v1/threads", { headers: { authorization: `Bearer ${keyA}` } })).json();
  threadA = threads.data[0]._id;
});

describe("POST /api/v1/files", () => {
  test("stores the body as the organization's file: type from Content-Type, size counted, name cleaned", async () => {
    const res = await upload(
      keyA,
      png(2048),
      "image/PNG; charset=binary",
      "?filename=..%2F..%2Fphoto%22.png&channel=sms",
    );
    expect(res.status).toBe(201);
    const file = await res.json();
    expect(file).toEqual({ id: expect.any(String), contentType: "image/png", size: 2048, filename: "photo.png" });
    const row = await t.run((ctx) =>
      ctx.db
        .query("messageFiles")
        .withIndex("by_org_storage", (q) =>
          q.eq("organizationId", a.organizationId).eq("storageId", file.id as Id<"_storage">),
        )
        .unique(),
    );
    expect(row).toMatchObject({ contentType: "image/png", size: 2048, filename: "photo.png" });
    const head = await t.run(async (ctx) => {
      const blob = await ctx.storage.get(file.id as Id<"_storage">);
      return [...new Uint8Array(await blob!.arrayBuffer()).slice(0, 4)];
    });
    expect(head).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  test("without a key: 401, nothing stored", async () => {
    const res = await upload(null, png(100), "image/png");
    expect(res.status).toBe(401);
    expect(await stored()).toEqual({ blobs: 0, files: 0, outbound: 0 });
  });

  test("a type no channel (or the named channel) sends: 415; a channel without attachments: 422; nothing stored", async () => {
    const cases: [string, string, number, string][] = [
      ["text/html", "", 415, "unsupported_media_type"],
      ["image/svg+xml", "", 415, "unsupported_media_type"],
      ["application/x-msdownload", "", 415, "unsupported_media_type"],
      ["application/octet-stream", "", 415, "unsupported_media_type"],
      ["application/zip", "?channel=sms", 415, "unsupported_media_type"], // Resend sends zip, Twilio MMS does not
      ["image/png", "?channel=webhook", 422, "cannot_send"],
      ["image/png", "?channel=fax", 400, "invalid_request"],
    ];
    for (const [type, query, status, code] of cases) {
      const res = await upload(keyA, png(100), type, query);
      expect(res.status, `${type} ${query}`).toBe(status);
      expect((await res.json()).error.code).toBe(code);
    }
    expect((await upload(keyA, new Uint8Array(0), "image/png")).status).toBe(400);
    expect(await stored()).toEqual({ blobs: 0, files: 0, outbound: 0 });
  });

  test("larger than the channel takes for the type: 413; over the 20 MB body limit: 413; nothing stored", async () => {
    const overMms = await upload(keyA, png(5 * MB + 1), "image/png", "?channel=sms");
    expect(overMms.status).toBe(413);
    expect((await overMms.json()).error).toMatchObject({ code: "payload_too_large" });
    expect((await upload(keyA, png(5 * MB), "image/png", "?channel=sms")).status).toBe(201);
    const overAll = await upload(keyA, png(REST_UPLOAD_MAX_BYTES + 1), "application/pdf");
    expect(overAll.status).toBe(413);
    // A chunked body (no Content-Length) is counted as it arrives.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(png(MB));
        controller.close();
      },
    });
    const res = await t.fetch("/api/v1/files?channel=sms", {
      method: "POST",
      body: chunks,
      headers: { authorization: `Bearer ${keyA}`, "content-type": "image/png" },
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await stored()).toMatchObject({ blobs: 1, files: 1 }); // the 5 MB one only
  });
});

const claim = (key: string, body: object) =>
  t.fetch("/api/v1/files/claim", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
  });
const blobExists = (id: Id<"_storage">) => t.run(async (ctx) => (await ctx.db.system.get(id)) !== null);

describe("larger files: an upload URL, then POST /api/v1/files/claim", () => {
  test("an upload URL needs a key", async () => {
    const res = await t.fetch("/api/v1/files/upload-url", {
      method: "POST",
      headers: { authorization: `Bearer ${keyA}` },
    });
    expect(res.status).toBe(200);
    expect(typeof (await res.json()).uploadUrl).toBe("string");
    expect((await t.fetch("/api/v1/files/upload-url", { method: "POST" })).status).toBe(401);
  });

  test("a 30 MB PDF (over the direct upload's 20 MB) is claimed with type and size from storage, once", async () => {
    // What the upload URL stores: the bytes with the Content-Type the integrator sent.
    const storageId = await storeUpload(t, new Uint8Array(30 * MB), "application/pdf");
    const res = await claim(keyA, { storageId, filename: "contract.pdf", channel: "whatsapp" });
    expect(res.status).toBe(201);
    const file = await res.json();
    expect(file).toEqual({ id: storageId, contentType: "application/pdf", size: 30 * MB, filename: "contract.pdf" });
    // Claiming again answers the same file; another organization cannot have it.
    expect(await (await claim(keyA, { storageId })).json()).toEqual(file);
    const theirs = await claim(keyB, { storageId });
    expect(theirs.status).toBe(404);
    expect(await stored()).toMatchObject({ blobs: 1, files: 1 });
    // The direct endpoint says where such a file goes.
    const direct = await upload(keyA, new Uint8Array(REST_UPLOAD_MAX_BYTES + 1), "application/pdf");
    expect(direct.status).toBe(413);
    expect((await direct.json()).error.message).toMatch(/upload-url/);
  });

  test("refused claims answer 413/415/404 and delete the upload (nobody could send it)", async () => {
    const bigForMms = await storeUpload(t, png(6 * MB), "image/png");
    const overMms = await claim(keyA, { storageId: bigForMms, channel: "sms" });
    expect(overMms.status).toBe(413);
    expect(await blobExists(bigForMms)).toBe(false);
    const html = await storeUpload(t, "<script>alert(1)</script>", "text/html");
    expect((await claim(keyA, { storageId: html })).status).toBe(415);
    expect(await blobExists(html)).toBe(false);
    for (const storageId of ["not-an-id", threadA, bigForMms]) {
      const res = await claim(keyA, { storageId });
      expect(res.status, storageId).toBe(404);
    }
    expect(await stored()).toEqual({ blobs: 0, files: 0, outbound: 0 });
  });
});

describe("attachments on POST /api/v1/messages", () => {
  test("an uploaded file goes out with the message (with or without text)", async () => {
    const file = await (await upload(keyA, png(4096), "image/png", "?filename=shot.png")).json();
    const res = await send(keyA, {
      threadId: threadA,
      text: "Here it is",
      attachments: [{ fileId: file.id, caption: "The shot" }],
    });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    const message = await t.run((ctx) => ctx.db.get(id as Id<"unifiedMessages">));
    expect(message).toMatchObject({
      direction: "outbound",
      text: "Here it is",
      attachments: [
        { storageId: file.id, contentType: "image/png", size: 4096, filename: "shot.png", caption: "The shot" },
      ],
    });
    const alone = await send(keyA, { threadId: threadA, attachments: [{ fileId: file.id }] });
    expect(alone.status).toBe(202);
    // The message is listed with its attachment.
    const listed = await (
      await t.fetch(`/api/v1/threads/${threadA}/messages?limit=1`, { headers: { authorization: `Bearer ${keyA}` } })
    ).json();
    expect(listed.data[0].attachments).toMatchObject([{ contentType: "image/png", size: 4096 }]);
  });

  test("another organization's file, or an id that is no file: 404, nothing queued", async () => {
    const theirs = await (await upload(keyB, png(1000), "image/png")).json();
    const before = await stored();
    for (const fileId of [theirs.id, "not-a-file", threadA]) {
      const res = await send(keyA, { threadId: threadA, text: "x", attachments: [{ fileId }] });
      expect(res.status, fileId).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    expect(await stored()).toEqual(before);
    // B's key cannot send into A's thread with its own file either.
    expect((await send(keyB, { threadId: threadA, text: "x", attachments: [{ fileId: theirs.id }] })).status).toBe(404);
    expect(await stored()).toEqual(before);
  });

  test("the send checks the channel's own limits: a 6 MB image uploaded for any channel cannot go out as MMS", async () => {
    const big = await upload(keyA, png(6 * MB), "image/png"); // Resend takes it, so the upload is fine
    expect(big.status).toBe(201);
    const before = await stored();
    const res = await send(keyA, { threadId: threadA, text: "big", attachments: [{ fileId: (await big.json()).id }] });
    expect(res.status).toBe(422);
    expect((await res.json()).error).toMatchObject({ code: "cannot_send", message: expect.stringMatching(/5 MB/) });
    expect(await stored()).toEqual(before);
  });

  test("more attachments than any channel sends: 400", async () => {
    const attachments = Array.from({ length: 21 }, () => ({ fileId: "x" }));
    expect((await send(keyA, { threadId: threadA, text: "x", attachments })).status).toBe(400);
  });
});

test("the OpenAPI document describes the upload and the attachments", async () => {
  const doc = await (await t.fetch("/api/v1/openapi.json")).json();
  const upload = doc.paths["/api/v1/files"].post;
  expect(Object.keys(upload.requestBody.content)).toEqual(expect.arrayContaining(["image/png", "application/pdf"]));
  expect(Object.keys(upload.requestBody.content)).not.toContain("text/html");
  expect(Object.keys(upload.responses)).toEqual(expect.arrayContaining(["201", "401", "413", "415"]));
  const sendBody = doc.paths["/api/v1/messages"].post.requestBody.content["application/json"].schema;
  expect(sendBody.properties.attachments.items.properties.fileId.type).toBe("string");
});
