/**
 * A loader for fields that one query answers for many areas at once (a profile, a spend
 * summary): keys that share a request shape (everything but the area) share one computation,
 * kept for the whole request, because fields of one shape resolve in different ticks (e.g. the
 * localities arrive from the record store after the county) and each must reuse the one query.
 *
 * Not a DataLoader, on purpose: a DataLoader waits for the end of the tick to batch its keys,
 * and the record store's work for the same request (planning and running the localities query)
 * would run first. Here the first field of a shape starts its one query at once, and every
 * later field of the shape waits for that query; the count of queries is the same.
 */
export interface ShapeLoader<K, V> {
  /** The answer for the key's area, from its shape's one computation. */
  load(key: K): Promise<V>;
}

export function shapeLoader<K, V>(options: {
  /** The key without its area: keys with equal shapes share `compute`. */
  shape: (key: K) => string;
  /** The key's area, as `compute`'s map names it. */
  item: (key: K) => string;
  /** Every area's answer for the key's shape, in one query. */
  compute: (key: K) => Promise<ReadonlyMap<string, V>>;
  /** The answer for an area the computation has nothing for. */
  missing: V;
}): ShapeLoader<K, V> {
  const shapes = new Map<string, Promise<ReadonlyMap<string, V>>>();
  return {
    load(key) {
      const text = options.shape(key);
      let answer = shapes.get(text);
      if (!answer) {
        answer = options.compute(key);
        shapes.set(text, answer);
      }
      return answer.then((areas) => areas.get(options.item(key)) ?? options.missing);
    },
  };
}
