import { describe, expect, test } from "vitest";
import { mentionQueryAt, mentionSuggestions } from "~/utils/mentions";

const members = [
  { _id: "1", name: "Maya Chen", email: "maya.chen@acme.test" },
  { _id: "2", name: "Sam Rivera", email: "sam@acme.test" },
];

describe("note @-autocomplete", () => {
  test("finds the @term before the caret, not inside an address", () => {
    expect(mentionQueryAt("ping @ma", 8)).toEqual({ start: 5, term: "ma" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, term: "" });
    expect(mentionQueryAt("mail sam@acme", 13)).toBeNull();
    expect(mentionQueryAt("@sam done", 9)).toBeNull();
  });

  test("suggests members by handle, name or any word of the name, inserting the email handle", () => {
    expect(mentionSuggestions(members, "chen").map((m) => m.handle)).toEqual(["maya.chen"]);
    expect(mentionSuggestions(members, "sa").map((m) => m.handle)).toEqual(["sam"]);
    expect(mentionSuggestions(members, "")).toHaveLength(2);
  });
});
