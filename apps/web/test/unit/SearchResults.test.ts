import { mockNuxtImport, mountSuspended } from "@nuxt/test-utils/runtime";
import { describe, expect, test, vi } from "vitest";
import { ref, shallowRef } from "vue";
import SearchResults from "~/components/inbox/SearchResults.vue";

/** What api.search.search.find answered (set per test). */
const { answer } = vi.hoisted(() => ({ answer: { value: undefined as unknown } }));
mockNuxtImport("useConvexQuery", () => () => ({
  data: shallowRef(answer.value),
  error: shallowRef(null),
  isLoading: ref(false),
}));

const snippet = (text: string, marks: [number, number][]) => ({ text, marks, cutStart: false, cutEnd: false });

describe("SearchResults", () => {
  test("lists thread subject hits with the marked subject and the contact; a hit links to its thread", async () => {
    answer.value = {
      messages: [],
      threads: [
        {
          threadId: "thr_1",
          contactId: "con_1",
          contactName: "Maya Lindqvist",
          status: "open",
          lastChannel: "email",
          lastMessageAt: Date.UTC(2026, 10, 29, 9, 0),
          snippet: snippet("Quarterly billing dispute", [[10, 17]]),
        },
      ],
      contacts: [],
    };
    const w = await mountSuspended(SearchResults, { props: { organizationId: "org_1" as never, q: "billing" } });
    expect(w.text()).toContain("Subjects");
    const hit = w.get('[data-search-thread="thr_1"]');
    expect(hit.attributes("href")).toBe("/inbox/thr_1");
    expect(hit.text()).toContain("Maya Lindqvist");
    expect(hit.get("mark").text()).toBe("billing");
    expect(hit.text()).toContain("Quarterly billing dispute");
    expect(w.text()).not.toContain("No message");
  });

  test("nothing found: says so, naming subjects too", async () => {
    answer.value = { messages: [], threads: [], contacts: [] };
    const w = await mountSuspended(SearchResults, { props: { organizationId: "org_1" as never, q: "zzz" } });
    expect(w.text()).toContain("No message, subject or contact matches");
    expect(w.find("[data-search-thread]").exists()).toBe(false);
  });
});
