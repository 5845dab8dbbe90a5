/**
 * Automation rules, the pure part: the shapes of triggers, conditions and actions, their
 * validation (admins write them, so they are hostile input), a regular-expression guard, and the
 * evaluation of conditions against the facts of one event. The Convex side gathers the facts,
 * keeps exactly-once per (rule, event) and performs the actions.
 */

export const RULE_TRIGGERS = [
  "message.received",
  "thread.created",
  "thread.statusChanged",
  "contact.updated",
  // Raised by the SLA scheduler (issue 12 item 1) once it exists; rules may already use it.
  "sla.breached",
] as const;
export type RuleTrigger = (typeof RULE_TRIGGERS)[number];

export const RULE_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type RulePriority = (typeof RULE_PRIORITIES)[number];

export const CONTACT_FIELDS = ["displayName", "company", "title", "primaryEmail", "primaryPhone", "timezone"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export type RuleCondition =
  | { kind: "channel"; channels: readonly string[] }
  | { kind: "textContains"; value: string }
  | { kind: "textMatches"; pattern: string }
  | { kind: "label"; labelId: string }
  | { kind: "contactField"; field: ContactField; op: "equals" | "contains" | "present"; value?: string }
  /** Placeholder until business-hour policies exist: the org's time zone, weekdays (0 = Sunday) and [startHour, endHour). */
  | { kind: "businessHours"; inside: boolean; days: readonly number[]; startHour: number; endHour: number }
  | { kind: "sentiment"; label: "positive" | "neutral" | "negative" }
  | { kind: "dealStage"; stage: string };

export type RuleAction =
  | { kind: "assign"; memberId: string }
  /** Moves the thread to a team; the team's assignment policy then picks an agent. */
  | { kind: "assignTeam"; teamId: string }
  | { kind: "addLabel"; labelId: string }
  | { kind: "setPriority"; priority: RulePriority }
  | { kind: "reply"; savedReplyId: string }
  | { kind: "snooze"; minutes: number }
  | { kind: "aiStep"; mode?: "draft" | "summary" }
  /** POSTs the event to one of the organization's webhook endpoints (signed, retried, logged). */
  | { kind: "webhook"; endpointId: string };

export const MAX_RULES_PER_ORG = 50;
export const MAX_CONDITIONS = 10;
export const MAX_ACTIONS = 5;
export const MAX_RULE_NAME = 80;
export const MAX_CONTAINS = 200;
export const MAX_PATTERN = 200;
/** Only this much of a message is searched by `textMatches`: bounds the worst case of a guarded pattern. */
export const MAX_MATCHED_TEXT = 1000;
/**
 * Upper bound of the backtracking per start position: the product over quantifiers of how many
 * counts each may try (an unbounded one: MAX_MATCHED_TEXT) and over alternations of their
 * branches. Times MAX_MATCHED_TEXT start positions, a match costs at most ~10^7 steps.
 */
export const MAX_BACKTRACK_COST = 10_000;
const MAX_SNOOZE_MINUTES = 60 * 24 * 30;

export class RuleError extends Error {}

/**
 * Compiles an admin's pattern only if it cannot backtrack catastrophically. JavaScript's engine
 * backtracks, and no linear-time engine (RE2) is available as a pure package we may use, so the
 * dangerous shapes are refused instead: backreferences and lookarounds (not regular), a repeated
 * group that itself contains a quantifier or an alternation (`(a+)+`, `(a|a)*`: exponential),
 * a product of choices above MAX_BACKTRACK_COST (polynomial backtracking), and large
 * counted repetitions. The text matched is cut to MAX_MATCHED_TEXT characters.
 */
export function compileGuardedPattern(pattern: string): RegExp {
  if (pattern.length === 0 || pattern.length > MAX_PATTERN)
    throw new RuleError(`pattern: 1 to ${MAX_PATTERN} characters`);
  type Frame = { inner: boolean; alt: boolean; branches: number };
  const stack: Frame[] = [{ inner: false, alt: false, branches: 1 }];
  let cost = 1;
  const spend = (factor: number) => {
    cost *= factor;
    if (cost > MAX_BACKTRACK_COST)
      throw new RuleError("pattern: too many ways to backtrack (use fewer * + {n,m}, or text contains)");
  };
  let i = 0;
  /** Reads a quantifier at `at`: its length, whether it repeats (not `?` or `{0,1}`) and how many counts it may try. */
  const quantifierAt = (at: number): { len: number; repeats: boolean; choices: number } | null => {
    const c = pattern[at];
    let len = 0;
    let repeats = false;
    let choices = 2;
    if (c === "*" || c === "+") {
      len = 1;
      repeats = true;
      choices = MAX_MATCHED_TEXT;
    } else if (c === "?") len = 1;
    else if (c === "{") {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(pattern.slice(at));
      if (!m) return null;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === "" ? Number.POSITIVE_INFINITY : Number(m[3]);
      if (min > 100 || (Number.isFinite(max) && max > 100)) throw new RuleError("pattern: repetition counts above 100");
      len = m[0].length;
      repeats = max > 1;
      choices = Number.isFinite(max) ? max - min + 1 : MAX_MATCHED_TEXT;
    } else return null;
    if (pattern[at + len] === "?") len += 1; // lazy modifier
    return { len, repeats, choices };
  };
  const noteQuantifier = (at: number, groupInner: boolean) => {
    const q = quantifierAt(at);
    if (!q) return 0;
    if (q.repeats && groupInner) throw new RuleError("pattern: a repeated group may not contain a quantifier or |");
    spend(q.choices);
    stack[stack.length - 1]!.inner = true;
    return q.len;
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next === undefined) throw new RuleError("pattern: ends with \\");
      if (/[1-9]/.test(next) || next === "k") throw new RuleError("pattern: backreferences are not allowed");
      i += 2;
      i += noteQuantifier(i, false);
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j += pattern[j] === "\\" ? 2 : 1;
      if (j >= pattern.length) throw new RuleError("pattern: unclosed [");
      i = j + 1;
      i += noteQuantifier(i, false);
      continue;
    }
    if (c === "(") {
      if (pattern[i + 1] === "?") {
        const head = pattern.slice(i + 2, i + 4);
        if (head[0] === "=" || head[0] === "!" || head === "<=" || head === "<!")
          throw new RuleError("pattern: lookarounds are not allowed");
      }
      stack.push({ inner: false, alt: false, branches: 1 });
      i += 1;
      if (pattern[i] === "?") {
        // (?:...) and (?<name>...): skip the group's prefix.
        const close = pattern[i + 1] === "<" ? pattern.indexOf(">", i) : pattern[i + 1] === ":" ? i + 1 : -1;
        if (close < 0) throw new RuleError("pattern: unsupported group");
        i = close + 1;
      }
      continue;
    }
    if (c === ")") {
      if (stack.length === 1) throw new RuleError("pattern: unbalanced )");
      const frame = stack.pop()!;
      spend(frame.branches);
      i += 1;
      const parent = stack[stack.length - 1]!;
      parent.inner ||= frame.inner;
      i += noteQuantifier(i, frame.inner || frame.alt);
      continue;
    }
    if (c === "|") {
      const frame = stack[stack.length - 1]!;
      frame.alt = true;
      frame.branches += 1;
      i += 1;
      continue;
    }
    if (quantifierAt(i)) throw new RuleError("pattern: a quantifier with nothing to repeat");
    i += 1;
    i += noteQuantifier(i, false);
  }
  if (stack.length !== 1) throw new RuleError("pattern: unclosed (");
  spend(stack[0]!.branches);
  try {
    return new RegExp(pattern, "iu");
  } catch (e) {
    throw new RuleError(`pattern: ${(e as Error).message}`);
  }
}

