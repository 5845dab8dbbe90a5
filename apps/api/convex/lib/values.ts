/**
 * Convex values cannot hold `undefined`, while adapters leave optional fields undefined: drop
 * them before a value crosses into a mutation (a JSON round trip does exactly that).
 */
export function withoutUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
