// Latency sampling: a request timed on its own, sequentially, or with a fixed number in flight.

/** Milliseconds one call takes, from just before it starts to its settled body. */
export async function timed(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Times `fn(item)` for each item with `concurrency` calls in flight at all times. */
export async function timedPool(items, concurrency, fn) {
  const latencies = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      latencies.push(await timed(() => fn(item)));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}
