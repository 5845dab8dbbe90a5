/**
 * Issue 14 item 16: nothing `pnpm dev` starts listens beyond loopback. Before the fix, Vite's HMR
 * WebSocket (port 24678) of the dashboard's dev server listened on all interfaces. This starts
 * the dashboard exactly as `pnpm dev` does (dashboard.ts) and reads every LISTEN socket of its
 * process tree from /proc (Linux): each must be 127.0.0.1 or ::1. (With Nuxt 4.4 the HMR socket was a
 * separate *:24678 listener; Nuxt 4.5 serves it from the loopback HTTP port, which this also checks.)
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, expect, test } from "vitest";
import { startDashboardDev } from "../src/dashboard";

const children: ReturnType<typeof startDashboardDev>[] = [];
afterAll(() => {
  for (const c of children) {
    try {
      if (c.pid) process.kill(-c.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Every pid whose ancestry reaches `root`. */
function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // exited meanwhile
    }
  }
  return [...parent.keys()].filter((pid) => {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  });
}

function socketInodes(pids: number[]): Set<string> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      } catch {
        // closed meanwhile
      }
    }
  }
  return inodes;
}

/** LISTEN sockets (state 0A) as "address:port" with their inode, from /proc/net/tcp and tcp6. */
function listeners(): { address: string; port: number; inode: string }[] {
  const out: { address: string; port: number; inode: string }[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10 || cols[3] !== "0A") continue;
      const [hex, portHex] = cols[1]!.split(":") as [string, string];
      out.push({ address: decodeAddress(hex), port: Number.parseInt(portHex, 16), inode: cols[9]! });
    }
  }
  return out;
}

/** /proc/net stores addresses as 32-bit little-endian words. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(""));
  if (words.length === 1)
    return words[0]!
      .match(/../g)!
      .map((b) => Number.parseInt(b, 16))
      .join(".");
  const v6 = words.join("");
  if (v6 === "00000000000000000000000000000001") return "::1";
  if (v6.startsWith("00000000000000000000ffff")) {
    return `::ffff:${v6
      .slice(24)
      .match(/../g)!
      .map((b) => Number.parseInt(b, 16))
      .join(".")}`;
  }
  return v6 === "0".repeat(32) ? "::" : v6;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

test("the dashboard's dev server and its HMR WebSocket listen on loopback only", async () => {
  const port = await freePort();
  const dev = startDashboardDev(
    port,
    { CONVEX_URL: "http://127.0.0.1:9", CONVEX_SITE_URL: "http://127.0.0.1:9" },
    "ignore",
  );
  children.push(dev);
  const deadline = Date.now() + 150_000;
  let page: Response | null = null;
  while (Date.now() < deadline && !page?.ok) {
    page = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
    if (!page?.ok) await new Promise((r) => setTimeout(r, 1000));
  }
  expect(page?.ok).toBe(true);
  // Load what a browser loads first (Vite's client starts the HMR machinery), then give it a moment.
  await fetch(`http://127.0.0.1:${port}/_nuxt/@vite/client`).catch(() => null);
  await new Promise((r) => setTimeout(r, 3000));
  const ours = socketInodes(processTree(dev.pid!));
  const listening = listeners().filter((l) => ours.has(l.inode));
  expect(listening.map((l) => l.port)).toContain(port);
  expect(listening.filter((l) => !LOOPBACK.has(l.address))).toEqual([]);
}, 180_000);
