import type { ConvexClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { describe, expect, test } from "vitest";
import { effectScope, nextTick, ref } from "vue";
import { useConvexPaginatedQuery, useConvexQuery } from "~/composables/convex";

type Listener = {
  args: Record<string, unknown>;
  cb: (v: unknown) => void;
  onError?: (e: Error) => void;
  active: boolean;
};

/** A ConvexClient stand-in: records subscriptions; the test pushes results to them. */
function fakeClient() {
  const subs: Listener[] = [];
  const client = {
    onUpdate(_q: unknown, args: Record<string, unknown>, cb: (v: unknown) => void, onError?: (e: Error) => void) {
      const l: Listener = { args, cb, onError, active: true };
      subs.push(l);
      return () => {
        l.active = false;
      };
    },
  } as unknown as ConvexClient;
  const active = () => subs.filter((s) => s.active);
  return { client, subs, active };
}

const listRef = makeFunctionReference<"query">("inbox/actions:list") as never;

describe("useConvexQuery", () => {
  test("subscribes, updates live, re-subscribes on new args and skips", async () => {
    const { client, active } = fakeClient();
    const args = ref<{ id: string } | "skip">({ id: "a" });
    const scope = effectScope();
    const q = scope.run(() =>
      useConvexQuery(makeFunctionReference<"query">("x:y") as never, () => args.value as never, { client }),
    )!;
    expect(q.isLoading.value).toBe(true);
    expect(active()).toHaveLength(1);
    active()[0]!.cb(1);
    expect(q.data.value).toBe(1);
    active()[0]!.cb(2);
    expect(q.data.value).toBe(2);
    expect(q.isLoading.value).toBe(false);

    args.value = { id: "b" };
    await nextTick();
    expect(active()).toHaveLength(1);
    expect(active()[0]!.args).toEqual({ id: "b" });
    expect(q.data.value).toBeUndefined();
    active()[0]!.onError?.(new Error("forbidden"));
    expect(q.error.value?.message).toBe("forbidden");

    args.value = "skip";
    await nextTick();
    expect(active()).toHaveLength(0);
    expect(q.isLoading.value).toBe(false);
    scope.stop();
  });
});

describe("useConvexPaginatedQuery", () => {
  test("chains pages, dedupes, and re-anchors the next page when a page's end moves", async () => {
    const { client, active } = fakeClient();
    const scope = effectScope();
    const p = scope.run(() =>
      useConvexPaginatedQuery(listRef, () => ({ organizationId: "o" }) as never, { initialNumItems: 2, client }),
    )!;
    expect(p.status.value).toBe("LoadingFirstPage");
    const page1 = active()[0]!;
    expect(page1.args).toEqual({ organizationId: "o", paginationOpts: { numItems: 2, cursor: null } });
    page1.cb({ page: [{ _id: "c" }, { _id: "b" }], isDone: false, continueCursor: "after-b" });
    expect(p.status.value).toBe("CanLoadMore");
    expect(p.loadMore(2)).toBe(true);
    expect(p.status.value).toBe("LoadingMore");
    const page2 = active()[1]!;
    expect(page2.args).toEqual({ organizationId: "o", paginationOpts: { numItems: 2, cursor: "after-b" } });
    page2.cb({ page: [{ _id: "a" }], isDone: true, continueCursor: "" });
    expect(p.results.value.map((r) => (r as { _id: string })._id)).toEqual(["c", "b", "a"]);
    expect(p.status.value).toBe("Exhausted");
    expect(p.loadMore(2)).toBe(false);

    // A new row arrives on top: page 1 now ends at "c", so page 2 is re-subscribed from there.
    page1.cb({ page: [{ _id: "d" }, { _id: "c" }], isDone: false, continueCursor: "after-c" });
    expect(page2.active).toBe(false);
    const page2b = active()[1]!;
    expect(page2b.args).toEqual({ organizationId: "o", paginationOpts: { numItems: 2, cursor: "after-c" } });
    // Until the new page 2 answers, the old rows stay visible (no flicker), without duplicates.
    expect(p.results.value.map((r) => (r as { _id: string })._id)).toEqual(["d", "c"]);
    page2b.cb({ page: [{ _id: "b" }, { _id: "a" }], isDone: true, continueCursor: "" });
    expect(p.results.value.map((r) => (r as { _id: string })._id)).toEqual(["d", "c", "b", "a"]);
    scope.stop();
    expect(active()).toHaveLength(0);
  });

  test("a page that becomes the last one drops the pages after it", () => {
    const { client, active } = fakeClient();
    const scope = effectScope();
    const p = scope.run(() =>
      useConvexPaginatedQuery(listRef, () => ({ organizationId: "o" }) as never, { initialNumItems: 2, client }),
    )!;
    active()[0]!.cb({ page: [{ _id: "b" }, { _id: "a" }], isDone: false, continueCursor: "x" });
    p.loadMore();
    active()[1]!.cb({ page: [], isDone: true, continueCursor: "" });
    active()[0]!.cb({ page: [{ _id: "a" }], isDone: true, continueCursor: "" });
    expect(active()).toHaveLength(1);
    expect(p.results.value).toEqual([{ _id: "a" }]);
    expect(p.status.value).toBe("Exhausted");
    scope.stop();
  });
});
