import { context, trace } from "@opentelemetry/api";
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { callBolt } from "@/lib/bolt/http";
import { stubBoltForFile } from "@/lib/bolt/testing/stub-bolt";
import { guarded, LedgerUnavailableError } from "@/lib/db/errors";
import { log } from "@/lib/log/logger";
import { captureLog } from "@/lib/log/testing/capture";
import { annotateSpan, inSpan, traceWebhook } from "./spans";

// With a tracer provider registered, as lib/telemetry/start.ts registers one when an OTLP endpoint is set.

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const bolt = stubBoltForFile();

beforeAll(() => {
  provider.register();
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const spans = () => exporter.getFinishedSpans();
const request = <T>(work: () => Promise<T>) => inSpan("GET /checkout", {}, work);

describe("the storefront's spans", () => {
  it("puts a Bolt call in the request's trace, with its operation, path, status and Bolt's trace id", async () => {
    const boltTraceId = "4f0c1a2b3c4d5e6f708192a3b4c5d6e7";
    bolt.reply("POST /v1/merchant/transactions/authorize", { headers: { "X-Bolt-Trace-Id": boltTraceId }, body: {} });
    captureLog();
    await request(() =>
      callBolt({
        operation: "authorize",
        method: "POST",
        path: "/v1/merchant/transactions/authorize",
        json: {},
        errors: "api",
      }),
    );
    const [call, root] = spans();
    expect(call?.name).toBe("bolt authorize");
    expect(call?.attributes).toEqual({
      "bolt.operation": "authorize",
      "http.request.method": "POST",
      "url.path": "/v1/merchant/transactions/authorize",
      "http.response.status_code": 200,
      "bolt.trace_id": boltTraceId,
    });
    expect(call?.spanContext().traceId).toBe(root?.spanContext().traceId);
    expect(call?.parentSpanContext?.spanId).toBe(root?.spanContext().spanId);
  });

  it("marks a refused Bolt call failed, by the error's name", async () => {
    bolt.reply("GET /v1/account", { status: 401, body: {} });
    captureLog();
    await request(() => callBolt({ operation: "getAccount", method: "GET", path: "/v1/account", errors: "api" })).catch(
      () => undefined,
    );
    expect(spans()[0]).toMatchObject({
      name: "bolt getAccount",
      status: { code: 2 },
      attributes: expect.objectContaining({ "http.response.status_code": 401, "error.type": "BoltApiError" }),
    });
  });

  it("names a ledger operation, never its values, and records its failure", async () => {
    await request(() => guarded("record the order", async () => "ok"));
    await request(() => guarded("read the order", () => Promise.reject(new Error("alice@example.com")))).catch(
      () => undefined,
    );
    const ledger = spans().filter((span) => span.name.startsWith("ledger "));
    expect(ledger.map((span) => [span.name, span.attributes["ledger.operation"], span.status.code])).toEqual([
      ["ledger record the order", "record the order", 0],
      ["ledger read the order", "read the order", 2],
    ]);
    expect(ledger[1]?.attributes["error.type"]).toBe(new LedgerUnavailableError("x").name);
    expect(JSON.stringify(ledger.map((span) => span.attributes))).not.toContain("alice");
  });

  it("traces a webhook's answer, failed when Bolt will deliver it again", async () => {
    await traceWebhook(async () => {
      annotateSpan({ "bolt.webhook.type": "capture" });
      return new Response(null, { status: 200 });
    });
    await traceWebhook(async () => new Response(null, { status: 401 }));
    expect(
      spans().map((span) => [
        span.attributes["bolt.webhook.type"],
        span.attributes["http.response.status_code"],
        span.status.code,
      ]),
    ).toEqual([
      ["capture", 200, 0],
      [undefined, 401, 2],
    ]);
  });

  it("writes the request's trace and span ids on each log line inside it", async () => {
    const logged = captureLog();
    let ids = { traceId: "", spanId: "" };
    await request(async () => {
      ids = trace.getActiveSpan()!.spanContext();
      log.info("inside");
    });
    log.info("outside");
    expect(logged.lines().map(({ msg, trace_id, span_id }) => ({ msg, trace_id, span_id }))).toEqual([
      { msg: "inside", trace_id: ids.traceId, span_id: ids.spanId },
      { msg: "outside", trace_id: undefined, span_id: undefined },
    ]);
  });
});
