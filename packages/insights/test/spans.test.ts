/**
 * Traced facts (issue 13.2): every extracted fact carries the span of the message text it came from,
 * and `quote === text.slice(start, end)`. Run over every labelled message of the tuning and asserted
 * sets, so the invariant is checked on quoted replies, signatures, CRLF text, emoji and curly quotes.
 */
import { describe, expect, it } from "vitest";
import {
  createLocator,
  detectJobChangeInMessage,
  extractDeterministic,
  type MessageInput,
  type SourceSpan,
} from "../src/index";
import { BLIND } from "./fixtures/blind";
import { CORPUS, JOB_CHANGES } from "./fixtures/corpus";
import { HOLDOUT } from "./fixtures/holdout";
import { TUNING, TUNING_JOB_CHANGES } from "./fixtures/tuning";

const SETS = [...CORPUS, ...HOLDOUT, ...BLIND, ...TUNING];
const squash = (s: string) => s.replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim().toLowerCase();

function checkSpan(text: string, span: SourceSpan | null | undefined, what: string) {
  expect(span, what).toBeTruthy();
  const s = span!;
  expect(s.start, what).toBeGreaterThanOrEqual(0);
  expect(s.end, what).toBeGreaterThan(s.start);
  expect(s.end, what).toBeLessThanOrEqual(text.length);
  expect(s.quote, what).toBe(text.slice(s.start, s.end));
}

describe("source spans", () => {
  it("every commitment, deal cue, relationship, sentiment and signature points into the message text", () => {
    const counts = { commitments: 0, deal: 0, relationships: 0, sentiment: 0, signatures: 0 };
    for (const { msg, timezone } of SETS) {
      const ext = extractDeterministic(msg, { timezone });
      for (const c of ext.commitments) {
        checkSpan(msg.text, c.span, `${msg.id} commitment "${c.text}"`);
        expect(squash(c.span!.quote)).toBe(squash(c.text));
        counts.commitments++;
      }
      if (ext.dealCue && !squash(msg.subject ?? "").includes(squash(ext.dealCue.cue))) {
        checkSpan(msg.text, ext.dealCue.span, `${msg.id} deal cue "${ext.dealCue.cue}"`);
        expect(squash(ext.dealCue.span!.quote)).toBe(squash(ext.dealCue.cue));
        counts.deal++;
      }
      for (const r of ext.relationships) {
        if (r.evidence.startsWith("shared domain")) continue; // evidence from the cc list, not the text
        checkSpan(msg.text, r.span, `${msg.id} relationship ${r.type}`);
        counts.relationships++;
      }
      if (ext.sentiment.tokens > 0) {
        checkSpan(msg.text, ext.sentiment.span, `${msg.id} sentiment`);
        counts.sentiment++;
      }
      if (ext.signature && (ext.signature.name || ext.signature.title || ext.signature.company)) {
        checkSpan(msg.text, ext.signature.span, `${msg.id} signature`);
        for (const field of [ext.signature.name, ext.signature.company]) {
          // the identity fields are read from the quoted block (labels like "Name:" aside)
          if (field && !/[,.]/.test(field)) expect(squash(ext.signature.span!.quote)).toContain(squash(field));
        }
        counts.signatures++;
      }
    }
    console.log(`spans checked: ${JSON.stringify(counts)}`);
    expect(counts.commitments).toBeGreaterThan(40);
    expect(counts.deal).toBeGreaterThan(25);
    expect(counts.signatures).toBeGreaterThan(40);
    expect(counts.relationships).toBeGreaterThan(5);
  }, 30_000); // every labelled message through extractDeterministic, the learned reader included: 5.5 s once under CI load

  it("job changes point at the announcement or the signature", () => {
    for (const c of [...JOB_CHANGES, ...TUNING_JOB_CHANGES]) {
      const got = detectJobChangeInMessage({ title: "Someone", company: "Somewhere" }, { text: c.next });
      if (!got) continue;
      checkSpan(c.next, got.span, `job change in ${c.next.slice(0, 40)}`);
    }
    const text =
      "Hi Sam,\n\nSome news: I've left Brightwave and started as VP Operations at Northpeak Logistics.\n\nBest,\nClara";
    const got = detectJobChangeInMessage({ title: "Head of Operations", company: "Brightwave" }, { text })!;
    expect(got).toMatchObject({
      changed: true,
      kind: "company",
      source: "body",
      to: { company: "Northpeak Logistics", title: "VP Operations" },
    });
    expect(got.span!.quote).toBe("I've left Brightwave and started as VP Operations at Northpeak Logistics");
  });

  it("maps whitespace-, case- and apostrophe-normalised fragments back to the original offsets", () => {
    const text = "Hi  Tom,\r\n\r\nWe’ll   SEND the\tcontract by Friday.\n> I'll send the contract by Friday.";
    const loc = createLocator(text);
    const s = loc.find("we'll send the contract by friday")!;
    expect(s.quote).toBe("We’ll   SEND the\tcontract by Friday");
    expect(text.slice(s.start, s.end)).toBe(s.quote);
    expect(loc.findLast("send the contract by friday")!.start).toBeGreaterThan(s.start);
    expect(loc.find("not in the text")).toBeNull();
    const emoji = "love that 🙄 for us";
    expect(createLocator(emoji).find("🙄 FOR us")!.quote).toBe("🙄 for us");
  });

  it("gives each commitment of a message its own span, in order", () => {
    const msg: MessageInput = {
      id: "s1",
      channel: "email",
      direction: "outbound",
      sentAt: Date.UTC(2026, 2, 10, 14),
      text: "Hi Rosa,\n\nHannah will set up the tenant by Friday and Marco will send you the SSO guide on Monday.\n\nBest,\nSam",
    };
    const got = extractDeterministic(msg).commitments;
    expect(got.map((c) => c.span!.quote)).toEqual([
      "Hannah will set up the tenant by Friday",
      "Marco will send you the SSO guide on Monday.",
    ]);
    expect(got[0]!.span!.end).toBeLessThanOrEqual(got[1]!.span!.start);
  });
});
