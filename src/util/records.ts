/**
 * An object indexed by ids from a file, without a prototype: a section or option called
 * `constructor` or `toString` must find nothing rather than Object's own function
 * (`function Object()` once printed in a CSV cell). Where an id indexes data, use a Map or this.
 */
export function idRecord<T>(entries: Iterable<readonly [string, T]> = []): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  for (const [key, value] of entries) {
    // defineProperty: "__proto__" is an ordinary key here too.
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return record;
}
