/**
 * Live data over the one ConvexClient the auth plugin provides (`useNuxtApp().$convex`).
 * Subscriptions run in the browser only; during SSR every query reports "loading".
 */
import type { ConvexClient } from "convex/browser";
import type { FunctionArgs, FunctionReference, FunctionReturnType, PaginationResult } from "convex/server";
import { ConvexError, convexToJson, type Value } from "convex/values";
import { computed, type MaybeRefOrGetter, onScopeDispose, ref, shallowRef, toValue, watch } from "vue";

export type QueryArgs<Q extends FunctionReference<"query">> = FunctionArgs<Q> | "skip";

function useConvexClient(): ConvexClient | null {
  if (import.meta.server) return null;
  const client = (useNuxtApp() as unknown as { $convex?: ConvexClient }).$convex;
  return client ?? null;
}

/** Human-readable message of a Convex error (ConvexError data {code, message}, or a plain Error). */
export function errorMessage(error: unknown): string {
  if (error instanceof ConvexError) {
    const data = error.data as { message?: string } | string;
    if (typeof data === "string") return data;
    if (data && typeof data.message === "string") return data.message;
  }
  if (error && typeof error === "object" && "data" in error) {
    const data = (error as { data?: { message?: string } }).data;
    if (data && typeof data.message === "string") return data.message;
  }
  if (error instanceof Error) {
    // Server errors arrive as "[CONVEX Q(...)] [Request ID: ...] Server Error\nUncaught Error: msg"
    const m = /Uncaught (?:Convex)?Error: (.*)/.exec(error.message);
    return m?.[1] ?? error.message;
  }
  return String(error);
}

/** The ConvexError code (e.g. "invalid_argument"), if any. */
export function errorCode(error: unknown): string | undefined {
  if (error && typeof error === "object" && "data" in error) {
    const data = (error as { data?: { code?: string } }).data;
    if (data && typeof data.code === "string") return data.code;
  }
  return undefined;
}

function argsKey(args: unknown): string {
  return args === "skip" ? "skip" : JSON.stringify(convexToJson(args as Value));
}

/**
 * A live query: `data` updates whenever the result changes on the server.
 * `args` may be a getter or ref; return "skip" to not subscribe (e.g. before an org is chosen).
 */
export function useConvexQuery<Q extends FunctionReference<"query">>(
  query: Q,
  args: MaybeRefOrGetter<QueryArgs<Q>>,
  options: { keepPrevious?: boolean; client?: ConvexClient } = {},
) {
  const data = shallowRef<FunctionReturnType<Q> | undefined>(undefined);
  const error = shallowRef<Error | null>(null);
  const isLoading = ref(true);
  const client = options.client ?? useConvexClient();
  if (!client) return { data, error, isLoading };

  let unsubscribe: (() => void) | null = null;
  const stop = () => {
    unsubscribe?.();
    unsubscribe = null;
  };
  watch(
    () => argsKey(toValue(args)),
    (key) => {
      stop();
      if (!options.keepPrevious) data.value = undefined;
      error.value = null;
      if (key === "skip") {
        isLoading.value = false;
        return;
      }
      isLoading.value = true;
      unsubscribe = client.onUpdate(
        query,
        toValue(args) as FunctionArgs<Q>,
        (result) => {
          data.value = result;
          error.value = null;
          isLoading.value = false;
        },
        (e) => {
          error.value = e;
          isLoading.value = false;
        },
      );
    },
    { immediate: true },
  );
  onScopeDispose(stop);
  return { data, error, isLoading };
}

type PaginatedQuery = FunctionReference<
  "query",
  "public",
  { paginationOpts: { numItems: number; cursor: string | null } },
  PaginationResult<unknown>
>;
type PageItem<Q extends PaginatedQuery> = FunctionReturnType<Q>["page"][number];
export type PaginatedArgs<Q extends PaginatedQuery> = Omit<FunctionArgs<Q>, "paginationOpts">;
export type PaginationStatus = "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";

interface PageState {
  cursor: string | null;
  numItems: number;
  result: PaginationResult<unknown> | null;
  unsubscribe: (() => void) | null;
}

/**
 * Infinite scroll over a paginated query. Every loaded page stays subscribed (live). Pages are
 * chained: when a page's end moves (new rows above it), the next page is re-subscribed from the
 * new end, so no row falls between pages; duplicates are dropped by _id.
 */
