import { trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startOtlpReceiver } from "@/tests/support/otlp-receiver.mjs";
import { SHUTDOWN_MS, startTracing, tracingConfigured } from "./start";

afterEach(() => {
  vi.unstubAllEnvs();
  trace.disable();
});

describe("startTracing", () => {
  it("starts nothing without an OTLP endpoint: every span stays a no-op", async () => {
    vi.stubEnv("OTEL_EXPORTER_OTLP_ENDPOINT", "");
    vi.stubEnv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "");
    await expect(startTracing()).resolves.toBeUndefined();
    const span = trace.getTracer("test").startSpan("anything");
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it("records spans and sends what it holds when it stops", async () => {
    const receiver = await startOtlpReceiver();
    try {
      vi.stubEnv("OTEL_EXPORTER_OTLP_ENDPOINT", receiver.url);
      const tracing = await startTracing();
      const span = trace.getTracer("test").startSpan("held in the batch");
      expect(span.isRecording()).toBe(true);
      span.end();
      await tracing?.shutdown();
      expect(receiver.spans.map((received) => received.name)).toEqual(["held in the batch"]);
    } finally {
      await receiver.close();
    }
  });

  it("stops in bounded time when the collector is away", async () => {
    vi.stubEnv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9");
    const tracing = await startTracing();
    trace.getTracer("test").startSpan("never delivered").end();
    const started = Date.now();
    await tracing?.shutdown();
    expect(Date.now() - started).toBeLessThan(SHUTDOWN_MS + 500);
  });

  it("reads either the OTLP endpoint or its traces-only form", () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })).toBe(true);
  });
});
