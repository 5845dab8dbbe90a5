import { describe, expect, it } from "vitest";
import { renderReply, unknownVariables } from "../src/replyTemplate";

const ctx = {
  contact: { name: "Maya Chen", company: "Northwind", email: "maya@northwind.example", phone: "+14155550100" },
  agent: { name: "Sam Rivera", email: "sam@acme.test" },
  organization: { name: "Acme Support" },
};

describe("renderReply", () => {
  it("substitutes every documented variable", () => {
    const r = renderReply(
      "Hi {{contact.firstName}} ({{contact.name}}, {{contact.lastName}} at {{contact.company}}, {{contact.email}}, {{contact.phone}}) - {{agent.firstName}} / {{agent.name}} <{{agent.email}}> for {{organization.name}}",
      ctx,
    );
    expect(r.text).toBe(
      "Hi Maya (Maya Chen, Chen at Northwind, maya@northwind.example, +14155550100) - Sam / Sam Rivera <sam@acme.test> for Acme Support",
    );
    expect(r.missing).toEqual([]);
    expect(r.unknown).toEqual([]);
  });

  it("tolerates spaces inside the braces", () => {
    expect(renderReply("Hi {{ contact.firstName }}!", ctx).text).toBe("Hi Maya!");
  });

  it("uses the fallback after a pipe when the value is missing, and only then", () => {
    expect(renderReply("Hi {{contact.firstName|there}}", { contact: { name: "" } }).text).toBe("Hi there");
    expect(renderReply("Hi {{contact.firstName|there}}", ctx).text).toBe("Hi Maya");
  });

  it("reports missing values and renders them empty", () => {
    const r = renderReply("Hi {{contact.firstName}}, from {{contact.company}}", { contact: { name: "Maya" } });
    expect(r.text).toBe("Hi Maya, from ");
    expect(r.missing).toEqual(["contact.company"]);
  });

  it("does not take a phone number or an address for a name", () => {
    expect(renderReply("Hi {{contact.firstName|there}}", { contact: { name: "+1 415 555 0100" } }).text).toBe(
      "Hi there",
    );
    expect(renderReply("{{contact.name|Customer}}", { contact: { name: "maya@x.example" } }).text).toBe("Customer");
  });

  it("leaves unknown names as written and lists them", () => {
    const r = renderReply("Hi {{contact.secret}} {{constructor}}", ctx);
    expect(r.text).toBe("Hi {{contact.secret}} {{constructor}}");
    expect(r.unknown).toEqual(["contact.secret", "constructor"]);
    expect(unknownVariables("{{agent.name}} {{foo.bar}}")).toEqual(["foo.bar"]);
  });

  it("does not evaluate anything: a value containing braces is inserted literally", () => {
    expect(renderReply("{{contact.name}}", { contact: { name: "{{agent.name}}" } }).text).toBe("{{agent.name}}");
  });
});