export const matchesGuarded = (re: RegExp, text: string): boolean => re.test(text.slice(0, MAX_MATCHED_TEXT));

/** Checks one condition's shape and bounds; throws RuleError naming what is wrong. */
export function validateCondition(c: RuleCondition): RuleCondition {
  switch (c.kind) {
    case "channel":
      if (c.channels.length === 0 || c.channels.length > 10) throw new RuleError("channel: 1 to 10 channels");
      return c;
    case "textContains": {
      const value = c.value.trim();
      if (!value || value.length > MAX_CONTAINS) throw new RuleError(`text contains: 1 to ${MAX_CONTAINS} characters`);
      return { kind: c.kind, value };
    }
    case "textMatches":
      compileGuardedPattern(c.pattern);
      return c;
    case "label":
    case "sentiment":
    case "dealStage":
      return c;
    case "contactField":
      if (!CONTACT_FIELDS.includes(c.field)) throw new RuleError("contact field: unknown field");
      if (c.op !== "present" && (!c.value?.trim() || c.value.length > MAX_CONTAINS))
        throw new RuleError(`contact field: a value of 1 to ${MAX_CONTAINS} characters`);
      return c;
    case "businessHours": {
      const { days, startHour, endHour } = c;
      if (days.length === 0 || days.length > 7 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 6))
        throw new RuleError("business hours: weekdays 0 (Sunday) to 6");
      if (
        !Number.isInteger(startHour) ||
        !Number.isInteger(endHour) ||
        startHour < 0 ||
        endHour > 24 ||
        startHour >= endHour
      )
        throw new RuleError("business hours: whole hours with 0 <= start < end <= 24");
      return c;
    }
  }
}

export function validateAction(a: RuleAction): RuleAction {
  if (a.kind === "snooze" && (!Number.isInteger(a.minutes) || a.minutes < 1 || a.minutes > MAX_SNOOZE_MINUTES))
    throw new RuleError(`snooze: 1 to ${MAX_SNOOZE_MINUTES} minutes`);
  return a;
}

