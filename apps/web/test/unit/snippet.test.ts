import { describe, expect, test } from "vitest";
import { snippetParts } from "~/utils/snippet";

describe("snippetParts", () => {
  test("splits the text into plain and marked parts, with ellipses where it was cut", () => {
    expect(snippetParts({ text: "my parcel is late", marks: [[3, 9]], cutStart: true, cutEnd: true })).toEqual([
      { text: "…my ", mark: false },
      { text: "parcel", mark: true },
      { text: " is late…", mark: false },
    ]);
  });
  test("clamps marks that overlap or fall outside the text", () => {
    expect(
      snippetParts({
        text: "abcdef",
        marks: [
          [0, 2],
          [1, 3],
          [5, 99],
        ],
        cutStart: false,
        cutEnd: false,
      }),
    ).toEqual([
      { text: "ab", mark: true },
      { text: "c", mark: true },
      { text: "de", mark: false },
      { text: "f", mark: true },
    ]);
  });
});
