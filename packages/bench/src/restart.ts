/**
 * `restart at scale`: restart the local backend over a data dir holding `messages` realistic
 * unified messages (~1 KB each: body, subject/html for email, participants, statusHistory...)
 * and `contacts` contacts (each with one conversation thread), and measure the time from
 * spawning the process to the first answered query, and its resident memory (RSS) right then
 * and after a burst of queries over random threads.
 *
 * The data is bulk-loaded through the store API (`Database.bulkInsert`), not through 1.1M
 * mutations, with the indexes of apps/api's schema, so the backend starts on it as if it had
 * written it. For the in-memory baseline (the runtime before the on-disk store, taken from
 * git at `SWITCHBOARD_BENCH_INMEMORY_REV`), the same documents are written in its snapshot
 * format and the same measurement runs in the same run. Benchmarks only, never tests.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Database, fullRange } from "@switchboard/local-backend/store";
import { convexToJson, type Value } from "convex/values";
import { AdminApi } from "./lib/admin";
import { type BackendProcess, REPO_ROOT, spawnBackend, tmpDir } from "./lib/backend";
import { percentile, round } from "./lib/load";

/** Last commit whose local backend kept everything in memory (snapshot.jsonl + commits.jsonl). */
const IN_MEMORY_REV = process.env.SWITCHBOARD_BENCH_INMEMORY_REV?.trim() || "d47447cb683da38d2ef6d18b6711172ad3c837bc";

type Doc = { _id: string; _creationTime: number; [k: string]: Value | undefined };

// deterministic pseudo-random content
let seed = 7;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const WORDS =
  "hello thanks order invoice shipping delivery refund question account password update meeting tomorrow please call back price quote contract renewal support ticket urgent issue resolved payment card address change schedule demo team feedback great".split(
    " ",
  );
const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(" ");
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join("");

interface SchemaJson {
  tables: { tableName: string; indexes: { indexDescriptor: string; fields: string[] }[] }[];
}

async function schemaIndexes(functionsDir: string): Promise<SchemaJson> {
  const mod = await import(pathToFileURL(path.join(functionsDir, "schema.ts")).href);
  const j = mod.default.export();
  return typeof j === "string" ? JSON.parse(j) : j;
}

export interface ScaleData {
  storeDir: string;
  legacyDir: string | null;
  organizationId: string;
  threadIds: string[];
  documents: number;
  loadSeconds: number;
  storeMb: number;
  /** in this process: open the store and read 50 documents by index, ms */
  storeOpenMs: number;
}

