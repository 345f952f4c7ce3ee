// Latency sampling: a request timed on its own, sequentially, or with a fixed number in flight.
import http from "node:http";

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

/** Runs `work` on every item with `size` in flight; resolves to the seconds it all took. */
export async function inFlight(items, size, work) {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: size }, worker));
  return (performance.now() - started) / 1000;
}

/** One kept-alive connection, as a browser reuses one for its next page. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** Milliseconds from sending a GET to the response's first bytes (its status line and headers). */
export function timeToFirstByte(url) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    http
      .get(url, { agent }, (response) => {
        const ttfb = performance.now() - start;
        response.resume();
        response.on("end", () =>
          response.statusCode === 200 ? resolve(ttfb) : reject(new Error(`GET ${url} answered ${response.statusCode}`)),
        );
      })
      .on("error", reject);
  });
}
