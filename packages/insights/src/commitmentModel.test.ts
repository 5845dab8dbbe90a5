import { describe, expect, it } from "vitest";
import { ContextTracker, learnedPromiseReader, promiseFeatures, promiseProbability } from "./commitmentModel";
import { PROMISE_MODEL, PROMISE_TRAINING } from "./commitmentModelData";
import { extractCommitments } from "./commitments";
import { linearProbabilities } from "./linearModel";

const SENT = Date.parse("2026-03-02T09:00:00Z"); // a Monday
const unit = (sentence: string, extra: { conditioned?: boolean; item?: boolean } = {}) => ({
  sentence,
  conditioned: extra.conditioned ?? false,
  item: extra.item ?? false,
});
const read = (clause: string, direction: "inbound" | "outbound" = "outbound", extra = {}) =>
  promiseFeatures(clause, unit(clause, extra), direction, SENT);

describe("promiseFeatures", () => {
  it("round 21: reads the extra families only when asked (the main verb, its object, a finer time, skip-bigrams)", () => {
    const extra = (clause: string) => promiseFeatures(clause, unit(clause), "outbound", SENT, null, true);
    const f = extra("send you the copy tomorrow");
    expect(f.get("mv:none|send")).toBe(1);
    expect(f.get("obj:send|you")).toBe(1);
    expect(f.get("tc:tomorrow")).toBe(1);
    expect(f.get("vst:send|none|ahead")).toBe(1);
    expect(f.get("sk:send the")).toBe(1);
    expect(extra("We deliver it on Friday").get("mv:we|deliver")).toBe(1);
    expect(extra("We deliver it on Friday").get("tc:we|weekday")).toBe(1);
    expect(extra("I'll call you at 3pm").get("vst:call|I|ahead")).toBe(1);
    expect(extra("I'll call you at 3pm").get("tc:clock")).toBe(1);
    expect([...read("send you the copy tomorrow").keys()].some((k) => /^(?:mv|vst|tc|obj|sk):/.test(k))).toBe(false);
  });

  it("round 64: reads the clause's time in the message's zone ('tonight' said at 16:10 in Denver is ahead)", () => {
    const at = Date.parse("2026-10-05T22:10:00Z"); // 16:10 in Denver, 23:10 in London
    const time = (timezone: string) =>
      [...promiseFeatures("PDF coming to your email tonight", unit("x"), "outbound", at, null, false, timezone).keys()]
        .filter((k) => k.startsWith("t:"))
        .join();
    expect(time("America/Denver")).toBe("t:ahead");
    // (at 23:10 in London tonight's evening has begun: a time word, no time ahead)
    expect(time("Europe/London")).toBe("t:word");
    // the extractor passes its zone to the reader: the promise is read in Denver
    const msg = { id: "m", channel: "sms" as const, direction: "outbound" as const, sentAt: at };
    const text = "Dana, bid for Aspen Ridge: $23,800 for the season. PDF coming to your email tonight.";
    expect(
      extractCommitments({ ...msg, text }, { timezone: "America/Denver" }, learnedPromiseReader()).map((c) => c.text),
    ).toEqual(["PDF coming to your email tonight."]);
  });

  it("reads the subject's class after openers and a leading time", () => {
    expect(read("I'll send the drawings by Friday").get("s:I")).toBe(1);
    expect(read("Ok so tomorrow we'll ring you").get("s:we")).toBe(1);
    expect(read("Our warehouse team will pack it today").get("s:team")).toBe(1);
    expect(read("Our van will be there at 9").get("s:ours")).toBe(1);
    expect(read("You will get the keys on Monday").get("s:you")).toBe(1);
    expect(read("They will call you").get("s:they")).toBe(1);
    expect(read("It ships on Thursday").get("s:it")).toBe(1);
    expect(read("Maria will bring the samples on Friday").get("s:named")).toBe(1);
    expect(read("Tomorrow Maria brings the samples").get("s:named")).toBe(1);
    expect(read("Sending the invoice tonight").get("s:none")).toBe(1);
  });

  it("reads the verb group and the verb after the auxiliary", () => {
    const f = read("I'll send you the quote tomorrow");
    expect(f.get("v:ll")).toBe(1);
    expect(f.get("lv:send")).toBe(1);
    expect(f.get("sv:I|ll")).toBe(1);
    expect(read("We are shipping the chairs on Monday").get("v:prog")).toBe(1);
    expect(read("We are sending the chairs on Monday").get("lv:send")).toBe(1);
    expect(read("I'm going to call the landlord").get("v:goingto")).toBe(1);
    expect(read("We could deliver on Monday").get("v:modal")).toBe(1);
    expect(read("We delivered it yesterday").get("v:past")).toBe(1);
    expect(read("Sending the invoice tonight").get("v:gerund")).toBe(1);
    expect(read("We send the report on Fridays").get("v:present")).toBe(1);
    expect(read("Please send me the form").get("v:please")).toBe(1);
    expect(read("Thanks for the photos").get("v:none")).toBe(1);
  });

  it("says whether the time named is ahead of the message, past, or a word without a date", () => {
    expect(read("I'll send it on Wednesday").get("t:ahead")).toBe(1);
    expect(read("I'll send it soon").get("t:none")).toBe(1);
    expect(read("I sent it yesterday").get("t:ahead")).toBeUndefined();
  });

  it("marks questions, conditions, negation, hedges, reported speech, quotations and the direction", () => {
    expect(read("Will you send it by Friday?").get("question")).toBe(1);
    expect(read("If you confirm, I'll book it for Monday").get("condition")).toBe(1);
    expect(read("I'll book it for Monday", "outbound", { conditioned: true }).get("conditioned")).toBe(1);
    expect(read("We won't make Friday").get("negation")).toBe(1);
    expect(read("I'll probably be there at 10").get("hedge")).toBe(1);
    expect(read("He said they'd call").get("reported")).toBe(1);
    expect(read('Your site says "we install within 10 days"').get("quote")).toBe(1);
    expect(read("I'll call you", "inbound").get("dir:inbound")).toBe(1);
    expect(read("Call booked for 3pm", "outbound", { item: true }).get("item")).toBe(1);
    expect(read("I'll send it on Wednesday").get("question")).toBeUndefined();
  });

  it("adds lemma unigrams and bigrams and the first tokens", () => {
    const f = read("I'll be sending the samples");
    expect(f.get("w:samples")).toBe(1);
    expect(f.get("b:send the")).toBe(1);
    expect(f.get("f1:i'll")).toBe(1);
    expect(f.get("f2:i'll be")).toBe(1);
  });
});

