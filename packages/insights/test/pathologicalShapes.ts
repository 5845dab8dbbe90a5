/**
 * Pathological texts for the linear-time test and the hostile-input bench: each shape at n characters is built to
 * make a careless regex or splitter retry, backtrack or loop per position. Both time them the same way, with the
 * helpers below.
 */
import { extractDeterministic, type MessageInput, uncertainty } from "../src/index";
import { CORPUS } from "./fixtures/corpus";
import { TUNING } from "./fixtures/tuning";

/** Repeats `unit` to exactly n characters. */
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

export const SHAPES: Record<string, (n: number) => string> = {
  spaces: (n) => `I will${" ".repeat(n - 10)}send`,
  spacesAndTabs: (n) => fill("a \t  \t and ", n),
  spaceRunsBeforeAnd: (n) => fill(`we${" ".repeat(60)}and `, n),
  punctuation: (n) => fill(".,;:!?-–—", n),
  digits: (n) => "1".repeat(n),
  spacedDigits: (n) => fill("12 ", n),
  phoneish: (n) => fill("+1 (555) 0", n),
  nestedQuotes: (n) => `${"\"'".repeat(n / 4)}${"'\"".repeat(n / 4)}`,
  quoteLines: (n) => fill("> > > quoted\n", n),
  longLine: (n) => fill("I will send the report by Friday and we will call you at 5 ", n),
  // round 14 (b13cd): second predicates of one subject, each with a time, and "that <weekday>" / "the week of" readings
  coordinatedPredicates: (n) =>
    fill(
      "The box is packed today and ships Monday and lands with you that Friday in the week of 5 May and is back ",
      n,
    ),
  // review of round 14: zone phrases, each different from the one before, each once cost a re-read of the clause
  zonePhrases: (n) => fill("I'll call at 5 your time Lisbon time Italian time 5pm CET Paris time my time ", n),
  emoji: (n) => fill("🙄😀👍❤️", n),
  newlines: (n) => "\n".repeat(n),
  blankLinesBetween: (n) => `Thanks\n${"\n".repeat(n - 12)}Best, Jo`,
  blankLinesNoSignOff: (n) => `a${"\n".repeat(n - 2)}b`,
  shortLines: (n) => fill("ok\n", n),
  crlf: (n) => fill("\r\n", n),
  capitalisedWords: (n) => fill("Anna Bob Carl ", n),
  datesAndTimes: (n) => fill("Mon-Fri 9-5 on the 20th ", n),
  signOffThenNames: (n) => `Best,\n${fill("Jane Doe | ", n - 6)}`,
  emailsAndLinks: (n) => fill("a@b.co www.x.io/ ", n),
  wroteHeader: (n) => `On ${"x".repeat(n - 10)} wrote:`,
  letters: (n) => "a".repeat(n),
  // round 24: sentences in other languages (foreignPromises.ts: language, promise and chrono's locale parsers per
  // sentence), one of them without a stop, and German dates whose dot does not end the sentence (splitSentences)
  foreignSentences: (n) =>
    fill("Te llamo mañana a las 9. Nous livrons jeudi à 14h. Wir kommen am Montag um 8 Uhr. ", n),
  foreignRunOn: (n) => fill("le mando el presupuesto mañana a las 10 y nuestro técnico pasa el lunes ", n),
  dottedDates: (n) => fill("am 26. Oktober und am 3.11. um 8 Uhr ", n),
};

const PROSE = [...CORPUS, ...TUNING].map((l) => l.msg.text).join("\n\n");

/** Ordinary messages (the labelled corpus), joined and cut to n characters: the cost hostile shapes are compared with. */
export const ordinaryProse = (n: number): string => fill(PROSE, n);

/** An inbound email carrying `text`, as the extractors receive a message. */
export const hostileMessage = (text: string): MessageInput => ({
  id: "m",
  channel: "email",
  direction: "inbound",
  text,
  sentAt: Date.UTC(2026, 2, 10, 14),
});

/** The whole extractor as a backend transaction runs it on a message: every field, then the AI peer's test. */
export const extractAll = (text: string): string[] => {
  const msg = hostileMessage(text);
  return uncertainty(msg, extractDeterministic(msg, { previousProfile: { title: "CEO", company: "Acme" } }));
};

/** The minimum time of each run over `times` rounds, interleaved so all of them see the same machine load. */
export function minTimes(runs: ReadonlyArray<() => unknown>, times: number): number[] {
  const best = runs.map(() => Infinity);
  for (let i = 0; i < times; i++) {
    runs.forEach((run, k) => {
      const t0 = performance.now();
      run();
      best[k] = Math.min(best[k] ?? Infinity, performance.now() - t0);
    });
  }
  return best;
}
