/**
 * An object indexed by ids from a file, without a prototype: a section or option called
 * `constructor` or `toString` must find nothing rather than Object's own function
 * (`function Object()` once printed in a CSV cell). Where an id indexes data, use a Map or this.
 */
export function idRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  // Without a prototype there is no __proto__ setter either: assigning "__proto__" makes an
  // ordinary own key, as every other id.
  for (const [key, value] of entries) record[key] = value;
  return record;
}
