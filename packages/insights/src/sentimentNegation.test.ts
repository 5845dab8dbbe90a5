/**
 * Round 14: what a negator does to the word it scopes over, as the rule scorer reports it to the learned model
 * (sentimentFeatures.ts). A denied problem is not negated praise, a missing safeguard is a complaint, a demonstrative
 * presupposes the problem, and a contracted negator is a negator.
 */
import { describe, expect, it } from "vitest";
import { sentimentFeatures } from "./sentimentFeatures";
import { ruleSignals } from "./sentimentRules";

describe("negation read by what it negates (round 14)", () => {
  it("counts a denied problem apart from negated praise", () => {
    const denied = ruleSignals("This is not a problem at all");
    expect(denied.denied).toBe(1);
    expect(denied.negatedPraise).toBe(0);
    const praise = ruleSignals("Not impressed with the repaint.");
    expect(praise.negatedPraise).toBe(1);
    expect(praise.denied).toBe(0);
    // a hypothetical denies nothing
    expect(ruleSignals("Call me if there is no problem with the date.").denied).toBe(0);
  });

  it("marks a denial stressed by its quantifier or what follows, not a plain one", () => {
    expect(ruleSignals("Six weeks and not one error.").deniedStressed).toBe(1);
    expect(ruleSignals("No issues whatsoever with the panels.").deniedStressed).toBe(1);
    expect(ruleSignals("We've had no downtime since March.").deniedStressed).toBe(1);
    expect(ruleSignals("Never a bad loaf.").deniedStressed).toBe(1);
    const plain = ruleSignals("The survey found no damage to the tiles.");
    expect(plain.denied).toBe(1);
    expect(plain.deniedStressed).toBe(0);
    // the rules score a stressed denial as reassurance and skip a plain one (a topic, not a tone)
    expect(ruleSignals("Six weeks and not one error.").score).toBeGreaterThan(0);
    expect(plain.score).toBe(0);
  });

  it("keeps a missing safeguard negative and does not deny a problem named with a demonstrative", () => {
    for (const text of ["There was no warning before the water was cut off.", "No apology, no call back."]) {
      const s = ruleSignals(text);
      expect(s.denied, text).toBe(0);
      expect(s.negativeWords, text).toBeLessThan(0);
    }
    const present = ruleSignals("We never had this problem with our old supplier.");
    expect(present.denied).toBe(0);
    expect(present.negativeWords).toBeLessThan(0);
  });

  it("gives a negator's word feature the valence of what it reaches", () => {
    const f = (text: string) => [...sentimentFeatures(ruleSignals(text), text, ["words"]).keys()];
    expect(f("This is not a problem at all")).toContain("w:not>-");
    expect(f("The rollout was not good.")).toContain("w:not>+");
    expect(f("I can not attend on Monday.")).toContain("w:not");
  });

  it("reads a contracted negator before a device's job as a failure", () => {
    expect(ruleSignals("The battery plates you gave us don't fit the camera.").negativeEvent).toBe(true);
    expect(ruleSignals("The app doesn't work since the update.").complaints).toBe(1);
    expect(ruleSignals("The plates fit the camera.").negativeEvent).toBe(false);
  });
});
