/**
 * Issue 14, item 10: sender-supplied attachment URLs. Only http(s) URLs are kept, media is
 * copied server-side into file storage under SSRF, type, size and time rules, and readers get
 * the stored copy (remote URLs are never handed out as something to load).
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import { checkMediaUrl, PRIVATE_ORIGIN_ALLOWLIST_ENV } from "../../convex/lib/mediaUrl";
import { downloadMedia, safeInboundAttachments } from "../../convex/messages/attachments";
import { postChat, startSession, viewOf } from "../chatWidget";
import { type Backend, newBackend, ORG_A, type SeededOrg, seedOrg } from "../harness";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

function respond(body: BodyInit | null, init: ResponseInit & { headers?: Record<string, string> }) {
  return new Response(body, init);
}

describe("only http(s) attachment URLs are kept", () => {
  test("javascript:, data:, file: and other schemes are dropped; media ids stay", () => {
    const kept = safeInboundAttachments([
      { url: "javascript:alert(document.cookie)", filename: "click-me.png" },
      { url: "JaVaScRiPt:alert(1)" },
      { url: "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==" },
      { url: "file:///etc/passwd" },
      { url: "vbscript:msgbox(1)" },
      { url: "not a url" },
      { url: "https://cdn.example.com/photo.png", contentType: "image/png" },
      { url: "http://files.example.org/doc.pdf" },
      { url: "data:image/png;base64,AAAA", mediaId: "meta-media-1" },
    ]);
    expect(kept).toEqual([
      { url: "https://cdn.example.com/photo.png", contentType: "image/png" },
      { url: "http://files.example.org/doc.pdf" },
      { mediaId: "meta-media-1" },
    ]);
  });
});

describe("SSRF rules for media fetches", () => {
  afterEach(() => {
    delete process.env[PRIVATE_ORIGIN_ALLOWLIST_ENV];
  });

  test("loopback, private, link-local and local names are refused in every spelling", () => {
    for (const url of [
      "http://localhost/x.png",
      "http://LOCALHOST./x.png",
      "http://app.localhost/x.png",
      "http://127.0.0.1:3210/api/storage/x",
      "http://0x7f000001/x.png",
      "http://2130706433/x.png",
      "http://0177.0.0.1/x.png",
      "http://127.1/x.png",
      "http://0.0.0.0/x.png",
      "http://[::1]/x.png",
      "http://[::]/x.png",
      "http://[::ffff:127.0.0.1]/x.png",
      "http://[::ffff:a9fe:a9fe]/x.png",
      "http://[fc00::1]/x.png",
      "http://[fd12:3456::1]/x.png",
      "http://[fe80::1]/x.png",
      "http://10.1.2.3/x.png",
      "http://172.16.0.1/x.png",
      "http://192.168.1.1/x.png",
      "http://169.254.169.254/latest/meta-data/",
      "http://100.64.0.1/x.png",
      "http://metadata.google.internal/x",
      "http://printer.local/x.png",
      "http://intranet/x.png",
      "https://user:pass@cdn.example.com/x.png",
      "ftp://cdn.example.com/x.png",
      "javascript:alert(1)",
    ]) {
      expect(checkMediaUrl(url).ok, url).toBe(false);
    }
    for (const url of ["https://cdn.example.com/x.png", "http://93.184.216.34/x.png", "https://[2606:4700::1111]/x"]) {
      expect(checkMediaUrl(url).ok, url).toBe(true);
    }
  });

  test("a private origin is allowed only when listed exactly (the provider simulator in pnpm dev)", () => {
    process.env[PRIVATE_ORIGIN_ALLOWLIST_ENV] = "http://127.0.0.1:3220";
    expect(checkMediaUrl("http://127.0.0.1:3220/media/1.png").ok).toBe(true);
    expect(checkMediaUrl("http://127.0.0.1:3210/api/storage/x").ok).toBe(false);
    expect(checkMediaUrl("http://localhost:3220/media/1.png").ok).toBe(false);
  });
});

describe("downloadMedia", () => {
  test("stores an image whose bytes match its type, without credentials or cookies", async () => {
    const seen: RequestInit[] = [];
    const fake = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      seen.push(init ?? {});
      return respond(PNG, { status: 200, headers: { "content-type": "image/png; charset=binary" } });
    });
    const result = await downloadMedia("https://cdn.example.com/p.png", { fetch: fake as typeof fetch });
    expect(result).toEqual({ ok: true, bytes: PNG, contentType: "image/png" });
    expect(seen[0]!.redirect).toBe("manual");
    expect(seen[0]!.credentials).toBe("omit");
    expect(new Headers(seen[0]!.headers).get("authorization")).toBeNull();
  });

  test("a redirect to a private address is refused before it is requested", async () => {
    const fake = vi.fn(async () =>
      respond(null, { status: 302, headers: { location: "http://169.254.169.254/latest/" } }),
    );
    const result = await downloadMedia("https://cdn.example.com/p.png", { fetch: fake as typeof fetch });
    expect(result).toEqual({ ok: false, error: "refused: link-local addresses are not fetched" });
    expect(fake).toHaveBeenCalledTimes(1);
  });

  test("redirect chains are bounded", async () => {
    const fake = vi.fn(async () => respond(null, { status: 301, headers: { location: "/again" } }));
    expect((await downloadMedia("https://cdn.example.com/p", { fetch: fake as typeof fetch })).ok).toBe(false);
    expect(fake).toHaveBeenCalledTimes(4);
  });

  test("HTML, SVG, unknown types and images that are not images are refused", async () => {
    for (const [type, body] of [
      ["text/html", "<script>alert(1)</script>"],
      ["image/svg+xml", "<svg onload=alert(1)>"],
      ["application/x-msdownload", "MZ"],
      ["", new Uint8Array([0x3f])],
      ["image/png", "<html>not a png</html>"],
    ] as [string, BodyInit][]) {
      const fake = async () => respond(body, { status: 200, headers: type ? { "content-type": type } : {} });
      const result = await downloadMedia("https://cdn.example.com/x", { fetch: fake as typeof fetch });
      expect(result.ok, type).toBe(false);
    }
  });

  test("the size is capped while reading, whatever Content-Length says", async () => {
    const big = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(PNG);
          for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(1024));
          controller.close();
        },
      });
    const lying = async () =>
      respond(big(), { status: 200, headers: { "content-type": "image/png", "content-length": "10" } });
    expect(
      await downloadMedia("https://cdn.example.com/x", { fetch: lying as typeof fetch, maxBytes: 8 * 1024 }),
    ).toEqual({
      ok: false,
      error: "larger than 8192 bytes",
    });
    const declared = async () =>
      respond(PNG, { status: 200, headers: { "content-type": "image/png", "content-length": "99999999" } });
    expect((await downloadMedia("https://cdn.example.com/x", { fetch: declared as typeof fetch })).ok).toBe(false);
  });

  test("a server that never answers is abandoned at the deadline", async () => {
    const hang = (_url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason));
      });
    const started = Date.now();
    const result = await downloadMedia("https://cdn.example.com/x", { fetch: hang as typeof fetch, timeoutMs: 50 });
    expect(result).toEqual({ ok: false, error: "timed out" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("inbound attachments end to end (chat widget)", () => {
  let t: Backend;
  let a: SeededOrg;

  beforeEach(async () => {
    t = newBackend();
    a = await seedOrg(t, "org-a", ORG_A);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  test("unsafe URLs are not stored; media is fetched into storage and served from there", async () => {
    const requested: string[] = [];
    vi.stubGlobal("fetch", async (url: string | URL | Request) => {
      requested.push(String(url));
      if (String(url).endsWith("pixel.png"))
        return respond(PNG, { status: 200, headers: { "content-type": "image/png" } });
      return respond("<html></html>", { status: 200, headers: { "content-type": "text/html" } });
    });
    // Scheduled functions run when the test says so.
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const session = await startSession(t, ORG_A.chatSlug);
    const res = await postChat(t, ORG_A.chatSlug, session.token, {
      clientMessageId: "att1",
      text: "see attached",
      attachments: [
        { url: "javascript:alert(1)", filename: "evil.png" },
        { url: "data:text/html,<script>alert(1)</script>" },
        { url: "https://cdn.example.com/pixel.png", contentType: "image/png", filename: "pixel.png" },
        { url: "https://cdn.example.com/page", filename: "page.html" },
        { url: "http://127.0.0.1:3210/api/storage/secret", filename: "internal.png" },
      ],
    });
    expect(res.status, await res.clone().text()).toBe(200);

    const stored = await t.run(async (ctx) => {
      const [m] = await ctx.db
        .query("unifiedMessages")
        .withIndex("by_thread", (q) => q.eq("organizationId", a.organizationId))
        .collect();
      const jobs = await ctx.db.system.query("_scheduled_functions").collect();
      return { message: m!, jobs: jobs.map((j) => j.name) };
    });
    expect(stored.message.attachments.map((x) => x.url)).toEqual([
      "https://cdn.example.com/pixel.png",
      "https://cdn.example.com/page",
      "http://127.0.0.1:3210/api/storage/secret",
    ]);
    expect(stored.jobs).toContain("messages/attachments:fetchMedia");

    expect(requested).toEqual([]);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    // The private target was never requested.
    expect(requested).toEqual(["https://cdn.example.com/pixel.png", "https://cdn.example.com/page"]);

    const after = await t.run(async (ctx) => (await ctx.db.get(stored.message._id))!.attachments);
    expect(after[0]!.storageId).toBeDefined();
    expect(after[0]!.size).toBe(PNG.byteLength);
    expect(after[1]!.storageId).toBeUndefined();
    expect(after[1]!.mediaError).toMatch(/text\/html/);
    expect(after[2]!.mediaError).toMatch(/refused/);
    const bytes = await t.run(async (ctx) => {
      const blob = await ctx.storage.get(after[0]!.storageId as Id<"_storage">);
      return [...new Uint8Array(await blob!.arrayBuffer())];
    });
    expect(new Uint8Array(bytes)).toEqual(PNG);

    // The dashboard gets the stored copy to show inline; the others only as links.
    const threadId = stored.message.threadId;
    const page = await t.withIdentity(a.identity).query(api.threads.threads.listMessages, {
      organizationId: a.organizationId,
      threadId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    const views = page.page[0]!.attachments;
    expect(views[0]).toMatchObject({ inline: true, contentType: "image/png" });
    expect(views[0]!.mediaUrl).toBeTruthy();
    expect(views[0]!.mediaUrl).not.toContain("cdn.example.com");
    expect(views[1]).toMatchObject({ inline: false, url: "https://cdn.example.com/page" });
    expect(views[1]!.mediaUrl).toBeUndefined();
    expect(JSON.stringify(page.page)).not.toMatch(/javascript:|data:/);

    // The visitor's own view has the stored copy too.
    const mine = await t.query(api.chat.visitor.listMessages, viewOf(session));
    expect(mine.messages[0]!.attachments[0]!.mediaUrl).toBe(views[0]!.mediaUrl);

    // Running the fetch again requests nothing (each attachment is fetched once).
    requested.length = 0;
    await t.action(internal.messages.attachments.fetchMedia, { messageId: stored.message._id });
    expect(requested).toEqual([]);
  });
});
