// autocannon in-process, with every failure counted: socket errors and timeouts, non-2xx answers,
// and 200s whose body is not the page we asked for (a degraded checkout is a 200 too).
import autocannon from "autocannon";
import { APP_URL } from "./env.mjs";

/**
 * @param {{ requests: Array<{ path: string, cookie?: string, expect?: string }>, connections: number,
 *   duration?: number, amount?: number, url?: string }} options
 */
export async function load({ requests, connections, duration, amount, url = APP_URL }) {
  let mismatches = 0;
  const result = await autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration }),
    requests: requests.map(({ path, cookie, expect }) => ({
      method: "GET",
      path,
      headers: cookie ? { cookie } : {},
      onResponse: (status, body) => {
        if (status === 200 && expect && !body.includes(expect)) mismatches++;
      },
    })),
  });
  return {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + mismatches,
  };
}
