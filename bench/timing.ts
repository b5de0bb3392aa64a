/**
 * The benches' timing rules, in milliseconds.
 *
 * A ratio compares two pieces of work measured in the same run, so `medians` interleaves them:
 * each round runs every piece once, in an order that turns round by round, and each piece's
 * median is taken over the rounds. Drift in the machine's load (another process, a garbage
 * collection, a CPU slowing down) then falls on both sides of the ratio alike, rather than on
 * whichever happened to run second.
 */
export async function medians<K extends string>(
  works: Record<K, () => Promise<unknown>>,
  rounds: number,
  warmUp = 1,
): Promise<Record<K, number>> {
  const names = Object.keys(works) as K[];
  for (let i = 0; i < warmUp; i += 1) for (const name of names) await works[name]();
  const times = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (let j = 0; j < names.length; j += 1) {
      const name = names[(round + j) % names.length]!;
      const start = performance.now();
      await works[name]();
      times.get(name)!.push(performance.now() - start);
    }
  }
  const result = {} as Record<K, number>;
  for (const [name, list] of times) {
    list.sort((a, b) => a - b);
    result[name] = list[Math.floor(list.length / 2)]!;
  }
  return result;
}

/** The median of `rounds` runs of one piece of work, after `warmUp` unmeasured ones. */
export async function median(work: () => Promise<unknown>, rounds: number, warmUp = 1): Promise<number> {
  return (await medians({ work }, rounds, warmUp)).work;
}
