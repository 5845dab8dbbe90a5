import { describe, expect, test } from "vitest";
import {
  compileGuardedPattern,
  evaluateConditions,
  localDayHour,
  MAX_MATCHED_TEXT,
  matchesGuarded,
  RuleError,
  type RuleFacts,
  validateRule,
} from "./rules";

const facts = (over: Partial<RuleFacts> = {}): RuleFacts => ({
  channel: "whatsapp",
  text: "Hi, I want a REFUND for order 1234",
  labelIds: ["l1"],
  contact: { displayName: "Dana Reyes", company: "Acme" },
  sentiment: "negative",
  dealStage: "proposal",
  // Wednesday 2026-11-25 14:30 UTC
  now: Date.UTC(2026, 10, 25, 14, 30),
  timeZone: "UTC",
  ...over,
});

describe("the pattern guard", () => {
  test("accepts ordinary patterns and matches case-insensitively", () => {
    for (const p of [
      "refund",
      "order \\d{3,6}",
      "^(hi|hello)\\b",
      "(?:re)?fund",
      "[a-z0-9.]+@example\\.com",
      "(?<n>ab)+",
    ])
      expect(compileGuardedPattern(p)).toBeInstanceOf(RegExp);
    expect(matchesGuarded(compileGuardedPattern("order \\d{3,6}"), "ORDER 1234")).toBe(true);
  });

  test.each([
    ["(a+)+$", /repeated group/],
    ["(a|a)*b", /repeated group/],
    ["((a)*)*", /repeated group/],
    ["(\\w+\\s?)*$", /repeated group/],
    ["(a)\\1", /backreferences/],
    ["(?<x>a)\\k<x>", /backreferences/],
    ["a(?=b)", /lookarounds/],
    ["(?<!a)b", /lookarounds/],
    ["a*a*b", /too many ways/],
    ["[a-z]+@[a-z]+", /too many ways/],
    ["a*\\d{1,100}", /too many ways/],
    ["a{1,1000}", /above 100/],
    ["*a", /nothing to repeat/],
    ["(ab", /unclosed/],
    ["x".repeat(201), /1 to 200/],
  ])("refuses %s", (pattern, message) => {
    expect(() => compileGuardedPattern(pattern)).toThrow(RuleError);
    expect(() => compileGuardedPattern(pattern)).toThrow(message);
  });

  test("the worst pattern the guard lets through stays fast on hostile input", () => {
    const re = compileGuardedPattern("a*(b|c)");
    const text = "a".repeat(MAX_MATCHED_TEXT * 50);
    const started = performance.now();
    expect(matchesGuarded(re, text)).toBe(false);
    // O(n^2) over the 1,000 characters actually searched, not over the 50,000 given.
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("conditions", () => {
  test("every kind matches its fact and fails on a different one", () => {
    const cases = [
      [{ kind: "channel", channels: ["whatsapp", "sms"] }, { channel: "email" }],
      [{ kind: "textContains", value: "refund" }, { text: "thanks" }],
      [{ kind: "textMatches", pattern: "order \\d+" }, { text: "order none" }],
      [{ kind: "label", labelId: "l1" }, { labelIds: [] }],
      [{ kind: "contactField", field: "company", op: "equals", value: "acme" }, { contact: { company: "Globex" } }],
      [{ kind: "contactField", field: "displayName", op: "contains", value: "reyes" }, { contact: {} }],
      [{ kind: "contactField", field: "company", op: "present" }, { contact: { company: " " } }],
      [{ kind: "sentiment", label: "negative" }, { sentiment: undefined }],
      [{ kind: "dealStage", stage: "proposal" }, { dealStage: "won" }],
      [
        { kind: "businessHours", inside: true, days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 },
        { now: Date.UTC(2026, 10, 29, 14, 30) }, // a Sunday
      ],
    ] as const;
    for (const [condition, miss] of cases) {
      expect(evaluateConditions([condition], facts()), condition.kind).toEqual({ matched: true });
      expect(evaluateConditions([condition], facts(miss)), condition.kind).toEqual({
        matched: false,
        failed: condition.kind,
      });
    }
  });

  test("business hours are read in the organization's time zone", () => {
    const hours = { kind: "businessHours", inside: true, days: [3], startHour: 9, endHour: 17 } as const;
    // 14:30 UTC is 23:30 in Tokyo: outside.
    expect(evaluateConditions([hours], facts({ timeZone: "Asia/Tokyo" })).matched).toBe(false);
    expect(evaluateConditions([{ ...hours, inside: false }], facts({ timeZone: "Asia/Tokyo" })).matched).toBe(true);
    expect(localDayHour(Date.UTC(2026, 10, 25, 14, 30), "America/New_York")).toEqual({ day: 3, hour: 9 });
  });

  test("all conditions must hold; none means always", () => {
    expect(evaluateConditions([], facts())).toEqual({ matched: true });
    expect(
      evaluateConditions(
        [
          { kind: "channel", channels: ["whatsapp"] },
          { kind: "textContains", value: "invoice" },
        ],
        facts(),
      ),
    ).toEqual({ matched: false, failed: "textContains" });
  });

  test("a stored pattern the guard now refuses never matches", () => {
    expect(evaluateConditions([{ kind: "textMatches", pattern: "(a+)+" }], facts({ text: "aaa" })).matched).toBe(false);
  });
});

describe("rule validation", () => {
  const base = {
    name: " Refunds ",
    trigger: "message.received" as const,
    conditions: [{ kind: "textContains" as const, value: " refund " }],
    actions: [{ kind: "addLabel" as const, labelId: "l1" }],
  };
  test("cleans names and values", () => {
    expect(validateRule(base)).toEqual({
      ...base,
      name: "Refunds",
      conditions: [{ kind: "textContains", value: "refund" }],
    });
  });
  test("a rule may call two different webhook endpoints and assign a team and an agent", () => {
    const actions = [
      { kind: "assignTeam" as const, teamId: "t1" },
      { kind: "assign" as const, memberId: "m1" },
      { kind: "webhook" as const, endpointId: "e1" },
      { kind: "webhook" as const, endpointId: "e2" },
    ];
    expect(validateRule({ ...base, actions }).actions).toEqual(actions);
  });
  test.each([
    [{ name: "" }, /name/],
    [{ actions: [] }, /1 to 5 actions/],
    [{ actions: Array(6).fill({ kind: "aiStep" }) }, /1 to 5 actions/],
    [{ conditions: Array(11).fill({ kind: "sentiment", label: "negative" }) }, /at most 10/],
    [{ conditions: [{ kind: "textMatches", pattern: "(x+)+" }] }, /repeated group/],
    [{ actions: [{ kind: "snooze", minutes: 0 }] }, /snooze/],
    [{ conditions: [{ kind: "businessHours", inside: true, days: [7], startHour: 9, endHour: 17 }] }, /weekdays/],
    [{ conditions: [{ kind: "businessHours", inside: true, days: [1], startHour: 17, endHour: 9 }] }, /start < end/],
    [{ conditions: [{ kind: "contactField", field: "company", op: "equals" }] }, /contact field/],
    [{ trigger: "thread.statusChanged" }, /text contains: only a "message received" rule/],
    [{ trigger: "sla.breached", conditions: [{ kind: "sentiment", label: "negative" }] }, /sentiment: only/],
    [
      {
        actions: [
          { kind: "assignTeam", teamId: "t1" },
          { kind: "assignTeam", teamId: "t2" },
        ],
      },
      /assignTeam: the same action twice/,
    ],
    [
      {
        actions: [
          { kind: "webhook", endpointId: "e1" },
          { kind: "webhook", endpointId: "e1" },
        ],
      },
      /webhook: the same action twice/,
    ],
  ])("refuses %j", (over, message) => {
    expect(() => validateRule({ ...base, ...(over as object) })).toThrow(message);
  });
});
