import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, vi } from "vitest";

// A scriptable stand-in for Bolt's HTTP API in unit tests: records every request and answers each
// `METHOD path` from a queue of replies (the last one repeats).

export type StubReply = {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  body?: unknown;
  /** Never answer (the client must time out). */
  hang?: boolean;
  /** Answer this much later. */
  delayMs?: number;
};

export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders; body: string; at: number };

export type StubBolt = {
  url: string;
  requests: RecordedRequest[];
  reply(route: `${string} /${string}`, ...replies: StubReply[]): void;
  reset(): void;
  close(): Promise<void>;
};

function send(response: ServerResponse, reply: StubReply): void {
  if (reply.hang) return;
  if (reply.delayMs) {
    setTimeout(() => send(response, { ...reply, delayMs: 0 }), reply.delayMs);
    return;
  }
  const text =
    typeof reply.body === "string" || reply.body === undefined ? (reply.body ?? "") : JSON.stringify(reply.body);
  const type = typeof reply.body === "string" || reply.body === undefined ? "text/plain" : "application/json";
  response.writeHead(reply.status ?? 200, { "Content-Type": type, ...reply.headers });
  response.end(text);
}

export async function startStubBolt(): Promise<StubBolt> {
  const routes = new Map<string, StubReply[]>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = request.url ?? "/";
      const method = request.method ?? "GET";
      requests.push({
        method,
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      const queue = routes.get(`${method} ${path}`);
      const reply = queue && (queue.length > 1 ? queue.shift() : queue[0]);
      send(
        response,
        reply ?? { status: 404, body: { errors: [{ code: 404, message: `no stub for ${method} ${path}` }] } },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (route, ...replies) => void routes.set(route, replies),
    reset: () => {
      routes.clear();
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One stub for the test file, started before its tests with BOLT_API_URL (and `env`) pointing at it,
 * reset before each test and closed after the last. Call it before hooks of the file's own that use it.
 */
export function stubBoltForFile(env: Record<string, string> = {}): StubBolt {
  let current: StubBolt | undefined;
  beforeAll(async () => {
    current = await startStubBolt();
    vi.stubEnv("BOLT_API_URL", current.url);
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  });
  afterAll(() => current?.close());
  beforeEach(() => current?.reset());
  return new Proxy({} as StubBolt, {
    get(_, key) {
      if (!current) throw new Error("The stub Bolt starts in beforeAll; use it inside hooks and tests.");
      const value: unknown = Reflect.get(current, key);
      return typeof value === "function" ? value.bind(current) : value;
    },
  });
}