/** Conditions that read the message's text: only `message.received` has one, elsewhere they could never hold. */
const TEXT_CONDITIONS: ReadonlySet<RuleCondition["kind"]> = new Set(["textContains", "textMatches", "sentiment"]);
const CONDITION_NAMES: Record<RuleCondition["kind"], string> = {
  channel: "channel",
  textContains: "text contains",
  textMatches: "text matches",
  label: "label",
  contactField: "contact field",
  businessHours: "business hours",
  sentiment: "sentiment",
  dealStage: "deal stage",
};
/** Actions a rule may hold once: a second one would only overwrite the first. */
const SINGLE_ACTIONS: ReadonlySet<RuleAction["kind"]> = new Set([
  "assign",
  "assignTeam",
  "setPriority",
  "snooze",
  "reply",
  "aiStep",
]);
const actionKey = (a: RuleAction) => (SINGLE_ACTIONS.has(a.kind) ? a.kind : JSON.stringify(a));

export interface RuleInput {
  name: string;
  trigger: RuleTrigger;
  conditions: RuleCondition[];
  actions: RuleAction[];
}

/** A rule's cleaned fields, or a RuleError. */
export function validateRule(input: RuleInput): RuleInput {
  const name = input.name.trim();
  if (!name || name.length > MAX_RULE_NAME) throw new RuleError(`name: 1 to ${MAX_RULE_NAME} characters`);
  if (!RULE_TRIGGERS.includes(input.trigger)) throw new RuleError("trigger: unknown");
  if (input.conditions.length > MAX_CONDITIONS) throw new RuleError(`at most ${MAX_CONDITIONS} conditions`);
  if (input.actions.length === 0 || input.actions.length > MAX_ACTIONS)
    throw new RuleError(`1 to ${MAX_ACTIONS} actions`);
  if (input.trigger !== "message.received") {
    const textual = input.conditions.find((c) => TEXT_CONDITIONS.has(c.kind));
    if (textual)
      throw new RuleError(
        `${CONDITION_NAMES[textual.kind]}: only a "message received" rule has a message to read (trigger is ${input.trigger})`,
      );
  }
  const seen = new Set<string>();
  for (const a of input.actions) {
    const key = actionKey(a);
    if (seen.has(key)) throw new RuleError(`${a.kind}: the same action twice (a rule takes each of these once)`);
    seen.add(key);
  }
  return {
    name,
    trigger: input.trigger,
    conditions: input.conditions.map(validateCondition),
    actions: input.actions.map(validateAction),
  };
}

/** What an event tells the conditions. Absent facts make their conditions fail (never match by default). */
export interface RuleFacts {
  channel?: string;
  /** The burst's text (message.received); empty for other triggers. */
  text: string;
  labelIds: readonly string[];
  contact: Readonly<Partial<Record<ContactField, string>>>;
  sentiment?: "positive" | "neutral" | "negative";
  dealStage?: string;
  now: number;
  timeZone: string;
}

/** Weekday (0 = Sunday) and hour of `at` in a time zone. */
export function localDayHour(at: number, timeZone: string): { day: number; hour: number } {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    hour: "numeric",
    hourCycle: "h23",
  }).formatToParts(new Date(at));
  const weekday = parts.find((p) => p.type === "weekday")?.value ?? "Sun";
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  return { day: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(weekday), hour };
}

function conditionHolds(c: RuleCondition, f: RuleFacts): boolean {
  switch (c.kind) {
    case "channel":
      return f.channel !== undefined && c.channels.includes(f.channel);
    case "textContains":
      return f.text.toLowerCase().includes(c.value.toLowerCase());
    case "textMatches":
      return matchesGuarded(compileGuardedPattern(c.pattern), f.text);
    case "label":
      return f.labelIds.includes(c.labelId);
    case "contactField": {
      const value = f.contact[c.field]?.trim() ?? "";
      if (c.op === "present") return value !== "";
      const want = (c.value ?? "").trim().toLowerCase();
      return c.op === "equals" ? value.toLowerCase() === want : value.toLowerCase().includes(want);
    }
    case "businessHours": {
      const { day, hour } = localDayHour(f.now, f.timeZone);
      const inside = c.days.includes(day) && hour >= c.startHour && hour < c.endHour;
      return inside === c.inside;
    }
    case "sentiment":
      return f.sentiment === c.label;
    case "dealStage":
      return f.dealStage === c.stage;
  }
}

/** Whether every condition holds (all are ANDed; no conditions = always), and the first that did not. */
export function evaluateConditions(
  conditions: RuleCondition[],
  facts: RuleFacts,
): { matched: true } | { matched: false; failed: RuleCondition["kind"] } {
  for (const c of conditions.slice(0, MAX_CONDITIONS)) {
    let holds: boolean;
    try {
      holds = conditionHolds(c, facts);
    } catch {
      holds = false; // a pattern stored before a stricter guard: never matches
    }
    if (!holds) return { matched: false, failed: c.kind };
  }
  return { matched: true };
}
