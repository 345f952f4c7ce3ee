#!/usr/bin/env node
// A tiny round-robin HTTP balancer, to try several storefront instances on one machine (and for the
// cluster tests). Not for production: use your platform's load balancer there.
//   node tests/support/balancer.mjs 3000 3001 3002   → listens on :3000, alternates between :3001 and :3002
import { Agent, createServer, request as forward } from "node:http";
import { fileURLToPath } from "node:url";

/**
 * Listens on `port` and sends each request to the next of `targets` (ports on 127.0.0.1), passing
 * every header through unchanged. `hits[i]` counts what went to `targets[i]`.
 */
export function startBalancer(port, targets) {
  // A fresh connection per request: a kept-alive one can be closed by the instance's own idle timeout
  // just as the balancer reuses it, and that reset would reach the client as a 502.
  const agent = new Agent({ keepAlive: false });
  const hits = targets.map(() => 0);
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    const index = next++ % targets.length;
    hits[index] += 1;
    const upstream = forward(
      {
        host: "127.0.0.1",
        port: targets[index],
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        agent,
      },
      (answer) => {
        // Raw headers keep every Set-Cookie line as the instance sent it.
        outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502, { "Content-Type": "text/plain" });
      outgoing.end("balancer: instance unreachable");
    });
    incoming.pipe(upstream);
  });
  const close = () =>
    new Promise((resolve) => {
      agent.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ hits, close }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [port, ...targets] = process.argv.slice(2).map(Number);
  if (!port || targets.length === 0 || targets.some((target) => !target)) {
    console.error("usage: node tests/support/balancer.mjs <port> <instance port> [<instance port> …]");
    process.exit(2);
  }
  await startBalancer(port, targets);
  console.info(`balancer on http://localhost:${port} → ${targets.map((target) => `:${target}`).join(", ")}`);
}
