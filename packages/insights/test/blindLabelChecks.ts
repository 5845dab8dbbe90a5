/**
 * Consistency checks on a labelled set (blind4, blind5, blind6, train7a, train7b: each set's own sets.test.ts calls this).
 * They run no extractor: they only make sure the labels agree with the messages and with themselves,
 * and that the set keeps the coverage its README promises.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import type { Blind2JobChange, Blind2Message } from "./fixtures/blind2/build";

const squash = (s: string) => s.toLowerCase().replace(/[\s.,]+/g, " ");

/** Coverage a set promises in its README; blind5/blind6 use the defaults, smaller training sets state their own. */
export interface CoverageMinimums {
  /** Messages per deal stage, and deal-cue messages in all. */
  perStage: number;
  deal: number;
  /** Commitments, and commitments with a due date. */
  commitments: number;
  dated: number;
  signatures: number;
  zones: number;
  /** Messages per sentiment class, and per channel (email, sms, whatsapp, chat). */
  perSentiment: number;
  perChannel: number;
  /** Job-change pairs, changes by kind, and pairs that are no change. */
  pairs: number;
  company: number;
  title: number;
  unchanged: number;
}

const DEFAULT_MINIMUMS: CoverageMinimums = {
  perStage: 9,
  deal: 45,
  commitments: 45,
  dated: 45,
  signatures: 40,
  zones: 15,
  perSentiment: 45,
  perChannel: 20,
  pairs: 26,
  company: 10,
  title: 7,
  unchanged: 8,
};

export function describeBlindLabels(
  name: string,
  all: Blind2Message[],
  sets: Record<string, Blind2Message[]>,
  pairs: Blind2JobChange[],
  options: Partial<CoverageMinimums> & {
    /** Whether a pair's `to` title and company must be written in its later message (blind4's labels predate this). */
    pairTargetsWritten?: boolean;
  } = {},
): void {
  const { pairTargetsWritten = true, ...minimums } = options;
  const min = { ...DEFAULT_MINIMUMS, ...minimums };
  describe(`${name} labels`, () => {
    it("has unique ids and every style set is part of the whole", () => {
      const ids = all.map((x) => x.msg.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(Object.values(sets).reduce((n, s) => n + s.length, 0)).toBe(all.length);
    });

    it("keeps the coverage the README states", () => {
      const deal = all.filter((x) => x.expect.dealStage !== null);
      for (const stage of ["interest", "proposal", "negotiation", "won", "lost"] as const) {
        expect(deal.filter((x) => x.expect.dealStage === stage).length).toBeGreaterThanOrEqual(min.perStage);
      }
      expect(deal.length).toBeGreaterThanOrEqual(min.deal);
      const commitments = all.flatMap((x) => x.expect.commitments);
      expect(commitments.length).toBeGreaterThanOrEqual(min.commitments);
      expect(commitments.filter((c) => c.dueAt !== null).length).toBeGreaterThanOrEqual(min.dated);
      expect(all.filter((x) => x.expect.signature).length).toBeGreaterThanOrEqual(min.signatures);
      expect(new Set(all.map((x) => x.timezone)).size).toBeGreaterThanOrEqual(min.zones);
      for (const s of [1, 0, -1]) {
        expect(all.filter((x) => x.expect.sentiment === s).length).toBeGreaterThanOrEqual(min.perSentiment);
      }
      for (const ch of ["email", "sms", "whatsapp", "chat"]) {
        expect(all.filter((x) => x.msg.channel === ch).length).toBeGreaterThanOrEqual(min.perChannel);
      }
      expect(pairs.length).toBeGreaterThanOrEqual(min.pairs);
    });

    it("dates every commitment after its message was sent", () => {
      for (const { msg, expect: exp } of all) {
        for (const c of exp.commitments) {
          expect(msg.text.toLowerCase()).toContain(c.includes.toLowerCase());
          if (c.dueAt !== null) expect(Date.parse(c.dueAt), `${msg.id} ${c.includes}`).toBeGreaterThan(msg.sentAt);
        }
      }
    });

    it("labels only signature fields that are written in the text, and valid E.164 phones", () => {
      for (const { msg, expect: exp } of all) {
        const sig = exp.signature;
        if (!sig) continue;
        const text = squash(msg.text);
        for (const field of [sig.name, sig.title, sig.company]) {
          if (field) expect(text, `${msg.id} ${field}`).toContain(squash(field));
        }
        const digits = msg.text.replace(/\D/g, "");
        for (const phone of sig.phones ?? []) {
          const parsed = parsePhoneNumberFromString(phone);
          expect(parsed?.isValid(), `${msg.id} ${phone}`).toBe(true);
          expect(parsed?.number).toBe(phone);
          expect(digits, `${msg.id} ${phone}`).toContain(parsed?.nationalNumber);
        }
        for (const email of sig.emails ?? []) expect(msg.text).toContain(email);
      }
    });

    it("gives a funnel only to interest messages", () => {
      for (const x of all) {
        if (x.funnel) expect(x.expect.dealStage, x.msg.id).toBe("interest");
        if (x.expect.dealStage === "interest") expect(x.funnel, x.msg.id).toBeDefined();
      }
    });

    it("writes a line break as one, not as a backslash and an n", () => {
      // blind142's author typed "Name\\nTitle" in ten pair signatures (round 51): the parser saw one line, and the
      // pairs measured that typo instead of the detector
      for (const { msg } of all) expect(msg.text, msg.id).not.toContain("\\n");
      for (const [i, p] of pairs.entries()) expect(p.previous + p.next, `pair ${i}`).not.toContain("\\n");
    });

    it("job-change pairs agree with themselves", () => {
      for (const [i, p] of pairs.entries()) {
        expect(p.expected.changed, `pair ${i}`).toBe(p.expected.kind !== null);
        expect(p.to !== undefined, `pair ${i}`).toBe(p.expected.changed);
        if (p.style === "variant") expect(p.expected.changed, `pair ${i}`).toBe(false);
        expect(p.previous).not.toBe(p.next);
        const to = p.to ?? {};
        for (const field of pairTargetsWritten ? [to.title, to.company] : []) {
          if (field) expect(p.next.toLowerCase(), `pair ${i} ${field}`).toContain(field.toLowerCase());
        }
      }
      const changed = pairs.filter((p) => p.expected.changed);
      expect(changed.filter((p) => p.expected.kind === "company").length).toBeGreaterThanOrEqual(min.company);
      expect(changed.filter((p) => p.expected.kind === "title").length).toBeGreaterThanOrEqual(min.title);
      expect(pairs.filter((p) => !p.expected.changed).length).toBeGreaterThanOrEqual(min.unchanged);
    });
  });
}
