import { describe, expect, test } from "vitest";
import { highlight } from "../convex/search/snippet";

const marked = (s: ReturnType<typeof highlight>) => s.marks.map(([a, b]) => s.text.slice(a, b));

describe("highlight", () => {
  test("marks whole words for exact terms and the typed prefix for the last term", () => {
    expect(marked(highlight("Shipping was delayed; ship it now", "ship"))).toEqual(["Ship", "ship"]);
    // "ship" is not the last term: exact words only, "Shipping" stays unmarked
    expect(marked(highlight("Shipping was delayed; ship it now", "ship delayed"))).toEqual(["delayed", "ship"]);
    expect(marked(highlight("Café crème", "CAFÉ"))).toEqual(["Café"]);
  });

  test("windows long texts around the first match, on a word boundary, and bounds the marks", () => {
    const text = `${"lorem ipsum ".repeat(50)}the needle is here ${"dolor ".repeat(50)}`;
    const s = highlight(text, "needle");
    expect(s.cutStart).toBe(true);
    expect(s.cutEnd).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(160);
    expect(s.text.startsWith(" ")).toBe(false);
    expect(marked(s)).toEqual(["needle"]);
    expect(highlight("a a a a a a a a a a a a a a a a a a a a a a", "a").marks).toHaveLength(16);
  });

  test("no match: the start of the text, no marks", () => {
    expect(highlight("hello world", "zzz")).toEqual({ text: "hello world", marks: [], cutStart: false, cutEnd: false });
  });
});
