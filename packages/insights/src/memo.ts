/**
 * Keeps the last result of a pure function. The extractors of one message each ask the same question of the same
 * text in turn (the message's body, a clause's normal form, the deal stage), so one remembered call removes the
 * repeats without a cache to bound: a new argument replaces the old. Results are shared, so callers never mutate them.
 */
export function rememberLast<A, R>(fn: (arg: A) => R, same: (a: A, b: A) => boolean = Object.is): (arg: A) => R {
  let last: { arg: A; result: R } | null = null;
  return (arg) => {
    if (last !== null && same(last.arg, arg)) return last.result;
    const result = fn(arg);
    last = { arg, result };
    return result;
  };
}
