/**
 * Round 21: the canonical deal-stage wordings (test/dealCanonical.ts) read at their stage, and the plain messages with
 * no stage read at none, by `extractDeterministic` with the committed stage model and thresholds.
 */
import { describe, expect, it } from "vitest";
import { extractDeterministic } from "../src/extractor";
import { CANONICAL_WORDINGS } from "./dealCanonical";

const SENT = Date.UTC(2026, 2, 3, 15);

describe("canonical deal-stage wordings", () => {
  it("lists at least six of each stage besides the demo seed's, and plain messages with none", () => {
    for (const stage of ["interest", "proposal", "negotiation", "won", "lost", null])
      expect(
        CANONICAL_WORDINGS.filter((w) => w.stage === stage && !w.seed).length,
        String(stage),
      ).toBeGreaterThanOrEqual(6);
    expect(CANONICAL_WORDINGS.filter((w) => w.seed).map((w) => w.stage)).toEqual([
      "interest",
      "proposal",
      "proposal",
      "negotiation",
      "won",
    ]);
  });

  it.each(CANONICAL_WORDINGS.map((w) => [w.stage ?? "no stage", w.direction, w.text, w] as const))(
    "%s (%s): %s",
    (_stage, _direction, _text, w) => {
      const e = extractDeterministic({
        id: "m1",
        channel: "email",
        direction: w.direction,
        text: w.text,
        sentAt: SENT,
      });
      expect(e.dealCue?.stage ?? null).toBe(w.stage);
    },
  );
});
