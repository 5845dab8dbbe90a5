/**
 * The blind-set loader finds every fixtures/blind<N>/ directory without scoring it (the figures are only
 * printed by evaluation.test.ts), so a new independent set (blind3, …) is evaluated as soon as it lands.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadBlindDirs } from "./blindSets";

const message = (id: string) =>
  `{ msg: { id: "${id}", channel: "sms", direction: "inbound", text: "hi", sentAt: 0 }, expect: { sentiment: 0, commitments: [], dealStage: null } }`;
const pair = `{ previous: "a", next: "b", expected: { changed: false, kind: null } }`;

const root = mkdtempSync(join(tmpdir(), "blind-loader-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(dir: string, file: string, body: string) {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, file), body);
}

describe("loadBlindDirs", () => {
  it("reads <PREFIX>_SETS, _ALL and _JOB_CHANGES from each blind<N>/index.ts, and modules without an index", async () => {
    write(
      "blind7",
      "index.ts",
      `export const BLIND7_SETS = { email: [${message("e1")}, ${message("e2")}], chat: [${message("c1")}] };
export const BLIND7_EMAIL_JOB_CHANGES = [${pair}];
export const BLIND7_ALL = [...BLIND7_SETS.email, ...BLIND7_SETS.chat];
export const BLIND7_JOB_CHANGES = [${pair}, ${pair}];`,
    );
    write("blind8", "short.ts", `export const SHORT = [${message("s1")}];\nexport const PAIRS = [${pair}];`);
    write("blind8", "long.ts", `export const LONG = [${message("l1")}, ${message("l2")}];`);
    write("notblind", "index.ts", `export const X_SETS = { a: [${message("x")}] };`);
    const sets = await loadBlindDirs(pathToFileURL(`${root}/`));
    const summary = sets.map((s) => [s.name, s.messages.length, s.pairs.length, s.blind]);
    expect(summary).toEqual([
      ["blind7/email", 2, 1, true],
      ["blind7/chat", 1, 0, true],
      ["blind7 (all)", 3, 2, true],
      ["blind8/long", 2, 0, true],
      ["blind8/short", 1, 1, true],
      ["blind8 (all)", 3, 1, true],
    ]);
  });

  it("reads other directories in the same layout when given a pattern (train7a, train7b)", async () => {
    write("train9a", "index.ts", `export const TRAIN9A_SETS = { sms: [${message("t1")}] };`);
    const sets = await loadBlindDirs(pathToFileURL(`${root}/`), /^train\d+[a-z]?$/);
    expect(sets.map((s) => [s.name, s.messages.length])).toEqual([
      ["train9a/sms", 1],
      ["train9a (all)", 1],
    ]);
    expect((await loadBlindDirs(pathToFileURL(`${root}/`))).some((s) => s.name.startsWith("train"))).toBe(false);
  });

  it("loads blind2 by style and as a whole (167 messages, 20 pairs)", async () => {
    const sets = await loadBlindDirs(new URL("./fixtures/", import.meta.url));
    const blind2 = sets.filter((s) => /^blind2[ /]/.test(s.name));
    expect(blind2.map((s) => s.name)).toEqual(["blind2/email", "blind2/short", "blind2/tricky", "blind2 (all)"]);
    const all = blind2.at(-1)!;
    expect(all.messages.length).toBe(167);
    expect(all.pairs.length).toBe(20);
    expect(blind2.slice(0, 3).reduce((n, s) => n + s.messages.length, 0)).toBe(167);
    expect(blind2.slice(0, 3).reduce((n, s) => n + s.pairs.length, 0)).toBe(20);
    // the loader imports every blind directory (thirteen by round 14), each transformed on first import: 5.1 s on a
    // loaded machine against vitest's 5 s default. The bound is on a wedged import, not on speed
  }, 30_000);
});
