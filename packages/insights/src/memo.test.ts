import { describe, expect, it } from "vitest";
import { rememberLast } from "./memo";

describe("rememberLast", () => {
  it("calls the function again only when the argument changes", () => {
    const seen: string[] = [];
    const upper = rememberLast((s: string) => {
      seen.push(s);
      return s.toUpperCase();
    });
    expect([upper("a"), upper("a"), upper("b"), upper("a")]).toEqual(["A", "A", "B", "A"]);
    expect(seen).toEqual(["a", "b", "a"]);
  });

  it("compares objects with the given equality, so a copy of the same message is a repeat", () => {
    let calls = 0;
    const read = rememberLast(
      (m: { text: string }) => {
        calls++;
        return m.text.length;
      },
      (a, b) => a.text === b.text,
    );
    expect(read({ text: "abc" })).toBe(3);
    expect(read({ text: "abc" })).toBe(3);
    expect(read({ text: "abcd" })).toBe(4);
    expect(calls).toBe(2);
  });
});
