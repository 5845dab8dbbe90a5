import { describe, expect, it } from "vitest";
import { lemma, lemmatise } from "./lemma";

describe("lemma", () => {
  it("maps inflections of the frame verbs to one lemma", () => {
    for (const [word, want] of [
      ["approved", "approve"],
      ["signing", "sign"],
      ["going", "go"],
      ["went", "go"],
      ["chosen", "choose"],
      ["cancelled", "cancel"],
      ["stopped", "stop"],
      ["tried", "try"],
      ["renews", "renew"],
      ["issued", "issue"],
    ] as const)
      expect(lemma(word)).toBe(want);
  });

  it("leaves words outside the verb list alone", () => {
    expect(lemma("pricing")).toBe("pricing");
    expect(lemma("renewal")).toBe("renewal");
    expect(lemma("bed")).toBe("bed");
  });

  it("expands contractions so negation is one token", () => {
    expect(lemmatise("We won't be renewing.")).toBe("we will not be renew .");
    expect(lemmatise("we dont continue")).toBe("we do not continue");
    expect(lemmatise("The PO has been issued!")).toBe("the po have be issue !");
  });
});