describe("the PromiseReader hook of extractCommitments", () => {
  const msg = (text: string) => ({
    id: "m1",
    channel: "email" as const,
    direction: "outbound" as const,
    text,
    sentAt: SENT,
    senderName: "Ana",
  });

  // (round 35: the clause no rule reads was "Getting the permit paperwork done Wednesday.", which the rules now read as the
  // writer's act with its subject left out)
  it("is asked only about clauses in which no rule read a promise, and what it accepts is a dated commitment", () => {
    const asked: string[] = [];
    const got = extractCommitments(
      msg("I'll send the quote by Friday. Wednesday is permit paperwork day for me."),
      {},
      (clause) => {
        asked.push(clause);
        return clause.startsWith("Wednesday is");
      },
    );
    expect(asked).toEqual(["Wednesday is permit paperwork day for me."]);
    expect(got.map((c) => c.text)).toEqual([
      "I'll send the quote by Friday.",
      "Wednesday is permit paperwork day for me.",
    ]);
    expect(new Date(got[1]!.dueAt!).toISOString()).toBe("2026-03-04T17:00:00.000Z");
    expect(got[1]!.span?.quote).toBe("Wednesday is permit paperwork day for me.");
  });

  it("adds nothing without a reader, or when the reader says no", () => {
    const text = "Wednesday is permit paperwork day for me.";
    expect(extractCommitments(msg(text))).toEqual([]);
    expect(extractCommitments(msg(text), {}, () => false)).toEqual([]);
  });

  it("round 19: a reader's veto is asked only about the rules' reads of five words or more, and drops those it vetoes", () => {
    const vetoAsked: string[] = [];
    const reader = Object.assign(() => false, {
      veto: (clause: string) => {
        vetoAsked.push(clause);
        return clause.startsWith("I'll send");
      },
    });
    const text = "I'll send the quote by Friday. Wednesday is permit paperwork day for me. Invoice follows tomorrow.";
    expect(extractCommitments(msg(text)).map((c) => c.text)).toEqual([
      "I'll send the quote by Friday.",
      "Invoice follows tomorrow.",
    ]);
    expect(extractCommitments(msg(text), {}, reader).map((c) => c.text)).toEqual(["Invoice follows tomorrow."]);
    // the clause the rules read nothing in is put to the reader, not its veto; three words are too few to veto
    expect(vetoAsked).toEqual(["I'll send the quote by Friday."]);
  });

  it("round 19: the shipped reader vetoes a customer's choice the rules read as a promise, not a plain promise", () => {
    const inbound = (text: string) => ({ ...msg(text), direction: "inbound" as const });
    // (round 19's p19 refuses "we'll take the X" by rule, which this test first used. Round 23: the reader trained with
    // blind39-42 and the five families reads "We'll hire the minibus for the whole weekend", its next example, as the
    // buyer's own promise, which the labelling guide counts as one; a customer who cancels and hires elsewhere is not)
    const choice = inbound("Please cancel our booking, we'll hire the minibus from another firm this year.");
    expect(extractCommitments(choice)).toHaveLength(1);
    expect(extractCommitments(choice, {}, learnedPromiseReader())).toEqual([]);
    expect(extractCommitments(choice, {}, learnedPromiseReader(PROMISE_TRAINING.threshold, 0))).toHaveLength(1);
    expect(extractCommitments(msg("I'll send the quote by Friday."), {}, learnedPromiseReader())).toHaveLength(1);
  });

  it("round 19: tells an observing reader, in order, whether the rules read each clause, before asking about it", () => {
    const seen: string[] = [];
    const reader = Object.assign(
      (clause: string) => {
        seen.push(`asked ${clause}`);
        return false;
      },
      {
        observe: (unit: { clause: string }, read: boolean, _msg: unknown, index: number) => {
          seen.push(`${index} ${read ? "read" : "none"} ${unit.clause}`);
        },
      },
    );
    extractCommitments(msg("I'll send the quote by Friday. Wednesday is permit paperwork day for me."), {}, reader);
    expect(seen).toEqual([
      "0 read I'll send the quote by Friday.",
      "1 none Wednesday is permit paperwork day for me.",
      "asked Wednesday is permit paperwork day for me.",
    ]);
  });

  it("round 19: the context of a clause is what the rules read before it, in its sentence and its message", () => {
    const tracker = new ContextTracker();
    const a = { clause: "I'll send the quote", sentence: "I'll send the quote and will call you Friday." };
    const b = { clause: "and will call you Friday.", sentence: a.sentence };
    const c = { clause: "Thanks again.", sentence: "Thanks again." };
    expect(tracker.observe(a, true, 0)).toEqual({
      sentenceRead: false,
      messageRead: false,
      previous: null,
      first: true,
    });
    const second = tracker.observe(b, false, 1);
    expect(second).toEqual({ sentenceRead: true, messageRead: true, previous: a.clause, first: true });
    expect(tracker.observe(c, false, 2)).toEqual({
      sentenceRead: false,
      messageRead: true,
      previous: null,
      first: false,
    });
    // a new message starts afresh
    expect(tracker.observe(c, false, 0)).toEqual({
      sentenceRead: false,
      messageRead: false,
      previous: null,
      first: true,
    });
    const f = promiseFeatures(b.clause, unit(b.sentence), "outbound", SENT, second);
    expect(f.get("c:sread")).toBe(1);
    expect(f.get("c:mread|outbound")).toBe(1);
    expect(f.get("c:first")).toBe(1);
    // no subject of its own: the previous clause's is carried ("I")
    expect(f.get("c:prev|I")).toBe(1);
    expect([...read(b.clause).keys()].some((k) => k.startsWith("c:"))).toBe(false);
  });

  it("the shipped reader reads a plain promise as one and thanks as none", () => {
    const u = (s: string) => ({ sentence: s, conditioned: false, item: false });
    const promise = "Our lab runs the second batch of tests on Thursday and emails you the results";
    expect(promiseProbability(promise, u(promise), "outbound", SENT)).toBeGreaterThanOrEqual(
      PROMISE_TRAINING.threshold,
    );
    const thanks = "Thanks so much for the photos, they look great";
    expect(promiseProbability(thanks, u(thanks), "outbound", SENT)).toBeLessThan(0.2);
  });

  it("round 23: the shipped reader reads the extra families it was trained with", () => {
    expect("extra" in PROMISE_TRAINING).toBe(true);
    const u = (s: string) => ({ sentence: s, conditioned: false, item: false });
    const clause = "send you the copy tomorrow";
    const p = (features: ReturnType<typeof promiseFeatures>) =>
      linearProbabilities(PROMISE_MODEL, features)[PROMISE_MODEL.classes.indexOf("promise")];
    const withFamilies = p(promiseFeatures(clause, u(clause), "outbound", SENT, null, true));
    expect(promiseProbability(clause, u(clause), "outbound", SENT)).toBe(withFamilies);
    // the families carry weight here, so a reader that skipped them would read another probability
    expect(p(promiseFeatures(clause, u(clause), "outbound", SENT))).not.toBe(withFamilies);
  });
});
