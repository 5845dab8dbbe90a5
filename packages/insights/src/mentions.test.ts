import { describe, expect, it } from "vitest";
import { findMentions, mentionHandles, preferredHandle } from "./mentions";

const maya = { id: "m1", name: "Maya Chen", email: "maya.chen@acme.test" };
const sam = { id: "m2", name: "Sam Rivera", email: "sam@acme.test" };
const alexA = { id: "m3", name: "Alex Kim", email: "alex.kim@acme.test" };
const alexB = { id: "m4", name: "Alex Stone", email: "astone@acme.test" };
const members = [maya, sam, alexA, alexB];

describe("findMentions", () => {
  it("resolves email handles, full names and first names", () => {
    expect(findMentions("@maya.chen can you look?", members)).toEqual(["m1"]);
    expect(findMentions("cc @Sam Rivera", members)).toEqual(["m2"]);
    expect(findMentions("@sam and @MAYA, thoughts?", members)).toEqual(["m2", "m1"]);
  });

  it("lists each member once, in order of first mention", () => {
    expect(findMentions("@sam @maya @sam", members)).toEqual(["m2", "m1"]);
  });

  it("ignores an ambiguous first name but resolves the unambiguous handles", () => {
    expect(findMentions("@alex please", members)).toEqual([]);
    expect(findMentions("@alex.kim and @Alex Stone", members)).toEqual(["m3", "m4"]);
  });

  it("does not take an email address or a longer word for a mention", () => {
    expect(findMentions("write to sam@acme.test", members)).toEqual([]);
    expect(findMentions("@samuel is not sam", members)).toEqual([]);
    expect(findMentions("@sam.", members)).toEqual(["m2"]);
  });

  it("mentions nobody for unknown handles and caps the count", () => {
    expect(findMentions("@nobody @", members)).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => ({ id: `x${i}`, email: `user${i}@acme.test` }));
    expect(findMentions(many.map((m) => `@user${m.id.slice(1)}`).join(" "), many, 20)).toHaveLength(20);
  });

  it("derives handles from the email and the name", () => {
    expect(mentionHandles(maya)).toEqual(["maya.chen", "maya chen", "maya"]);
    expect(mentionHandles({ id: "x", email: "ops@acme.test", name: "ops@acme.test" })).toEqual(["ops"]);
    expect(preferredHandle(maya)).toBe("maya.chen");
  });
});
