// Bounded fan-out inside a turn: several storage reads at once, never more than `limit`, so a
// turn over a long list cannot open a socket per item (EMFILE, storage timeouts; issue 25).
// Results keep the order of the items.

export async function mapPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < items.length) {
      const at = nextIndex++;
      out[at] = await work(items[at] as T, at);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}
