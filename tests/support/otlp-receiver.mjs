// A small OTLP/HTTP receiver for traces, as a collector would listen on :4318: the storefront's exporter
// (@opentelemetry/exporter-trace-otlp-http) posts JSON to /v1/traces, decoded here into flat spans.
import { createServer } from "node:http";

/**
 * @typedef {{ traceId: string; spanId: string; parentSpanId: string | undefined; name: string;
 *   service: string | undefined; attributes: Record<string, string | number | boolean | undefined> }} ReceivedSpan
 */

/** An OTLP AnyValue, as the JSON encoding spells it (64-bit integers may come as strings). */
function valueOf(any) {
  if (!any) return undefined;
  if ("stringValue" in any) return any.stringValue;
  if ("intValue" in any) return Number(any.intValue);
  if ("doubleValue" in any) return any.doubleValue;
  if ("boolValue" in any) return any.boolValue;
  return JSON.stringify(any);
}

const attributesOf = (list = []) => Object.fromEntries(list.map(({ key, value }) => [key, valueOf(value)]));

/** @returns {ReceivedSpan[]} */
export function decodeTraces(body) {
  const spans = [];
  for (const { resource, scopeSpans = [] } of body.resourceSpans ?? []) {
    const service = attributesOf(resource?.attributes)["service.name"];
    for (const { spans: list = [] } of scopeSpans) {
      for (const span of list) {
        spans.push({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId || undefined,
          name: span.name,
          service: typeof service === "string" ? service : undefined,
          attributes: attributesOf(span.attributes),
        });
      }
    }
  }
  return spans;
}

/** Starts on a free loopback port; `url` is what OTEL_EXPORTER_OTLP_ENDPOINT takes. */
export async function startOtlpReceiver() {
  /** @type {ReceivedSpan[]} */
  const spans = [];
  let requests = 0;
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      requests += 1;
      if (request.method !== "POST" || request.url !== "/v1/traces") {
        response.writeHead(404).end();
        return;
      }
      if (!request.headers["content-type"]?.startsWith("application/json")) {
        response.writeHead(415).end();
        return;
      }
      try {
        spans.push(...decodeTraces(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
        response.writeHead(200, { "Content-Type": "application/json" }).end("{}");
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    get requests() {
      return requests;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
