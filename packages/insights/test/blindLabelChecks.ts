/**
 * Consistency checks on a blind set's labels (blind5, blind6: each set's own sets.test.ts calls this).
 * They run no extractor: they only make sure the labels agree with the messages and with themselves,
 * and that the set keeps the coverage its README promises.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import type { Blind2JobChange, Blind2Message } from "./fixtures/blind2/build";

const squash = (s: string) => s.toLowerCase().replace(/[\s.,]+/g, " ");

export function describeBlindLabels(
  name: string,
  all: Blind2Message[],
  sets: Record<string, Blind2Message[]>,
  pairs: Blind2JobChange[],
): void {
  describe(`${name} labels`, () => {
    it("has unique ids and every style set is part of the whole", () => {
      const ids = all.map((x) => x.msg.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(Object.values(sets).reduce((n, s) => n + s.length, 0)).toBe(all.length);
    });

    it("keeps the coverage the README states", () => {
      const deal = all.filter((x) => x.expect.dealStage !== null);
      for (const stage of ["interest", "proposal", "negotiation", "won", "lost"] as const) {
        expect(deal.filter((x) => x.expect.dealStage === stage).length).toBeGreaterThanOrEqual(9);
      }
      expect(deal.length).toBeGreaterThanOrEqual(45);
      const commitments = all.flatMap((x) => x.expect.commitments);
      expect(commitments.length).toBeGreaterThanOrEqual(45);
      expect(commitments.filter((c) => c.dueAt !== null).length).toBeGreaterThanOrEqual(45);
      expect(all.filter((x) => x.expect.signature).length).toBeGreaterThanOrEqual(40);
      expect(new Set(all.map((x) => x.timezone)).size).toBeGreaterThanOrEqual(15);
      for (const s of [1, 0, -1]) {
        expect(all.filter((x) => x.expect.sentiment === s).length).toBeGreaterThanOrEqual(45);
      }
      for (const ch of ["email", "sms", "whatsapp", "chat"]) {
        expect(all.filter((x) => x.msg.channel === ch).length).toBeGreaterThanOrEqual(20);
      }
      expect(pairs.length).toBeGreaterThanOrEqual(26);
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

    it("job-change pairs agree with themselves", () => {
      for (const [i, p] of pairs.entries()) {
        expect(p.expected.changed, `pair ${i}`).toBe(p.expected.kind !== null);
        expect(p.to !== undefined, `pair ${i}`).toBe(p.expected.changed);
        if (p.style === "variant") expect(p.expected.changed, `pair ${i}`).toBe(false);
        expect(p.previous).not.toBe(p.next);
        const to = p.to ?? {};
        for (const field of [to.title, to.company]) {
          if (field) expect(p.next.toLowerCase(), `pair ${i} ${field}`).toContain(field.toLowerCase());
        }
      }
      const changed = pairs.filter((p) => p.expected.changed);
      expect(changed.filter((p) => p.expected.kind === "company").length).toBeGreaterThanOrEqual(10);
      expect(changed.filter((p) => p.expected.kind === "title").length).toBeGreaterThanOrEqual(7);
      expect(pairs.filter((p) => !p.expected.changed).length).toBeGreaterThanOrEqual(8);
    });
  });
}