/** Bulk-load the data set into a new store data dir (and, for the baseline, the old snapshot format). */
async function generateScaleData(opts: {
  functionsDir: string;
  messages: number;
  contacts: number;
  legacy: boolean;
  log: (...a: unknown[]) => void;
}): Promise<ScaleData> {
  const t0 = performance.now();
  const storeDir = tmpDir("sb-bench-scale-");
  const legacyDir = opts.legacy ? tmpDir("sb-bench-scale-mem-") : null;
  const schema = await schemaIndexes(opts.functionsDir);
  // a large SQLite page cache for loading only (the backend runs with the default 64 MiB)
  const db = new Database({ sqliteCacheMb: 1024 });
  await db.open(storeDir);
  for (const t of schema.tables) {
    db.ensureTable(t.tableName).setIndexes(
      t.indexes.map((i) => ({
        name: i.indexDescriptor,
        fields: i.fields.filter((f) => f !== "_creationTime" && f !== "_id"),
      })),
    );
  }
  const num = (table: string) => db.getTable(table)!.number;
  const newId = (table: string) => `${randomBytes(13).toString("hex")}${idSuffix(num(table))}`;
  let legacy: fs.WriteStream | null = null;
  if (legacyDir) {
    legacy = fs.createWriteStream(path.join(legacyDir, "snapshot.jsonl"));
    const tables: Record<string, number> = {};
    for (const t of db.tablesByName.values()) tables[t.name] = t.number;
    const header = {
      version: 1,
      ts: String(BigInt(Date.now()) * 1_000_000n),
      tables,
      nextTableNumber: db.nextTableNumber,
      lastCreationTime: 0,
    };
    legacy.write(`${JSON.stringify(header)}\n`);
  }
  let documents = 0;
  const put = async (table: string, docs: Doc[]) => {
    db.bulkInsert(table, docs);
    documents += docs.length;
    if (legacy) {
      const n = num(table);
      const text = docs.map((d) => JSON.stringify([n, convexToJson(d as unknown as Value)])).join("\n");
      if (!legacy.write(`${text}\n`)) await new Promise<void>((r) => legacy!.once("drain", () => r()));
    }
  };
  const doc = (table: string, fields: Record<string, Value | undefined>): Doc => ({
    _id: newId(table),
    _creationTime: db.nextCreationTime(),
    ...fields,
  });

  const now = Date.now();
  const yearMs = 365 * 24 * 3600 * 1000;
  const org = doc("organizations", {
    name: "Scale Org",
    slug: "scale-org",
    defaultRegion: "US",
    timezone: "America/New_York",
    createdAt: now - yearMs,
  });
  await put("organizations", [org]);
  const configIds = ["sms", "whatsapp", "email"].map(() => newId("channelConfigs"));

  const BATCH = 10_000;
  const contactIds: string[] = [];
  const threadIds: string[] = [];
  for (let from = 0; from < opts.contacts; from += BATCH) {
    const contacts: Doc[] = [];
    const threads: Doc[] = [];
    for (let i = from; i < Math.min(opts.contacts, from + BATCH); i++) {
      const last = now - Math.floor(rnd() * yearMs);
      const c = doc("contacts", {
        organizationId: org._id,
        displayName: `${sentence(1)} ${sentence(1)} ${i}`,
        company: rnd() < 0.5 ? `${sentence(1)} Inc` : undefined,
        primaryEmail: `person${i}@example.com`,
        primaryPhone: `+1555${String(i).padStart(7, "0")}`,
        lastMessageAt: last,
        lastInboundAt: last,
        lastChannel: "sms",
        messageCount: Math.ceil(opts.messages / opts.contacts),
        createdAt: last - yearMs / 2,
        updatedAt: last,
      });
      for (const k of Object.keys(c)) if (c[k] === undefined) delete c[k];
      contacts.push(c);
      contactIds.push(c._id);
      const th = doc("conversationThreads", {
        organizationId: org._id,
        contactId: c._id,
        status: "open",
        lastMessageAt: last,
        lastMessagePreview: sentence(12).slice(0, 120),
        lastChannel: "sms",
        lastDirection: "inbound",
        lastInboundAt: last,
        unreadCount: 1,
        messageCount: Math.ceil(opts.messages / opts.contacts),
        createdAt: last - yearMs / 2,
      });
      threads.push(th);
      threadIds.push(th._id);
    }
    await put("contacts", contacts);
    await put("conversationThreads", threads);
  }
  opts.log(`scale data: ${opts.contacts} contacts + threads loaded`);
  for (let from = 0; from < opts.messages; from += BATCH) {
    const messages: Doc[] = [];
    for (let i = from; i < Math.min(opts.messages, from + BATCH); i++) {
      const k = i % opts.contacts;
      const channel = (["sms", "whatsapp", "email"] as const)[i % 3]!;
      const provider = channel === "email" ? "resend" : channel === "sms" ? "twilio" : "meta";
      const inbound = rnd() < 0.6;
      const sentAt = now - Math.floor(rnd() * yearMs);
      const from_ = channel === "email" ? `person${k}@example.com` : `+1555${String(k).padStart(7, "0")}`;
      const m = doc("unifiedMessages", {
        organizationId: org._id,
        threadId: threadIds[k],
        contactId: contactIds[k],
        channelConfigId: configIds[i % 3],
        channel,
        provider,
        direction: inbound ? "inbound" : "outbound",
        status: inbound ? "received" : "delivered",
        externalMessageId: channel === "email" ? hex(36) : `SM${hex(32)}`,
        from: inbound ? from_ : "+15550000000",
        to: inbound ? "+15550000000" : from_,
        senderName: `Person ${k}`,
        text: sentence(40 + Math.floor(rnd() * 40)),
        ...(channel === "email"
          ? {
              subject: sentence(6),
              html: `<p>${sentence(30)}</p>`,
              emailMessageId: `<${hex(24)}@mail.example.com>`,
              inReplyTo: [`<${hex(24)}@mail.example.com>`],
              cc: [`colleague${k}@example.com`],
            }
          : {}),
        attachments: [],
        sentAt,
        providerTimestamp: sentAt,
        receivedAt: sentAt + 120,
        statusHistory: inbound
          ? [{ status: "received", at: sentAt + 120 }]
          : [
              { status: "queued", at: sentAt },
              { status: "sent", at: sentAt + 300 },
              { status: "delivered", at: sentAt + 2100 },
            ],
        insightsAt: sentAt + 5000,
      });
      messages.push(m);
    }
    await put("unifiedMessages", messages);
    if ((from / BATCH) % 10 === 9) opts.log(`scale data: ${from + BATCH} messages`);
  }
  await db.close();
  if (legacy) await new Promise<void>((r) => legacy!.end(r));
  // the store's own share of a restart: open it and read one thread's newest 50 messages
  const t1 = performance.now();
  const reopened = new Database();
  await reopened.open(storeDir);
  const messagesTable = reopened.getTable("unifiedMessages")!;
  let read = 0;
  for (const _ of reopened.scanIndex(messagesTable.indexes.get("by_thread_sent")!, fullRange(), "desc"))
    if (++read >= 50) break;
  const storeOpenMs = round(performance.now() - t1);
  await reopened.close();
  const storeMb = round(dirBytes(storeDir) / 2 ** 20);
  const loadSeconds = round((performance.now() - t0) / 1000);
  opts.log(`scale data: ${documents} documents in ${loadSeconds} s, store ${storeMb} MB on disk`);
  return { storeDir, legacyDir, organizationId: org._id, threadIds, documents, loadSeconds, storeMb, storeOpenMs };
}

