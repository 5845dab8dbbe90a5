import { describe, expect, it } from "vitest";
import { extractRelationships } from "./relationships";
import { parseSignature } from "./signature";
import type { MessageInput } from "./types";

const msg = (text: string, extra: Partial<MessageInput> = {}): MessageInput => ({
  id: "m1",
  channel: "email",
  direction: "inbound",
  text,
  sentAt: 0,
  senderName: "Olivia Chen",
  senderIdentifier: "Olivia Chen <olivia@kestrel.com>",
  ...extra,
});

describe("extractRelationships", () => {
  it("finds managers, assistants and colleagues from phrases", () => {
    const r = extractRelationships(
      msg(
        "My manager Rachel Kim will sign off. My assistant, Laura Pérez, books meetings. Cc'ing my colleague Jonas Meyer (jonas@kestrel.com).",
      ),
    );
    expect(r.map((x) => [x.type, x.toRef.name, x.toRef.email])).toEqual([
      ["manager", "Rachel Kim", undefined],
      ["assistant", "Laura Pérez", undefined],
      ["colleague", "Jonas Meyer", "jonas@kestrel.com"],
    ]);
    expect(r[0]!.fromRef).toEqual({ name: "Olivia Chen", email: "olivia@kestrel.com" });
    expect(r[0]!.evidence).toBe("My manager Rachel Kim");
  });

  it("attaches cc'd addresses to named people and infers colleagues from a shared domain", () => {
    const r = extractRelationships(
      msg("Looping in Felix Braun from my team.", {
        cc: ["felix.braun@kestrel.com", "ops@kestrel.com", "someone@gmail.com"],
      }),
    );
    expect(r).toEqual([
      expect.objectContaining({
        type: "colleague",
        toRef: { name: "Felix Braun", email: "felix.braun@kestrel.com" },
        confidence: 0.85,
      }),
      expect.objectContaining({
        type: "colleague",
        toRef: { email: "ops@kestrel.com" },
        confidence: 0.6,
        evidence: "shared domain kestrel.com",
      }),
    ]);
  });

  it("reads 'assistant to' from the signature", () => {
    const text =
      "Please send times.\n\nRegards,\nJulia Santos\nExecutive Assistant to Michael Grant\nGrant & Associates LLP";
    const r = extractRelationships(msg(text), { signature: parseSignature(text) });
    expect(r).toEqual([
      expect.objectContaining({ type: "assistant_to", toRef: { name: "Michael Grant" }, confidence: 0.8 }),
    ]);
  });

  it("skips free-mail and own domains, outbound shared domains and quoted text", () => {
    expect(extractRelationships(msg("Hi", { senderIdentifier: "a@gmail.com", cc: ["b@gmail.com"] }))).toEqual([]);
    expect(extractRelationships(msg("Hi", { cc: ["x@kestrel.com"] }), { ownDomains: ["kestrel.com"] })).toEqual([]);
    expect(extractRelationships(msg("Hi", { direction: "outbound", cc: ["x@kestrel.com"] }))).toEqual([]);
    expect(extractRelationships(msg("Ok.\n\n> my manager Rachel Kim said no"))).toEqual([]);
  });
});
