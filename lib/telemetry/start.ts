import "server-only";

export type Tracing = {
  /** Sends the spans still held, then stops; gives up after SHUTDOWN_MS when the collector is away. */
  shutdown(): Promise<void>;
};

/** A stop must not wait on a collector that is down (the exporter retries for up to 30 s). */
export const SHUTDOWN_MS = 2_000;

/** Set by the operator; the exporter itself reads these (and OTEL_EXPORTER_OTLP_HEADERS) as the spec defines. */
export function tracingConfigured(env: Record<string, string | undefined> = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/** Without an endpoint nothing is imported, and every span stays OpenTelemetry's no-op. */
export async function startTracing(): Promise<Tracing | undefined> {
  if (!tracingConfigured()) return undefined;
  const [{ BatchSpanProcessor, NodeTracerProvider }, { OTLPTraceExporter }, { resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
    ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": process.env.OTEL_SERVICE_NAME || "bolt-storefront" }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // The global provider, the AsyncLocalStorage context and W3C propagation: Next's own spans (the
  // request's root) and the storefront's join one trace per request.
  provider.register();
  return {
    shutdown: async () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_MS)));
      await Promise.race([provider.shutdown(), late]).finally(() => clearTimeout(timer));
    },
  };
}
