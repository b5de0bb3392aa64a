/**
 * A DataLoader for fields that one query answers for many areas at once (a profile, a spend
 * summary): keys that share a request shape (everything but the area) share one computation,
 * kept for the whole request rather than one batch, because fields of one shape resolve in
 * different ticks (e.g. the localities arrive from the record store after the county) and each
 * must reuse the one query.
 */
import DataLoader from 'dataloader';

export function shapeLoader<K, V>(options: {
  /** The key without its area: keys with equal shapes share `compute`. */
  shape: (key: K) => string;
  /** The key's area, as `compute`'s map names it. */
  item: (key: K) => string;
  /** Every area's answer for the key's shape, in one query. */
  compute: (key: K) => Promise<ReadonlyMap<string, V>>;
  /** The answer for an area the computation has nothing for. */
  missing: V;
}): DataLoader<K, V, string> {
  const shapes = new Map<string, Promise<ReadonlyMap<string, V>>>();
  return new DataLoader<K, V, string>(
    async (keys) =>
      Promise.all(
        keys.map(async (key) => {
          const text = options.shape(key);
          let answer = shapes.get(text);
          if (!answer) {
            answer = options.compute(key);
            shapes.set(text, answer);
          }
          return (await answer).get(options.item(key)) ?? options.missing;
        }),
      ),
    { cacheKeyFn: (key) => `${options.shape(key)}|${options.item(key)}` },
  );
}