export function useConvexPaginatedQuery<Q extends PaginatedQuery>(
  query: Q,
  args: MaybeRefOrGetter<PaginatedArgs<Q> | "skip">,
  options: { initialNumItems: number; client?: ConvexClient },
) {
  const pages = shallowRef<PageState[]>([]);
  const error = shallowRef<Error | null>(null);
  const client = options.client ?? useConvexClient();
  let currentArgs: PaginatedArgs<Q> | "skip" = "skip";
  // Bumped on every reset so late callbacks of old subscriptions are ignored.
  let generation = 0;

  const subscribe = (index: number, cursor: string | null, numItems: number) => {
    if (!client || currentArgs === "skip") return;
    const gen = generation;
    const list = [...pages.value];
    const previous = list[index];
    previous?.unsubscribe?.();
    const state: PageState = {
      cursor,
      numItems,
      result: previous?.cursor === cursor ? previous.result : null,
      unsubscribe: null,
    };
    list[index] = state;
    pages.value = list;
    state.unsubscribe = client.onUpdate(
      query,
      { ...currentArgs, paginationOpts: { numItems, cursor } } as FunctionArgs<Q>,
      (result) => {
        if (gen !== generation || pages.value[index] !== state) return;
        state.result = result as PaginationResult<unknown>;
        pages.value = [...pages.value];
        error.value = null;
        const next = pages.value[index + 1];
        if (next && (state.result.isDone || next.cursor !== state.result.continueCursor)) {
          if (state.result.isDone) {
            // This page now reaches the end: drop the pages after it.
            for (const p of pages.value.slice(index + 1)) p.unsubscribe?.();
            pages.value = pages.value.slice(0, index + 1);
          } else {
            subscribe(index + 1, state.result.continueCursor, next.numItems);
          }
        }
      },
      (e) => {
        if (gen !== generation) return;
        error.value = e;
      },
    );
  };

  const reset = () => {
    generation++;
    for (const p of pages.value) p.unsubscribe?.();
    pages.value = [];
    error.value = null;
  };

  watch(
    () => argsKey(toValue(args)),
    () => {
      reset();
      currentArgs = toValue(args);
      if (currentArgs !== "skip") subscribe(0, null, options.initialNumItems);
    },
    { immediate: true },
  );
  onScopeDispose(reset);

  const results = computed(() => {
    const seen = new Set<string>();
    const out: PageItem<Q>[] = [];
    for (const p of pages.value) {
      for (const item of (p.result?.page ?? []) as PageItem<Q>[]) {
        const id = (item as { _id?: string })._id ?? JSON.stringify(item);
        if (seen.has(id)) continue;
        seen.add(id);
        out.push(item);
      }
    }
    return out;
  });

  const status = computed<PaginationStatus>(() => {
    const list = pages.value;
    if (list.length === 0) return toValue(args) === "skip" ? "Exhausted" : "LoadingFirstPage";
    if (!list[0]!.result) return "LoadingFirstPage";
    const last = list[list.length - 1]!;
    if (!last.result) return "LoadingMore";
    return last.result.isDone ? "Exhausted" : "CanLoadMore";
  });

  const loadMore = (numItems: number = options.initialNumItems) => {
    const list = pages.value;
    const last = list[list.length - 1];
    if (!last?.result || last.result.isDone) return false;
    subscribe(list.length, last.result.continueCursor, numItems);
    return true;
  };

  return { results, status, error, loadMore, isLoading: computed(() => status.value === "LoadingFirstPage") };
}

function useCaller<Kind extends "mutation" | "action">(kind: Kind, client: ConvexClient | null) {
  return <F extends FunctionReference<Kind>>(fn: F) => {
    const isPending = ref(false);
    const error = shallowRef<unknown>(null);
    const run = async (args: FunctionArgs<F>): Promise<FunctionReturnType<F>> => {
      isPending.value = true;
      error.value = null;
      try {
        if (!client) throw new Error("Not connected to the server yet");
        return kind === "mutation"
          ? ((await client.mutation(fn as FunctionReference<"mutation">, args)) as FunctionReturnType<F>)
          : ((await client.action(fn as FunctionReference<"action">, args)) as FunctionReturnType<F>);
      } catch (e) {
        error.value = e;
        throw e;
      } finally {
        isPending.value = false;
      }
    };
    return { run, isPending, error, errorMessage: computed(() => (error.value ? errorMessage(error.value) : null)) };
  };
}

/** A mutation caller with pending/error state: `const { run, isPending, errorMessage } = useConvexMutation(api.x.y)`. */
export function useConvexMutation<F extends FunctionReference<"mutation">>(fn: F) {
  return useCaller("mutation", useConvexClient())(fn);
}

/** An action caller with pending/error state. */
export function useConvexAction<F extends FunctionReference<"action">>(fn: F) {
  return useCaller("action", useConvexClient())(fn);
}
