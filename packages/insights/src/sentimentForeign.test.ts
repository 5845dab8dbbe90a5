import { describe, expect, it } from "vitest";
import { scoreSentiment } from "./sentiment";
import { FOREIGN_COMPLAINT, foreignValence } from "./sentimentForeign";
import { ruleSignals } from "./sentimentRules";

describe("round 40: tone in other languages", () => {
  it("reads German 'die' and Spanish 'sin' as words of their own language, not English 'die' and 'sin'", () => {
    expect(foreignValence("die")).toBe(0);
    expect(foreignValence("sin")).toBe(0);
    expect(ruleSignals("Danke für die Lieferung, die Kisten sind im Lager.").negative).toEqual([]);
    expect(ruleSignals("Os mandamos las cajas sin la tapa, como pediste.").negative).toEqual([]);
    // in English the words keep their valence
    expect(ruleSignals("The old pump will die if we run it dry.").negative).toContain("die");
  });

  it("reads a polite refusal in German as neutral", () => {
    expect(
      scoreSentiment(
        "Guten Tag, leider haben wir uns für die Werkstatt im Ort entschieden. Danke trotzdem für die Mühe.",
      ).label,
    ).toBe("neutral");
  });

  it("reads disappointment, outrage and delight in other languages", () => {
    expect(scoreSentiment("Das ist eine Frechheit. Wir sind sehr enttäuscht von der Lieferung.").label).toBe(
      "negative",
    );
    expect(scoreSentiment("La entrega llegó tarde y mal embalada. Es inaceptable, estoy muy decepcionada.").label).toBe(
      "negative",
    );
    expect(scoreSentiment("Les rideaux sont parfaits, toute l'équipe est ravie. Merci beaucoup !").label).toBe(
      "positive",
    );
    expect(scoreSentiment("Die neuen Stühle sind wunderbar, das ganze Team ist begeistert!").label).toBe("positive");
  });

  it("reads a problem told as happening again as a complaint", () => {
    const s = "Buenos días, otra vez el camión llegó sin las cajas de arriba.";
    expect([...s.toLowerCase().matchAll(FOREIGN_COMPLAINT)].length).toBe(1);
    expect(ruleSignals(s).complaints).toBeGreaterThan(0);
    expect(ruleSignals("Guten Morgen, schon wieder fehlt die Rechnung im Paket.").complaints).toBeGreaterThan(0);
    expect(ruleSignals("Die Lieferung ist wieder unvollständig. So geht das nicht.").complaints).toBeGreaterThan(0);
    expect(ruleSignals("Tercer día sin agua caliente. Gracias por nada.").complaints).toBeGreaterThan(0);
    // "de novo" inside another word is not the phrase
    expect([..."Um modelo denovo".matchAll(FOREIGN_COMPLAINT)].length).toBe(0);
  });
});