/** The id suffix of values.ts' `newId` (table number in base32 + its length). */
function idSuffix(n: number): string {
  const A = "0123456789abcdefghjkmnpqrstvwxyz";
  let s = "";
  do {
    s = A[n % 32] + s;
    n = Math.floor(n / 32);
  } while (n > 0);
  return s + A[s.length];
}

function dirBytes(dir: string): number {
  let n = 0;
  for (const f of fs.readdirSync(dir)) n += fs.statSync(path.join(dir, f)).size;
  return n;
}

function procStatusMb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

export interface RestartResult {
  runtime: string;
  /** the first start on the bulk-loaded data dir (nothing built or cached in it yet) */
  firstStart: { readySeconds: number; firstQuerySeconds: number };
  /** after a kill -9 of that process: the restart, spawn -> ready -> first answered query */
  readySeconds: number;
  firstQuerySeconds: number;
  rssAfterFirstQueryMb: number | null;
  queries: number;
  queryMs: { p50: number; p99: number };
  rssAfterQueriesMb: number | null;
  peakRssMb: number | null;
}

/** Spawn a backend on `dataDir`; seconds to "ready" and to the first answered query. */
async function startAndQuery(
  functionsDir: string,
  dataDir: string,
  data: ScaleData,
  cli: string | undefined,
): Promise<{ b: BackendProcess; admin: AdminApi; readySeconds: number; firstQuerySeconds: number }> {
  const t0 = performance.now();
  const b = await spawnBackend({ functionsDir, dataDir, cli, timeoutMs: 600_000 });
  const readySeconds = round((performance.now() - t0) / 1000);
  const admin = new AdminApi(b.url, b.adminKey);
  const first = await admin.call<{ messages: number }>("benchProbe/scale:openThread", {
    organizationId: data.organizationId,
    threadId: data.threadIds[12345 % data.threadIds.length]!,
  });
  const firstQuerySeconds = round((performance.now() - t0) / 1000);
  if (!first || first.messages === 0)
    throw new Error(`scale: the first query found no messages (${JSON.stringify(first)})`);
  return { b, admin, readySeconds, firstQuerySeconds };
}

