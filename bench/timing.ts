/** The benches' one timing rule: the median of `rounds` runs after `warmUp` unmeasured ones, in milliseconds. */
export async function median(work: () => Promise<unknown>, rounds: number, warmUp = 1): Promise<number> {
  for (let i = 0; i < warmUp; i += 1) await work();
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
