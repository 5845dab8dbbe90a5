import { describe, expect, it } from "vitest";
import { type LabelledSet, leaveGroupsOut, leaveOneSetOut, loadLabelledSets, setsLabelling } from "./labelledSets";

const sets = await loadLabelledSets();

describe("labelled sets", () => {
  it("has every independent author's set (blind2-11, blind13, blind14, blind16, blind23-184 and any train* directory) and never blind12, blind15, blind17-22 or blind185-187", () => {
    const names = sets.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => /blind(1[2578]|19|2[0-2]|18[5-7])\b/.test(n))).toBe(false);
    const independent = sets.filter((s) => s.author === "independent").map((s) => s.name);
    expect(independent.slice(0, 175)).toEqual([
      "blind2",
      "blind3",
      "blind4",
      "blind5",
      "blind6",
      "blind7",
      "blind8",
      "blind9",
      "blind10",
      "blind11",
      "blind13",
      "blind14",
      "blind16",
      "blind23",
      "blind24",
      "blind25",
      "blind26",
      "blind27",
      "blind28",
      "blind29",
      "blind30",
      "blind31",
      "blind32",
      "blind33",
      "blind34",
      "blind35",
      "blind36",
      "blind37",
      "blind38",
      "blind39",
      "blind40",
      "blind41",
      "blind42",
      "blind43",
      "blind44",
      "blind45",
      "blind46",
      "blind47",
      "blind48",
      "blind49",
      "blind50",
      "blind51",
      "blind52",
      "blind53",
      "blind54",
      "blind55",
      "blind56",
      "blind57",
      "blind58",
      "blind59",
      "blind60",
      "blind61",
      "blind62",
      "blind63",
      "blind64",
      "blind65",
      "blind66",
      "blind67",
      "blind68",
      "blind69",
      "blind70",
      "blind71",
      "blind72",
      "blind73",
      "blind74",
      "blind75",
      "blind76",
      "blind77",
      "blind78",
      "blind79",
      "blind80",
      "blind81",
      "blind82",
      "blind83",
      "blind84",
      "blind85",
      "blind86",
      "blind87",
      "blind88",
      "blind89",
      "blind90",
      "blind91",
      "blind92",
      "blind93",
      "blind94",
      "blind95",
      "blind96",
      "blind97",
      "blind98",
      "blind99",
      "blind100",
      "blind101",
      "blind102",
      "blind103",
      "blind104",
      "blind105",
      "blind106",
      "blind107",
      "blind108",
      "blind109",
      "blind110",
      "blind111",
      "blind112",
      "blind113",
      "blind114",
      "blind115",
      "blind116",
      "blind117",
      "blind118",
      "blind119",
      "blind120",
      "blind121",
      "blind122",
      "blind123",
      "blind124",
      "blind125",
      "blind126",
      "blind127",
      "blind128",
      "blind129",
      "blind130",
      "blind131",
      "blind132",
      "blind133",
      "blind134",
      "blind135",
      "blind136",
      "blind137",
      "blind138",
      "blind139",
      "blind140",
      "blind141",
      "blind142",
      "blind143",
      "blind144",
      "blind145",
      "blind146",
      "blind147",
      "blind148",
      "blind149",
      "blind150",
      "blind151",
      "blind152",
      "blind153",
      "blind154",
      "blind155",
      "blind156",
      "blind157",
      "blind158",
      "blind159",
      "blind160",
      "blind161",
      "blind162",
      "blind163",
      "blind164",
      "blind165",
      "blind166",
      "blind167",
      "blind168",
      "blind169",
      "blind170",
      "blind171",
      "blind172",
      "blind173",
      "blind174",
      "blind175",
      "blind176",
      "blind177",
      "blind178",
      "blind179",
      "blind180",
      "blind181",
      "blind182",
      "blind183",
      "blind184",
    ]);
    expect(independent.slice(175).every((n) => /^train\d+[a-z]?$/.test(n))).toBe(true);
    for (const s of sets.filter((x) => x.author === "independent")) expect(s.messages.length).toBeGreaterThan(100);
  });

  it("marks which fields each set labels: deal-only sets do not train sentiment", () => {
    const sentiment = setsLabelling(sets, "sentiment").map((s) => s.name);
    expect(sentiment).toContain("tuning-sentiment");
    expect(sentiment).toContain("blind6");
    expect(sentiment).not.toContain("tuning-deal");
    expect(sentiment).not.toContain("tuning-commit4");
    // round 19's sets train the promise reader and the deal-stage model, those read in rounds 20 to 28 the reader
    // only, none (yet) sentiment (labelledSets.ts)
    expect(sentiment).not.toContain("blind23");
    expect(sentiment).not.toContain("blind30");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).toContain("blind26");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind29");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind29");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind34");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind34");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind38");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind38");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind42");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind42");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind46");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind46");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind50");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind50");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind54");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind54");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind58");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind58");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind62");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind62");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind66");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind66");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind70");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind70");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind74");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind74");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind86");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind86");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind90");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind90");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind94");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind94");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind110");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).not.toContain("blind110");
    expect(setsLabelling(sets, "commitments").map((s) => s.name)).toContain("blind24");
    expect(setsLabelling(sets, "dealStage").map((s) => s.name)).toContain("tuning-deal");
    for (const s of setsLabelling(sets, "sentiment"))
      for (const m of s.messages) expect([-1, 0, 1]).toContain(m.expect.sentiment);
    // a sentiment set is not all placeholders: it has each class
    for (const s of setsLabelling(sets, "sentiment").filter((x) => x.messages.length >= 30))
      expect(new Set(s.messages.map((m) => m.expect.sentiment)).size).toBe(3);
  });

  it("leaves each independent set out once; the rules' author's sets always train", () => {
    const seen: string[][] = [];
    const result = leaveOneSetOut(
      sets,
      (training: readonly LabelledSet[]) => {
        seen.push(training.map((s) => s.name));
        return training.length;
      },
      (trained, heldOut) => `${heldOut.name}:${trained}`,
    );
    const independent = sets.filter((s) => s.author === "independent");
    expect(result.map((r) => r.set)).toEqual(independent.map((s) => s.name));
    for (const [i, r] of result.entries()) {
      expect(seen[i]).not.toContain(r.set);
      expect(seen[i]).toHaveLength(sets.length - 1);
      expect(r.score).toBe(`${r.set}:${sets.length - 1}`);
      for (const s of sets.filter((x) => x.author === "rules")) expect(seen[i]).toContain(s.name);
    }
  });

  it("leaves the independent sets out in groups: each scored by a model that never saw it, one model per group", () => {
    const seen: string[][] = [];
    const result = leaveGroupsOut(
      sets,
      10,
      (training: readonly LabelledSet[]) => {
        seen.push(training.map((s) => s.name));
        return seen.length - 1;
      },
      (model, heldOut) => ({ model, name: heldOut.name }),
    );
    const independent = sets.filter((s) => s.author === "independent");
    expect(seen).toHaveLength(10);
    expect(result.map((r) => r.set)).toEqual(independent.map((s) => s.name));
    for (const [i, r] of result.entries()) {
      expect(r.score.name).toBe(r.set);
      expect(r.score.model).toBe(i % 10);
      const training = seen[r.score.model]!;
      expect(training).not.toContain(r.set);
      for (const s of sets.filter((x) => x.author === "rules")) expect(training).toContain(s.name);
    }
    // every set outside the group trains, so the ten groups together hold each independent set out exactly once
    expect(seen.reduce((n, t) => n + (sets.length - t.length), 0)).toBe(independent.length);
  });
});