/** First start, kill -9, then the measured restart and 300 queries over random threads. */
async function measureRestart(
  runtime: string,
  functionsDir: string,
  dataDir: string,
  data: ScaleData,
  cli: string | undefined,
  log: (...a: unknown[]) => void,
): Promise<RestartResult> {
  const first = await startAndQuery(functionsDir, dataDir, data, cli);
  await first.b.kill9();
  const { b, admin, readySeconds, firstQuerySeconds } = await startAndQuery(functionsDir, dataDir, data, cli);
  try {
    const rssAfterFirstQueryMb = procStatusMb(b.pid, "VmRSS");
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const s = performance.now();
      await (i % 10 === 0
        ? admin.call("benchProbe/scale:inboxPage", { organizationId: data.organizationId })
        : admin.call("benchProbe/scale:openThread", {
            organizationId: data.organizationId,
            threadId: data.threadIds[Math.floor(Math.random() * data.threadIds.length)]!,
          }));
      times.push(performance.now() - s);
    }
    times.sort((x, y) => x - y);
    const r: RestartResult = {
      runtime,
      firstStart: { readySeconds: first.readySeconds, firstQuerySeconds: first.firstQuerySeconds },
      readySeconds,
      firstQuerySeconds,
      rssAfterFirstQueryMb,
      queries: times.length,
      queryMs: { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)) },
      rssAfterQueriesMb: procStatusMb(b.pid, "VmRSS"),
      peakRssMb: procStatusMb(b.pid, "VmHWM"),
    };
    log(`restart at scale (${runtime}): ${JSON.stringify(r)}`);
    return r;
  } finally {
    await b.kill9();
  }
}

/** The in-memory runtime's sources from git, runnable with this package's node_modules. */
function inMemoryRuntime(): { cli: string; cleanup(): void } {
  const root = tmpDir("sb-bench-inmem-");
  const tar = execFileSync("git", ["archive", "--format=tar", IN_MEMORY_REV, "packages/local-backend/src"], {
    cwd: REPO_ROOT,
    maxBuffer: 256 * 2 ** 20,
  });
  execFileSync("tar", ["-x", "-C", root, "--strip-components=2"], { input: tar });
  fs.writeFileSync(path.join(root, "package.json"), '{"type":"module"}\n');
  fs.symlinkSync(path.join(REPO_ROOT, "packages/local-backend/node_modules"), path.join(root, "node_modules"), "dir");
  return { cli: path.join(root, "src/cli.ts"), cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

export async function restartAtScale(opts: {
  functionsDir: string;
  messages: number;
  contacts: number;
  baseline: boolean;
  log: (...a: unknown[]) => void;
}) {
  const data = await generateScaleData({ ...opts, legacy: opts.baseline });
  try {
    // an empty data dir: what starting the process and loading apps/api's modules costs alone
    const emptyDir = tmpDir("sb-bench-scale-empty-");
    const t0 = performance.now();
    const empty = await spawnBackend({ functionsDir: opts.functionsDir, dataDir: emptyDir, timeoutMs: 600_000 });
    const emptyReadySeconds = round((performance.now() - t0) / 1000);
    const emptyRssMb = procStatusMb(empty.pid, "VmRSS");
    await empty.kill9();
    fs.rmSync(emptyDir, { recursive: true, force: true });
    const store = await measureRestart("on-disk store", opts.functionsDir, data.storeDir, data, undefined, opts.log);
    let inMemory: RestartResult | { error: string; afterSeconds: number } | null = null;
    if (data.legacyDir) {
      const rt = inMemoryRuntime();
      const t1 = performance.now();
      try {
        inMemory = await measureRestart(
          "in-memory (before)",
          opts.functionsDir,
          data.legacyDir,
          data,
          rt.cli,
          opts.log,
        );
      } catch (e) {
        const text = String(e);
        inMemory = {
          error: /heap out of memory|Last few GCs/.test(text)
            ? "did not start: JavaScript heap out of memory while loading its snapshot"
            : text.slice(0, 500),
          afterSeconds: round((performance.now() - t1) / 1000),
        };
        opts.log(`restart at scale (in-memory baseline) failed: ${inMemory.error}`);
      } finally {
        rt.cleanup();
      }
    }
    return {
      messages: opts.messages,
      contacts: opts.contacts,
      documents: data.documents,
      bulkLoadSeconds: data.loadSeconds,
      storeMb: data.storeMb,
      storeOpenMs: data.storeOpenMs,
      emptyDataDir: { readySeconds: emptyReadySeconds, rssMb: emptyRssMb },
      store,
      inMemory,
      targets: { firstQuerySeconds: 10, rssMb: 1536 },
    };
  } finally {
    fs.rmSync(data.storeDir, { recursive: true, force: true });
    if (data.legacyDir) fs.rmSync(data.legacyDir, { recursive: true, force: true });
  }
}
